import { PageArgs } from '@trae/kit';
import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ContentKind, ContentStatus } from './content.enums.js';

@InputType()
export class CreateContentItemInput {
  @Field(() => ID)
  channelId: string;

  @Field(() => String, { description: '1 to 200 characters.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'At most 100000 characters.' })
  body?: string | null;

  @Field(() => ContentKind)
  kind: ContentKind;
}

@InputType({ description: 'Fields left out keep their value.' })
export class UpdateContentItemInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  body?: string | null;

  @Field(() => ContentKind, { nullable: true })
  kind?: ContentKind | null;
}

@ArgsType()
export class ContentItemsArgs extends PageArgs() {
  @Field(() => ContentStatus, { nullable: true })
  status?: ContentStatus | null;

  @Field(() => ContentKind, { nullable: true })
  kind?: ContentKind | null;

  @Field(() => String, { nullable: true, description: 'Matches title or body, case-insensitively.' })
  search?: string | null;
}
