import { PageArgs } from '@trae/kit';
import { ArgsType, Field, ID, InputType } from 'type-graphql';

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => String, {
    description: 'http(s); private addresses are refused unless the deployment allows them.',
  })
  url: string;

  @Field(() => [String], {
    description:
      'One or more of task.completed, task.failed, content.published, file.ready, alert.firing, alert.resolved (the alerts: ADMIN only).',
  })
  eventTypes: string[];
}

@ArgsType()
export class WebhookEndpointsArgs extends PageArgs() {}

@ArgsType()
export class WebhookAttemptsArgs extends PageArgs() {
  @Field(() => ID)
  endpointId: string;
}
