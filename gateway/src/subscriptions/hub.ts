import { createHash } from 'node:crypto';
import type { ErrorCode, Logger } from '@trae/kit';
import { appError } from '@trae/kit';
import type { DocumentNode, ExecutionResult } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { EventExecutor } from './event-executor.js';
import type { SubscriptionPlan, SubscriptionPlanner } from './planner.js';
import { isRetryable, type ResumePolicy, retryDelay, STABLE_MS } from './resume-policy.js';
import { SubscriberQueue } from './subscriber-queue.js';
import type { UpstreamPool } from './upstream.js';

export interface SubscribeRequest {
  query: string;
  document: DocumentNode;
  operationName?: string;
  variables: Record<string, unknown>;
  context: GatewayContext;
  /** When the caller's token expires (epoch ms); the group prefers the longest-lived credential. */
  expiresAtMs: number;
  onOverflow(): void;
}

interface Member {
  queue: SubscriberQueue;
  context: GatewayContext;
  expiresAtMs: number;
}

interface Group {
  key: string;
  plan: SubscriptionPlan;
  request: SubscribeRequest;
  members: Set<Member>;
  /** The member whose credential the current upstream carries. */
  upstreamMember?: Member;
  /** Identifies the current upstream: events and ends from a replaced one are ignored. */
  upstream?: object;
  closeUpstream?: () => void;
  /** When the current upstream's connection was accepted. */
  connectedAt?: number;
  /** When the upstream was lost, while the gateway is reopening it; undefined while it is live. */
  lostAt?: number;
  attempt: number;
  retry?: NodeJS.Timeout;
  /** Events are resolved one at a time, in order, once for the whole group. */
  chain: Promise<void>;
}

export interface HubOptions {
  planner: SubscriptionPlanner;
  executor: EventExecutor;
  upstream: UpstreamPool;
  wsUrlOf: (subgraph: string) => string | undefined;
  logger: Logger;
  queueMax: number;
  resume: ResumePolicy;
  onEvent?: () => void;
}

const stable = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/**
 * Runs federated subscriptions. Identical subscriptions (same operation, variables and auth scope)
 * form one group: one upstream subscription on the owning subgraph and one execution of the rest of
 * the plan per event, fanned out to every member's bounded queue.
 */
export class SubscriptionHub {
  private readonly groups = new Map<string, Group>();

  constructor(private readonly options: HubOptions) {}

  get groupCount(): number {
    return this.groups.size;
  }

  subscribe(request: SubscribeRequest): AsyncIterableIterator<ExecutionResult> {
    const { principal } = request.context;
    const scope = principal.id ? `${principal.id}:${principal.role}` : 'guest';
    const key = createHash('sha256')
      .update(`${request.query}\0${request.operationName ?? ''}\0${stable(request.variables)}\0${scope}`)
      .digest('hex');
    let group = this.groups.get(key);
    const member: Member = {
      context: request.context,
      expiresAtMs: request.expiresAtMs,
      queue: new SubscriberQueue(
        this.options.queueMax,
        () => {
          this.leave(key, member);
          request.onOverflow();
        },
        () => this.leave(key, member),
      ),
    };
    if (!group) {
      const plan = this.options.planner.plan(
        `${request.operationName ?? ''}\0${request.query}`,
        request.document,
        request.operationName,
      );
      group = { key, plan, request, members: new Set(), attempt: 0, chain: Promise.resolve() };
      this.groups.set(key, group);
      group.members.add(member);
      this.openUpstream(group);
    } else {
      group.members.add(member);
    }
    return member.queue;
  }

  /** Ends every live subscription (for example on a schema update); clients reconnect and resubscribe. */
  endAll(final: ExecutionResult): void {
    for (const group of [...this.groups.values()]) {
      for (const member of group.members) member.queue.end(final);
      this.dispose(group);
    }
  }

  private leave(key: string, member: Member): void {
    const group = this.groups.get(key);
    if (!group?.members.delete(member)) return;
    if (group.members.size === 0) this.dispose(group);
    else if (group.upstreamMember === member) this.handOver(group, member);
  }

  /**
   * The member whose credential the upstream carries left (perhaps because that credential was
   * revoked): the upstream must not keep running on it, so it reopens with a remaining member's.
   */
  private handOver(group: Group, gone: Member): void {
    // Reopening already: the retry picks the lead then.
    if (group.retry) return;
    const next = this.lead(group);
    if (next && next.context.authorization === gone.context.authorization) {
      group.upstreamMember = next;
      return;
    }
    const previous = group.closeUpstream;
    group.closeUpstream = undefined;
    this.openUpstream(group);
    previous?.();
  }

  private dispose(group: Group): void {
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
    clearTimeout(group.retry);
    group.retry = undefined;
    group.upstream = undefined;
    group.closeUpstream?.();
    group.closeUpstream = undefined;
  }

