import { PageArgs } from '@trae/kit';
import { ArgsType, Field, ID } from 'type-graphql';

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs() {
  @Field(() => ID)
  sourceId: string;
}
