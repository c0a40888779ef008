import 'reflect-metadata';
import {
  createLogger,
  createOrm,
  createRedis,
  createService,
  type Logger,
  OutboxRelay,
  type Service,
  serviceSettings,
} from '@trae/kit';
import { type ChannelsConfig, consumerName } from './config.js';
import { channelsContext } from './context.js';
import { channelsRoutes } from './http/routes.js';
import { migrations } from './migrations/index.js';
import { Channel } from './modules/channel/channel.entity.js';
import { ChannelService } from './modules/channel/channel.service.js';
import { ContentService } from './modules/content/content.service.js';
import { ContentItem } from './modules/content/content-item.entity.js';
import { OutboxEvent } from './modules/event/outbox-event.entity.js';
import { startTaskEvents } from './modules/event/task-events.js';
import { ChannelMember } from './modules/member/member.entity.js';
import { MemberService } from './modules/member/member.service.js';
import { IdentityDirectory } from './modules/member/user-directory.js';
import { buildChannelsSchema } from './schema.js';

export { buildChannelsSchema };
export const VERSION = '0.1.0';
export const entities = [Channel, ChannelMember, ContentItem, OutboxEvent];

export interface Channels extends Service {
  services: { channels: ChannelService; members: MemberService; content: ContentService };
  relay: OutboxRelay;
}

export async function createChannels(
  config: ChannelsConfig,
  logger: Logger = createLogger('channels', config.LOG_LEVEL),
): Promise<Channels> {
  const orm = await createOrm({
    databaseUrl: config.DATABASE_URL,
    schema: 'channels',
    entities,
    migrations,
    logger,
  });
  const redis = createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger });
  const relay = new OutboxRelay(orm, redis, logger, {
    entity: OutboxEvent,
    lock: 'channels:outbox',
    intervalMs: config.OUTBOX_INTERVAL_MS,
  });
  const users = new IdentityDirectory(config.IDENTITY_URL, config.INTERNAL_SECRET);
  const channels = new ChannelService(orm, relay);
  const members = new MemberService(orm, users, relay);
  const content = new ContentService(orm, relay);
  let taskEvents: { stop(): Promise<void> } | undefined;

  const service = await createService({
    name: 'channels',
    version: VERSION,
    schema: await buildChannelsSchema(),
    orm,
    redis,
    logger,
    ...serviceSettings(config),
    routes: channelsRoutes(members, content, config.INTERNAL_SECRET),
    extendContext: channelsContext({ channels, members, content }),
    onStop: async () => {
      await taskEvents?.stop();
      await relay.stop();
    },
  });
  taskEvents = startTaskEvents({
    redis: createRedis(config.REDIS_URL, config.REDIS_PREFIX, {}, { logger, role: 'task-events' }),
    consumer: consumerName(config),
    content,
    logger,
  });
  relay.start();
  return Object.assign(service, { services: { channels, members, content }, relay });
}
