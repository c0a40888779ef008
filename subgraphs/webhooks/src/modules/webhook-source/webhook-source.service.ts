import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  type ConnectionShape,
  Errors,
  isSelfOrAdmin,
  isUuid,
  newestFirstPage,
  type PageQuery,
  type Principal,
  pageSize,
  parseInput,
} from '@trae/kit';
import type { SourceCache } from './source-cache.js';
import { WebhookSource } from './webhook-source.entity.js';
import { newWebhookSourceSchema } from './webhook-source.schema.js';

/** A Standard Webhooks secret: 32 random bytes, `whsec_` and base64 (also used as the X-Signature key). */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** The rules; the resolvers only pass the caller in. */
export class WebhookSourceService {
  constructor(
    private readonly orm: MikroORM,
    private readonly cache: SourceCache,
  ) {}

  async create(owner: Principal, input: unknown): Promise<{ source: WebhookSource; secret: string }> {
    const { secret, ...fields } = parseInput(newWebhookSourceSchema, input, 'input');
    const chosen = secret ?? newSecret();
    const source = Object.assign(new WebhookSource(), {
      ...fields,
      ownerId: owner.id!,
      secrets: [chosen],
    });
    await this.orm.em.fork().persist(source).flush();
    return { source, secret: chosen };
  }

  /**
   * A new secret in front; the newest previous one stays accepted until the next rotation, so the
   * sender can switch over without a moment where its deliveries are refused.
   */
  async rotateSecret(caller: Principal, id: string): Promise<{ source: WebhookSource; secret: string }> {
    const em = this.orm.em.fork();
    const source = isUuid(id) ? await em.findOne(WebhookSource, { id }) : null;
    if (!source || !isSelfOrAdmin(caller, source.ownerId)) throw Errors.notFound('Webhook source');
    const secret = newSecret();
    source.secrets = [secret, ...source.secrets].slice(0, 2);
    await em.flush();
    await this.cache.changed(source.id);
    return { source, secret };
  }

  /** For the receiving route: any source, whoever calls (the signature is the authorization); cached. */
  async find(id: string): Promise<WebhookSource | null> {
    if (!isUuid(id)) return null;
    return this.cache.get(id, () => this.orm.em.fork().findOne(WebhookSource, { id }));
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
    return newestFirstPage(em, WebhookSource, { ownerId }, page.after, limit);
  }
}
