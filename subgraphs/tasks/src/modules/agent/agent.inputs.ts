import { JSONScalar } from '@trae/kit';
import { Field, InputType } from 'type-graphql';
import { AgentStatus } from './agent.entity.js';

@InputType()
export class CreateAgentInput {
  @Field(() => String, { description: 'Lower-case letters, digits and dashes; tasks name it in `agent`.' })
  name: string;

  @Field(() => String, { description: 'system, research or content.' })
  runtime: string;

  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => [String], {
    nullable: true,
    description: 'A subset of the runtime’s; all of them by default.',
  })
  capabilities?: string[];

  @Field(() => JSONScalar, { nullable: true, description: 'Validated against the runtime’s settings.' })
  configuration?: Record<string, unknown>;

  @Field(() => AgentStatus, { nullable: true })
  status?: AgentStatus;
}

@InputType()
export class UpdateAgentInput {
  @Field(() => String, { nullable: true })
  description?: string;

  @Field(() => [String], { nullable: true })
  capabilities?: string[];

  @Field(() => JSONScalar, { nullable: true })
  configuration?: Record<string, unknown>;

  @Field(() => AgentStatus, { nullable: true })
  status?: AgentStatus;
}
