import { raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  assertUuid,
  type ConnectionShape,
  Errors,
  isUuid,
  newestFirstPage,
  type Principal,
  pageSize,
  searchPattern,
} from '@trae/kit';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password.js';
import type { Revocations } from '../auth/revocations.js';
import type { SessionService } from '../session/session.service.js';
import { User } from './user.entity.js';
import type { Role } from './user.enums.js';
import type { UserChange, UserEvents } from './user-events.js';

export interface NewUser {
  username: string;
  email: string;
  password: string;
  role?: Role;
  /** The address is known to be right (the first admin, from the environment). */
  verified?: boolean;
}

export interface UserQuery {
  first?: number | null;
  after?: string | null;
  search?: string | null;
  role?: Role | null;
}

/** The account a login names: its username in any case, or its email. */
export const byLogin = (login: string) => {
  const value = login.trim().toLowerCase();
  return { $or: [{ email: value }, { [raw('lower(username)')]: value }] };
};

export class UserService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditService,
    private readonly revocations: Revocations,
    private readonly sessions: SessionService,
    private readonly events?: UserEvents,
  ) {}

  /**
   * Announces a change (other services mirror users: the Base44 sync) in `em`'s unit of work: call it
   * before the flush that saves the change, so both commit together or neither does.
   */
  changed(em: EntityManager, userId: string, change: UserChange): void {
    this.events?.changed(em, userId, change);
  }

  async create(input: NewUser): Promise<User> {
    const em = this.orm.em.fork();
    const user = em.create(User, {
      username: input.username.trim(),
      email: input.email.trim().toLowerCase(),
      passwordHash: await hashPassword(input.password),
      role: input.role ?? 'USER',
      emailVerifiedAt: input.verified ? new Date() : null,
      disabled: false,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    em.persist(user);
    this.changed(em, user.id, 'created');
    try {
      await em.flush();
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) {
        const field = /users_email_key/.test(err.message) ? 'email' : 'username';
        throw Errors.conflict(`That ${field} is already taken`, field);
      }
      throw err;
    }
    return user;
  }

  findById(id: string): Promise<User | null> {
    return isUuid(id) ? this.orm.em.fork().findOne(User, { id }) : Promise.resolve(null);
  }

  /**
   * The active account with exactly this username (in any case), for signed-in users who add someone
   * they know: an exact name reveals no list, and disabled accounts are not offered.
   */
  findActiveByUsername(username: string): Promise<User | null> {
    const value = username.trim().toLowerCase();
    if (!value) return Promise.resolve(null);
    return this.orm.em.fork().findOne(User, { [raw('lower(username)')]: value, disabled: false });
  }

  findByIds(ids: readonly string[]): Promise<User[]> {
    return this.orm.em.fork().find(User, { id: { $in: ids.filter(isUuid) } });
  }

  /** Emails are stored lower-cased; the password hash comes along for the checks that need it. */
  findByEmail(email: string): Promise<User | null> {
    return this.orm.em
      .fork()
      .findOne(User, { email: email.trim().toLowerCase() }, { populate: ['passwordHash'] });
  }

  /** The login is a username (any case) or an email. */
  findByLogin(login: string): Promise<User | null> {
    return this.orm.em.fork().findOne(User, byLogin(login), { populate: ['passwordHash'] });
  }

  async list(query: UserQuery): Promise<ConnectionShape<User>> {
    const limit = pageSize(query.first);
    const em = this.orm.em.fork();
    const where: Record<string, unknown> = {};
    if (query.role) where.role = query.role;
    const like = searchPattern('search', query.search);
    if (like) where.$or = [{ username: { $ilike: like } }, { email: { $ilike: like } }];
    return newestFirstPage(em, User, where, query.after, limit);
  }

  async setRole(actor: Principal, userId: string, role: Role): Promise<User> {
    assertUuid('userId', userId);
    const em = this.orm.em.fork();
    const user = await em.findOne(User, { id: userId });
    if (!user) throw Errors.notFound('User');
    if (user.id === actor.id && role !== 'ADMIN') {
      throw Errors.badInput('role', 'Admins cannot demote themselves; ask another admin');
    }
    const from = user.role;
    if (from === role) return user;
    user.role = role;
    this.changed(em, user.id, 'role');
    await this.audit.record(
      {
        type: AuditEventType.ROLE_CHANGED,
        actorId: actor.id,
        subjectId: user.id,
        details: { from, to: role },
      },
      em,
    );
    await this.revocations.user(user.id);
    return user;
  }

  /**
   * A role decided outside (an OpenID Connect provider's groups), not by an admin: no actor, and the
   * self-demotion rule does not apply. Its tokens are revoked as for `setRole`.
   */
  async syncRole(userId: string, role: Role, details: Record<string, unknown>): Promise<void> {
    const em = this.orm.em.fork();
    const user = await em.findOne(User, { id: userId });
    if (!user || user.role === role) return;
    // A provider's groups never take away the platform's last ADMIN: nobody could manage it any more.
    if (user.role === 'ADMIN' && (await em.count(User, { role: 'ADMIN', disabled: false })) <= 1) return;
    const from = user.role;
    user.role = role;
    this.changed(em, user.id, 'role');
    await this.audit.record(
      { type: AuditEventType.ROLE_CHANGED, subjectId: user.id, details: { ...details, from, to: role } },
      em,
    );
    await this.revocations.user(user.id);
  }

  async setDisabled(actor: Principal, userId: string, disabled: boolean): Promise<User> {
    assertUuid('userId', userId);
    const em = this.orm.em.fork();
    const user = await em.findOne(User, { id: userId });
    if (!user) throw Errors.notFound('User');
    if (user.id === actor.id && disabled)
      throw Errors.badInput('disabled', 'Admins cannot disable themselves');
    if (user.disabled === disabled) return user;
    user.disabled = disabled;
    this.changed(em, user.id, 'disabled');
    const type = disabled ? AuditEventType.USER_DISABLED : AuditEventType.USER_ENABLED;
    await this.audit.record({ type, actorId: actor.id, subjectId: user.id }, em);
    if (disabled) await this.sessions.endAll(user.id);
    return user;
  }

  async countAdmins(): Promise<number> {
    return this.orm.em.fork().count(User, { role: 'ADMIN' });
  }
}
