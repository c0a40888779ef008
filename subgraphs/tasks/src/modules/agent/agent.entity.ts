import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { JSONScalar } from '@trae/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export const AgentStatus = {
  ACTIVE: 'ACTIVE',
  /** Tasks are still accepted and queued, but no worker starts them until the agent is active again. */
  PAUSED: 'PAUSED',
} as const;
export type AgentStatus = (typeof AgentStatus)[keyof typeof AgentStatus];
registerEnumType(AgentStatus, { name: 'AgentStatus' });

/**
 * An agent persona (the seed's `agent_personas`): a name tasks address, the built-in runtime that does
 * the work (`system`, `research`, `content`), the capabilities it offers and its configuration.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'An agent persona: who runs tasks, with which capabilities and settings.' })
@Entity({ tableName: 'agent_personas' })
export class Agent {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Field(() => String, { description: 'What tasks name in `agent`; also its queue.' })
  @Property({ type: 'string' })
  name: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { description: 'The built-in implementation: system, research or content.' })
  @Property({ type: 'string' })
  runtime: string;

  @Field(() => [String])
  @Property({ type: 'json' })
  capabilities: string[];

  @Field(() => JSONScalar)
  @Property({ type: 'json' })
  configuration: Record<string, unknown>;

  @Field(() => AgentStatus)
  @Property({ type: 'string' })
  status: AgentStatus;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  updatedAt: Date;
}
