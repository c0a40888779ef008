import type { MikroORM } from '@mikro-orm/postgresql';
import {
  afterCursor,
  type ConnectionShape,
  isSelfOrAdmin,
  isUuid,
  NEWEST_FIRST,
  type PageQuery,
  type Principal,
  pageSize,
  parseInput,
  toConnection,
} from '@trae/kit';
import { WebhookSource } from './webhook-source.entity.js';
import { newWebhookSourceSchema } from './webhook-source.schema.js';

/** The rules; the resolvers only pass the caller in. */
export class WebhookSourceService {
  constructor(private readonly orm: MikroORM) {}

  async create(owner: Principal, input: unknown): Promise<WebhookSource> {
    const { name } = parseInput(newWebhookSourceSchema, input, 'input');
    const row = Object.assign(new WebhookSource(), { ownerId: owner.id!, name });
    await this.orm.em.fork().persist(row).flush();
    return row;
  }

  /** The rows among `ids` the caller may see: their own (all of them for ADMIN). */
  async visible(caller: Principal, ids: readonly string[]): Promise<WebhookSource[]> {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    const rows = await this.orm.em.fork().find(WebhookSource, { id: { $in: valid } });
    return rows.filter((row) => isSelfOrAdmin(caller, row.ownerId));
  }

  /** One owner's rows, newest first, a keyset page at a time. */
  async list(ownerId: string, page: PageQuery): Promise<ConnectionShape<WebhookSource>> {
    const limit = pageSize(page.first);
    const em = this.orm.em.fork();
    const totalCount = await em.count(WebhookSource, { ownerId });
    const after = afterCursor(page.after);
    const rows = await em.find(WebhookSource, after ? { ownerId, ...after } : { ownerId }, {
      orderBy: NEWEST_FIRST,
      limit: limit + 1,
    });
    return toConnection(rows, limit, totalCount);
  }
}
