import { PageArgs } from '@trae/kit';
import { ArgsType, Field, InputType } from 'type-graphql';
import { WebhookAction, WebhookSignature } from './webhook-source.enums.js';

@InputType()
export class CreateWebhookSourceInput {
  @Field(() => String, { description: '1 to 200 characters.' })
  name: string;

  @Field(() => WebhookAction)
  action: WebhookAction;

  @Field(() => WebhookSignature, { nullable: true, description: 'Default STANDARD_WEBHOOKS.' })
  signature?: WebhookSignature;

  @Field(() => String, { nullable: true, description: 'CREATE_TASK: the agent, e.g. `research`.' })
  agent?: string;

  @Field(() => String, { nullable: true, description: 'CREATE_TASK: one of the agent’s capabilities.' })
  taskType?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Generated when absent. STANDARD_WEBHOOKS: `whsec_` and base64 of 24 to 64 bytes.',
  })
  secret?: string;
}

@ArgsType()
export class WebhookSourcesArgs extends PageArgs() {}
