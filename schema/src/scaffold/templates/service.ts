import type { Names } from '../names.js';

/** The service's own files: everything around its modules, shaped like the five subgraphs'. */
export const serviceFiles = (n: Names, port: number, date: string): Record<string, string> => ({
  'tsconfig.json': `{ "extends": "../../tsconfig.json", "include": ["src", "test", "vitest.config.ts"] }\n`,
  'tsconfig.build.json': `{
  "extends": "../../tsconfig.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist" },
  "include": ["src"]
}
`,
  'vitest.config.ts': `import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: { include: ['test/**/*.test.ts'], testTimeout: 20_000, hookTimeout: 30_000, pool: 'forks' },
});
`,
  'src/index.ts': `#!/usr/bin/env node
import '@trae/kit/require-node';
import { createLogger, runMain } from '@trae/kit';
import { load${n.Name}Config } from './config.js';
import { create${n.Name}, VERSION } from './server.js';

const config = load${n.Name}Config();
const logger = createLogger('${n.name}', config.LOG_LEVEL);

await runMain(
  logger,
  async () => {
    const service = await create${n.Name}(config, logger);
    const port = await service.listen(config.PORT, config.HOST);
    logger.info({ port, version: VERSION }, '${n.name} ready');
    return service;
  },
  config.SHUTDOWN_TIMEOUT_MS,
);
`,
  'src/config.ts': `import { baseEnv, loadConfig, z } from '@trae/kit';

export const ${n.camel}Env = baseEnv.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(${port}),
});

export type ${n.Name}Config = z.infer<typeof ${n.camel}Env>;

export const load${n.Name}Config = (env: NodeJS.ProcessEnv = process.env) => loadConfig(${n.camel}Env, env);
`,
  'src/context.ts': `import { type BaseContext, byIdLoader } from '@trae/kit';
import type DataLoader from 'dataloader';
import type { ${n.Entity} } from './modules/${n.entity}/${n.entity}.entity.js';
import type { ${n.Entity}Service } from './modules/${n.entity}/${n.entity}.service.js';

export interface ${n.Name}Services {
  ${n.plural}: ${n.Entity}Service;
}

export interface ${n.Name}Context extends BaseContext {
  services: ${n.Name}Services;
  loaders: {
    /** The caller's ${n.pluralWords} by id (null otherwise), batched: \`_entities\` costs one query. */
    ${n.entityCamel}: DataLoader<string, ${n.Entity} | null>;
  };
}

export function ${n.camel}Context(services: ${n.Name}Services) {
  return (base: BaseContext): ${n.Name}Context => ({
    ...base,
    services,
    loaders: {
      ${n.entityCamel}: byIdLoader((ids) => services.${n.plural}.visible(base.user, ids)),
    },
  });
}
`,
  'src/schema.ts': `import { buildFederatedSchema } from '@trae/kit';
import type { GraphQLSchema } from 'graphql';
import { federationReferences } from './modules/federation/federation.reference.js';
import { User${n.Plural}Resolver } from './modules/federation/user-${n.pluralKebab}.resolver.js';
import { ${n.entityCamel}Reference } from './modules/${n.entity}/${n.entity}.reference.js';
import { ${n.Entity}Resolver } from './modules/${n.entity}/${n.entity}.resolver.js';

/** Needs no database: the composition script prints the SDL from this. */
export function build${n.Name}Schema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [${n.Entity}Resolver, User${n.Plural}Resolver],
    referenceResolvers: { ...${n.entityCamel}Reference, ...federationReferences },
  });
}
`,
  'src/server.ts': `import 'reflect-metadata';
import {
  createLogger,
  createOrm,
  createRedis,
  createService,
  type Logger,
  type Service,
  serviceSettings,
} from '@trae/kit';
import type { ${n.Name}Config } from './config.js';
import { type ${n.Name}Services, ${n.camel}Context } from './context.js';
import { ${n.camel}Routes } from './http/routes.js';
import { migrations } from './migrations/index.js';
import { ${n.Entity} } from './modules/${n.entity}/${n.entity}.entity.js';
import { ${n.Entity}Service } from './modules/${n.entity}/${n.entity}.service.js';
import { build${n.Name}Schema } from './schema.js';

export { load${n.Name}Config, type ${n.Name}Config } from './config.js';
export { build${n.Name}Schema };
export const VERSION = '0.1.0';
export const entities = [${n.Entity}];

export interface ${n.Name} extends Service {
  services: ${n.Name}Services;
}

export async function create${n.Name}(
  config: ${n.Name}Config,
  logger: Logger = createLogger('${n.name}', config.LOG_LEVEL),
): Promise<${n.Name}> {
  const orm = await createOrm({
    databaseUrl: config.DATABASE_URL,
    schema: '${n.pgSchema}',
    entities,
    migrations,
    logger,
  });
  const redis = createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger });
  const services: ${n.Name}Services = { ${n.plural}: new ${n.Entity}Service(orm) };

  const service = await createService({
    name: '${n.name}',
    version: VERSION,
    schema: await build${n.Name}Schema(),
    orm,
    redis,
    logger,
    ...serviceSettings(config),
    routes: ${n.camel}Routes(),
    extendContext: ${n.camel}Context(services),
  });
  return Object.assign(service, { services });
}
`,
  'src/http/routes.ts': `import type { Express } from 'express';

/**
 * REST routes beside GraphQL, mounted before \`/graphql\`: one \`<what>.route.ts\` each, registered
 * here. Service-to-service ones go under \`/internal/${n.name}/\` behind the kit's \`requireInternal\`.
 */
export function ${n.camel}Routes() {
  return (_app: Express) => {};
}
`,
  'src/migrations/index.ts': `import type { MigrationObject } from '@mikro-orm/core';
import { Initial${n.Name}${date} } from './${date}-initial.js';

/** Every migration, in order. Listed in code so the build cannot leave one behind. */
export const migrations: MigrationObject[] = [{ name: 'Initial${n.Name}${date}', class: Initial${n.Name}${date} }];
`,
  [`src/migrations/${date}-initial.ts`]: `import { Migration } from '@mikro-orm/migrations';

export class Initial${n.Name}${date} extends Migration {
  override async up(): Promise<void> {
    this.addSql(\`
      create table ${n.table} (
        id uuid primary key,
        owner_id uuid not null,
        name varchar(200) not null,
        created_at timestamptz not null default now()
      );
      create index ${n.table}_owner_created_idx on ${n.table} (owner_id, created_at desc, id desc);
    \`);
  }
}
`,
});
