// A kit service whose one query logs like a real resolver does (the kit's request line plus three
// more), with log shipping on or off as LOG_SHIPPING says. Sends its port once listening, and its CPU
// time when asked.
import 'reflect-metadata';
import {
  type BaseContext,
  buildFederatedSchema,
  createLogger,
  createOrm,
  createRedis,
  createService,
  createTokenVerifier,
} from '@trae/kit';
import { Ctx, Query, Resolver } from 'type-graphql';

@Resolver()
class PingResolver {
  @Query(() => String)
  ping(@Ctx() ctx: BaseContext): string {
    ctx.log.info({ step: 'authorize', user: ctx.user.id }, 'checked access');
    ctx.log.info({ step: 'load', rows: 20 }, 'loaded rows');
    ctx.log.debug({ step: 'detail' }, 'not shipped at info');
    ctx.log.info({ step: 'done' }, 'answered');
    return 'pong';
  }
}

const env = process.env;
const logger = createLogger('bench', 'info');
const service = await createService({
  name: 'bench',
  version: '0.0.0',
  schema: await buildFederatedSchema({ resolvers: [PingResolver] }),
  orm: await createOrm({
    databaseUrl: env.DATABASE_URL ?? '',
    schema: 'bench',
    entities: [],
    migrations: [],
  }),
  redis: createRedis(env.REDIS_URL ?? '', env.REDIS_PREFIX ?? ''),
  logger,
  internalSecret: env.INTERNAL_SECRET ?? '',
  verifyToken: createTokenVerifier({ issuer: 'x', audience: 'x', jwksUrl: 'http://127.0.0.1:1/jwks' }),
});
const port = await service.listen(0);
process.send?.({ port });
// The bench reads this process's CPU time around each round.
process.on('message', (m) => {
  if (m !== 'cpu') return;
  const { user, system } = process.cpuUsage();
  process.send?.({ cpu: user + system });
});
process.on('SIGTERM', () => void service.stop().then(() => process.exit(0)));