  /** The member whose credential lives longest speaks for the group upstream and in entity fetches. */
  private lead(group: Group): Member | undefined {
    let best: Member | undefined;
    for (const m of group.members) if (!best || m.expiresAtMs > best.expiresAtMs) best = m;
    return best;
  }

  private openUpstream(group: Group): void {
    clearTimeout(group.retry);
    group.retry = undefined;
    group.connectedAt = undefined;
    const lead = this.lead(group);
    const subgraph = group.plan.primary.serviceName;
    const wsUrl = this.options.wsUrlOf(subgraph);
    if (!lead || !wsUrl) {
      this.fail(group, 'INTERNAL_SERVER_ERROR', `No route to subgraph ${subgraph}`);
      return;
    }
    const variables = Object.fromEntries(
      (group.plan.primary.variableUsages ?? []).map((name) => [name, group.request.variables[name]]),
    );
    const opened = Date.now();
    const handle = {};
    group.upstream = handle;
    group.upstreamMember = lead;
    group.closeUpstream = this.options.upstream.subscribe(
      wsUrl,
      lead.context.authorization,
      lead.context.requestId,
      { query: group.plan.primary.operation, variables, operationName: group.plan.primary.operationName },
      {
        next: (event) => {
          if (group.upstream !== handle) return;
          group.chain = group.chain.then(() => this.deliver(group, event));
        },
        connected: () => {
          if (group.upstream !== handle) return;
          group.connectedAt = Date.now();
          if (group.lostAt !== undefined)
            this.options.logger.info(
              { subgraph, downMs: group.connectedAt - group.lostAt, attempts: group.attempt },
              'upstream subscription resumed',
            );
        },
        end: (reason) => {
          if (group.upstream !== handle) return;
          group.closeUpstream = undefined;
          if (group.members.size === 0) return;
          // The subgraph ended the stream because the upstream credential expired: reopen with a live one.
          if (reason.closeCode === 4401 && Date.now() - opened > 1_000 && this.lead(group)) {
            this.openUpstream(group);
            return;
          }
          if (!reason.error) {
            group.chain = group.chain.then(() => this.finish(group));
          } else if (isRetryable(reason)) {
            this.resume(group, reason.closeCode);
          } else {
            this.options.logger.warn(
              { closeCode: reason.closeCode, subgraph },
              'upstream subscription refused',
            );
            this.fail(
              group,
              'SUBSCRIPTION_SOURCE_ENDED',
              'The subscription source ended unexpectedly; resubscribe',
              {
                serviceName: subgraph,
              },
            );
          }
        },
      },
    );
  }

  /**
   * The upstream was lost (the subgraph died, restarted or is unreachable): members stay subscribed
   * while the gateway reopens it with backoff, on whichever instance answers at the subgraph's URL.
   * Events published meanwhile are missed (subgraphs do not replay). Past the bound, members get
   * SERVICE_UNAVAILABLE and a complete.
   */
  private resume(group: Group, closeCode: number | undefined): void {
    const now = Date.now();
    const subgraph = group.plan.primary.serviceName;
    const recovered = group.connectedAt !== undefined && now - group.connectedAt >= STABLE_MS;
    if (group.lostAt === undefined || recovered) {
      group.lostAt = now;
      group.attempt = 0;
      this.options.logger.warn({ closeCode, subgraph }, 'upstream subscription lost; reopening');
    }
    const left = group.lostAt + this.options.resume.giveUpMs - now;
    if (left <= 0) {
      this.options.logger.error(
        { subgraph, downMs: now - group.lostAt, attempts: group.attempt },
        'upstream subscription not resumed; ending it',
      );
      this.fail(group, 'SERVICE_UNAVAILABLE', 'The subscription source is unavailable; resubscribe shortly', {
        serviceName: subgraph,
      });
      return;
    }
    group.upstream = undefined;
    const delay = Math.min(left, retryDelay(this.options.resume, group.attempt++));
    group.retry = setTimeout(() => {
      group.retry = undefined;
      if (this.groups.get(group.key) === group && group.members.size > 0) this.openUpstream(group);
    }, delay);
    group.retry.unref();
  }

  private async deliver(group: Group, event: ExecutionResult): Promise<void> {
    group.lostAt = undefined;
    const lead = this.lead(group);
    if (!lead) return;
    let result: ExecutionResult;
    try {
      result = await this.options.executor.execute(group.plan, group.request, event, lead.context);
    } catch (err) {
      this.options.logger.error({ err }, 'subscription event execution failed');
      result = { errors: [appError('INTERNAL_SERVER_ERROR', 'Internal server error')] };
    }
    this.options.onEvent?.();
    for (const member of group.members) member.queue.push(result);
  }

  private async finish(group: Group): Promise<void> {
    for (const member of group.members) member.queue.end();
    this.dispose(group);
  }

  private fail(
    group: Group,
    code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
  ): void {
    const final: ExecutionResult = { errors: [appError(code, message, extensions)] };
    group.chain = group.chain.then(() => {
      for (const member of group.members) member.queue.end(final);
      this.dispose(group);
    });
  }
}
