import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface PostResult {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Keep-alive agents shared by every subgraph fetch. A gateway talks to a handful of hosts all day, so
 * reusing sockets (and skipping a general-purpose fetch stack) is most of the cost of a fetch.
 */
const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64, scheduling: 'lifo' }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 64, scheduling: 'lifo' }),
};

/**
 * POSTs a body and reads the whole answer; rejects on network errors (with Node's `code`, such as
 * `ECONNREFUSED`) and after `timeoutMs` (code `SUBGRAPH_TIMEOUT`).
 */
export function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostResult> {
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('timeout', () =>
      req.destroy(
        Object.assign(new Error(`Subgraph did not answer within ${timeoutMs} ms`), {
          code: 'SUBGRAPH_TIMEOUT',
        }),
      ),
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The fetch-shaped function RemoteGraphQLDataSource calls, over `post`. Only what the data source reads
 * is provided: status, headers, json() and text().
 */
export function keepAliveFetcher(timeoutMs: number) {
  return async (url: string, init?: { headers?: Record<string, string>; body?: string }) => {
    const res = await post(new URL(url), init?.headers ?? {}, init?.body ?? '', timeoutMs);
    return {
      ok: res.status >= 200 && res.status < 300,
      status: res.status,
      statusText: res.statusText,
      url,
      headers: {
        get: (name: string) => {
          const value = res.headers[name.toLowerCase()];
          return Array.isArray(value) ? value.join(', ') : (value ?? null);
        },
      },
      json: async () => JSON.parse(res.body),
      text: async () => res.body,
    };
  };
}
