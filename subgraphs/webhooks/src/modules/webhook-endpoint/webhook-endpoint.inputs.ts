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

  @Field(() => ID, {
    nullable: true,
    description:
      "A channel's endpoint (its OWNERs and ADMIN only): it gets the channel's content.published and file.ready. Absent: yours.",
  })
  channelId?: string | null;
}

@ArgsType()
export class WebhookEndpointsArgs extends PageArgs() {
  @Field(() => ID, {
    nullable: true,
    description: "This channel's endpoints (its OWNERs and ADMIN); absent: yours.",
  })
  channelId?: string | null;
}

@ArgsType()
export class WebhookAttemptsArgs extends PageArgs() {
  @Field(() => ID)
  endpointId: string;
}
