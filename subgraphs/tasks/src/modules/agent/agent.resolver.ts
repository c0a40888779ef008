import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { TasksContext } from '../../context.js';
import { Agent } from './agent.entity.js';
import { CreateAgentInput, UpdateAgentInput } from './agent.inputs.js';
import { AgentStats, QueueStats } from './agent.types.js';

@Resolver(() => Agent)
export class AgentResolver {
  @Authorized('USER', 'AGENT')
  @Directive('@listSize(assumedSize: 20)')
  @Query(() => [Agent])
  agents(@Ctx() ctx: TasksContext) {
    return ctx.services.agents.list();
  }

  @Authorized('USER', 'AGENT')
  @Query(() => Agent, { nullable: true, description: 'By id or by name.' })
  agent(@Arg('id', () => ID) id: string, @Ctx() ctx: TasksContext) {
    return ctx.services.agents.find(id);
  }

  @Authorized('ADMIN')
  @Mutation(() => Agent)
  createAgent(@Arg('input', () => CreateAgentInput) input: CreateAgentInput, @Ctx() ctx: TasksContext) {
    return ctx.services.agents.create(input);
  }

  @Authorized('ADMIN')
  @Mutation(() => Agent)
  updateAgent(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAgentInput) input: UpdateAgentInput,
    @Ctx() ctx: TasksContext,
  ) {
    return ctx.services.agents.update(id, input);
  }

  @Authorized('USER', 'AGENT')
  @Directive('@listSize(assumedSize: 20)')
  @Query(() => [QueueStats], { description: 'Every agent queue right now.' })
  queueStats(@Ctx() ctx: TasksContext) {
    return ctx.services.agents.queueStats();
  }

  @FieldResolver(() => AgentStats)
  stats(@Root() agent: Agent, @Ctx() ctx: TasksContext) {
    return ctx.loaders.agentStats.load(agent.name);
  }
}
