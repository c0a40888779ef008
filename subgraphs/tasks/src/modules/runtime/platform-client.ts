import { InternalClient, z } from '@trae/kit';

/** Who a tool acts for: the task's creator, with the role this run was authorized with. */
export interface Actor {
  userId: string;
  role: string;
}

const logsBody = z.object({
  totalCount: z.number(),
  lines: z.array(
    z.object({
      time: z.string(),
      level: z.string(),
      service: z.string(),
      message: z.string(),
      requestId: z.string().nullable(),
    }),
  ),
});
const errorsBody = z.object({
  totalCount: z.number(),
  groups: z.array(
    z.object({
      id: z.union([z.number(), z.string()]),
      type: z.string(),
      message: z.string(),
      service: z.string(),
      severity: z.string(),
      count: z.number(),
      resolved: z.boolean(),
      firstSeen: z.string(),
      lastSeen: z.string(),
    }),
  ),
});
const seriesBody = z.object({
  points: z.array(
    z.object({ time: z.string(), service: z.string(), value: z.number(), min: z.number(), max: z.number() }),
  ),
});
const contentItem = z.object({
  id: z.string(),
  channelId: z.string(),
  title: z.string(),
  body: z.string(),
  kind: z.string(),
  status: z.string(),
  createdAt: z.string(),
});
const contentBody = z.object({ totalCount: z.number(), items: z.array(contentItem) });

export interface LogSearch {
  search?: string;
  level?: string;
  service?: string;
  from?: string;
  to?: string;
  first?: number;
}

export interface MetricQuery {
  name: string;
  service?: string;
  from?: string;
  to?: string;
  step?: number;
}

export interface ContentSearch {
  status?: string;
  kind?: string;
  search?: string;
  first?: number;
}

export interface NewDraft {
  title: string;
  body: string;
  kind: string;
}

/** Query parameters without the absent ones, as text. */
const params = (values: Record<string, string | number | boolean | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );

/**
 * The observability and channels services' internal routes for the agents' tools. Every call names the
 * user it acts for, and the service that owns the data applies that user's rules (logs and errors of
 * their own requests unless ADMIN; content of channels they belong to, drafts where they edit); its
 * refusals come back as the kit's coded errors (NOT_FOUND, FORBIDDEN, BAD_USER_INPUT).
 */
export class PlatformClient {
  private readonly observability: InternalClient;
  private readonly channels: InternalClient;

  constructor(urls: { observability: string; channels: string }, secret: string) {
    this.observability = new InternalClient({
      service: 'observability',
      baseUrl: urls.observability,
      secret,
    });
    this.channels = new InternalClient({ service: 'channels', baseUrl: urls.channels, secret });
  }

  logs(actor: Actor, q: LogSearch, signal?: AbortSignal) {
    return this.observability.json('/internal/logs', logsBody, { query: params({ ...actor, ...q }), signal });
  }

  errors(actor: Actor, q: { resolved?: boolean; service?: string; first?: number }, signal?: AbortSignal) {
    return this.observability.json('/internal/errors', errorsBody, {
      query: params({ ...actor, ...q }),
      signal,
    });
  }

  metricSeries(actor: Actor, q: MetricQuery, signal?: AbortSignal) {
    return this.observability.json('/internal/metrics/series', seriesBody, {
      query: params({ ...actor, ...q }),
      signal,
    });
  }

  content(actor: Actor, channelId: string, q: ContentSearch, signal?: AbortSignal) {
    return this.channels.json(`/internal/channels/${encodeURIComponent(channelId)}/content`, contentBody, {
      query: params({ ...actor, ...q }),
      signal,
    });
  }

  draft(actor: Actor, channelId: string, draft: NewDraft, signal?: AbortSignal) {
    return this.channels.json(`/internal/channels/${encodeURIComponent(channelId)}/content`, contentItem, {
      body: { ...actor, ...draft },
      signal,
    });
  }
}
