import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Errors, isSelfOrAdmin, isUuid, type Principal, parseInput } from '@trae/kit';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import { sha256 } from '../auth/auth.service.js';
import type { Revocations } from '../auth/revocations.js';
import type { KeyService } from '../signing-key/signing-key.service.js';
import { User } from '../user/user.entity.js';
import type { Role } from '../user/user.enums.js';
import { ApiKey } from './api-key.entity.js';
import { newApiKey } from './api-key.schema.js';

/** Every key starts with this, which is how the gateway tells a key from a JWT. */
export const API_KEY_PREFIX = 'trae_';
/** Writing `lastUsedAt` on every exchange would make each request a write; once a minute is enough. */
const LAST_USED_RESOLUTION_MS = 60_000;

const RANK: Record<Role, number> = { GUEST: 0, AGENT: 1, USER: 2, ADMIN: 3 };
const rank = (role: Role) => RANK[role];

export interface NewApiKey {
  name: string;
  role: Role;
  expiresAt?: Date | null;
}

export interface Exchange {
  accessToken: string;
  expiresAt: number;
  apiKeyId: string;
}

export class ApiKeyService {
  constructor(
    private readonly orm: MikroORM,
    private readonly keys: KeyService,
    private readonly audit: AuditService,
    private readonly revocations: Revocations,
    private readonly tokenTtlSeconds: number,
  ) {}

  async create(actor: Principal, input: NewApiKey): Promise<{ apiKey: ApiKey; secret: string }> {
    if (!actor.id) throw Errors.unauthenticated();
    const { name, expiresAt } = parseInput(newApiKey, input);
    if (rank(input.role) > rank(actor.role))
      throw Errors.forbidden(`A ${actor.role} cannot create ${input.role} keys`);
    if (actor.apiKeyId) throw Errors.forbidden('API keys cannot create other API keys');
    const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const em = this.orm.em.fork();
    const apiKey = em.create(ApiKey, {
      userId: actor.id,
      name,
      role: input.role,
      prefix: secret.slice(0, 12),
      keyHash: sha256(secret),
      expiresAt: expiresAt ?? undefined,
      createdAt: new Date(),
    });
    em.persist(apiKey);
    await this.audit.record(
      {
        type: AuditEventType.API_KEY_CREATED,
        actorId: actor.id,
        subjectId: actor.id,
        details: { apiKeyId: apiKey.id, name, role: input.role },
      },
      em,
    );
    return { apiKey, secret };
  }

  listFor(userId: string): Promise<ApiKey[]> {
    return this.orm.em.fork().find(ApiKey, { userId }, { orderBy: { createdAt: 'desc' } });
  }

  /** The owner or an admin may revoke. Others get NOT_FOUND, so key ids cannot be probed. */
  async revoke(actor: Principal, id: string): Promise<boolean> {
    const em = this.orm.em.fork();
    const key = isUuid(id) ? await em.findOne(ApiKey, { id }) : null;
    if (!key || !isSelfOrAdmin(actor, key.userId)) throw Errors.notFound('API key');
    if (key.revokedAt) return true;
    key.revokedAt = new Date();
    await this.audit.record(
      {
        type: AuditEventType.API_KEY_REVOKED,
        actorId: actor.id,
        subjectId: key.userId,
        details: { apiKeyId: key.id },
      },
      em,
    );
    await this.revocations.apiKey(key.id, key.userId);
    return true;
  }

  /** Trades a key for a short access token; null when the key is unknown, revoked, expired or its owner disabled. */
  async exchange(secret: string): Promise<Exchange | null> {
    if (!secret.startsWith(API_KEY_PREFIX) || secret.length > 100) return null;
    const em = this.orm.em.fork();
    const key = await em.findOne(ApiKey, { keyHash: sha256(secret) });
    const now = new Date();
    if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return null;
    const owner = await em.findOne(User, { id: key.userId });
    if (!owner || owner.disabled) return null;
    const remaining = key.expiresAt
      ? Math.floor((key.expiresAt.getTime() - now.getTime()) / 1000)
      : Number.POSITIVE_INFINITY;
    const ttlSeconds = Math.max(1, Math.min(this.tokenTtlSeconds, remaining));
    // A key never outranks its owner, even after the owner was demoted.
    const role = rank(key.role) <= rank(owner.role) ? key.role : owner.role;
    const access = await this.keys.signAccessToken(
      { id: owner.id, username: owner.username, role },
      { ttlSeconds, apiKeyId: key.id },
    );
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: now });
    }
    return { accessToken: access.token, expiresAt: access.expiresAt, apiKeyId: key.id };
  }
}
