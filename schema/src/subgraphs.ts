import { buildChannelsSchema } from '@trae/channels';
import { buildFilesSchema } from '@trae/files';
import { buildIdentitySchema } from '@trae/identity';
import { buildObservabilitySchema } from '@trae/observability';
import { buildTasksSchema } from '@trae/tasks';
import { buildWebhooksSchema } from '@trae/webhooks';
import type { GraphQLSchema } from 'graphql';

export interface SubgraphEntry {
  name: string;
  /** Where the gateway finds it unless `<NAME>_URL` overrides it. */
  url: string;
  build: () => Promise<GraphQLSchema>;
}

/** Every subgraph in the supergraph. A new subgraph is one line here. */
export const subgraphs: SubgraphEntry[] = [
  { name: 'identity', url: 'http://127.0.0.1:4001/graphql', build: buildIdentitySchema },
  { name: 'channels', url: 'http://127.0.0.1:4002/graphql', build: buildChannelsSchema },
  { name: 'tasks', url: 'http://127.0.0.1:4003/graphql', build: buildTasksSchema },
  { name: 'files', url: 'http://127.0.0.1:4004/graphql', build: buildFilesSchema },
  { name: 'observability', url: 'http://127.0.0.1:4005/graphql', build: buildObservabilitySchema },
  { name: 'webhooks', url: 'http://127.0.0.1:4006/graphql', build: buildWebhooksSchema },
];
