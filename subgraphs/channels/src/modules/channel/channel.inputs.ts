import { PageArgs } from '@trae/kit';
import { ArgsType, Field, InputType } from 'type-graphql';
import { ChannelPlatform, ChannelStatus } from './channel.enums.js';

@InputType({ description: 'Fields left out keep their value; null clears tone, audience or the schedule.' })
export class ChannelSettingsInput {
  @Field(() => String, { nullable: true })
  tone?: string | null;

  @Field(() => String, { nullable: true })
  audience?: string | null;

  @Field(() => String, { nullable: true })
  language?: string | null;

  @Field(() => [String], { nullable: true })
  hashtags?: string[] | null;

  @Field(() => String, { nullable: true })
  postingSchedule?: string | null;
}

@InputType()
export class CreateChannelInput {
  @Field(() => String, { description: '1 to 100 characters; the slug is made from it.' })
  name: string;

  @Field(() => ChannelPlatform)
  platform: ChannelPlatform;

  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' })
  description?: string | null;

  @Field(() => ChannelSettingsInput, { nullable: true })
  settings?: ChannelSettingsInput | null;
}

@InputType({ description: 'Fields left out keep their value.' })
export class UpdateChannelInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Lowercase letters and digits separated by dashes.' })
  slug?: string | null;

  @Field(() => ChannelPlatform, { nullable: true })
  platform?: ChannelPlatform | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ChannelStatus, {
    nullable: true,
    description: 'ACTIVE or PAUSED; use archiveChannel to archive.',
  })
  status?: ChannelStatus | null;

  @Field(() => ChannelSettingsInput, { nullable: true })
  settings?: ChannelSettingsInput | null;
}

@ArgsType()
export class MembersArgs extends PageArgs() {}

@ArgsType()
export class ChannelsArgs extends PageArgs() {
  @Field(() => String, {
    nullable: true,
    description: 'Matches name, slug or description, case-insensitively.',
  })
  search?: string | null;

  @Field(() => ChannelPlatform, { nullable: true })
  platform?: ChannelPlatform | null;

  @Field(() => ChannelStatus, { nullable: true, description: 'Without it, archived channels are left out.' })
  status?: ChannelStatus | null;
}
