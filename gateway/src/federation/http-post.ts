import { STATUS_CODES } from 'node:http';
import { Agent, request } from 'undici';

export interface PostResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One undici pool of keep-alive connections per subgraph origin, shared by every fetch. A gateway talks
 * to a handful of hosts all day; undici's client costs a fraction of `node:http`'s per request (no
 * ClientRequest, no legacy URL parsing, no agent bookkeeping), which the gateway's profile showed.
 */
const pools = new Agent({ connections: 512, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });

/** undici's deadlines; a subgraph that misses one is as unavailable as one that cannot be reached. */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * POSTs a body and reads the whole answer; rejects on network errors (with Node's or undici's `code`,
 * such as `ECONNREFUSED` or `UND_ERR_SOCKET`) and when the answer's headers or body stall for
 * `timeoutMs` (code `SUBGRAPH_TIMEOUT`).
 */
export async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostResult> {
  try {
    const res = await request(url, {
      method: 'POST',
      headers,
      body,
      dispatcher: pools,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
  } catch (err) {
    if (!TIMEOUT_CODES.has((err as { code?: string }).code ?? '')) throw err;
    throw Object.assign(new Error(`Subgraph did not answer within ${timeoutMs} ms`), {
      code: 'SUBGRAPH_TIMEOUT',
      cause: err,
    });
  }
}

/** The fetch-shaped answer Apollo's error handling reads (status, headers, json() and text()). */
export function fetcherResponse(url: string, res: PostResult) {
  return {
    ok: res.status >= 200 && res.status < 300,
    status: res.status,
    statusText: STATUS_CODES[res.status] ?? '',
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
}

export type FetcherResponse = ReturnType<typeof fetcherResponse>;
