import { buildFederatedSchema } from '@trae/kit';
import type { GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import { agentReference } from './modules/agent/agent.reference.js';
import { AgentResolver } from './modules/agent/agent.resolver.js';
import { BackupResolver } from './modules/backup/backup.resolver.js';
import { ChannelTasksResolver } from './modules/federation/channel-tasks.resolver.js';
import { federationReferences } from './modules/federation/federation.reference.js';
import { UserTasksResolver } from './modules/federation/user-tasks.resolver.js';
import { taskReference } from './modules/task/task.reference.js';
import { TaskResolver } from './modules/task/task.resolver.js';
import { UsageResolver } from './modules/usage/usage.resolver.js';

/** For printing the SDL only: a running server passes the Redis event bus instead. */
const printOnly: PubSub = {
  publish: () => undefined,
  subscribe: () => {
    throw new Error('subscriptions need the event bus');
  },
};

/** Needs no database: the composition script prints the SDL from this. */
export function buildTasksSchema(pubSub: PubSub = printOnly): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      TaskResolver,
      AgentResolver,
      BackupResolver,
      UsageResolver,
      UserTasksResolver,
      ChannelTasksResolver,
    ],
    referenceResolvers: { ...taskReference, ...agentReference, ...federationReferences },
    pubSub,
  });
}
