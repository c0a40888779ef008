import { PageArgs } from '@trae/kit';
import { ArgsType, Field, InputType } from 'type-graphql';

@InputType()
export class CreateWebhookSourceInput {
  @Field(() => String, { description: '1 to 200 characters.' })
  name: string;
}

@ArgsType()
export class WebhookSourcesArgs extends PageArgs() {}
