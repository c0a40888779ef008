import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import ipaddr from 'ipaddr.js';

export interface SafeHttpOptions {
  /** Private, loopback, link-local and other non-public addresses are refused unless this is set. */
  allowPrivate: boolean;
  maxBytes: number;
  timeoutMs: number;
  userAgent?: string;
  maxRedirects?: number;
}

export interface FetchOptions {
  signal?: AbortSignal;
  maxBytes?: number;
  timeoutMs?: number;
  userAgent?: string;
}

export interface PostOptions extends FetchOptions {
  headers?: Record<string, string>;
}

export interface FetchedPage {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
  /** The body was cut at `maxBytes`. */
  truncated: boolean;
}

/** A refusal or failure that says what went wrong with which URL, safe to show to the task's owner. */
export class FetchError extends Error {
  override name = 'FetchError';
}

/** Only globally routable unicast addresses count as public (IPv4-mapped IPv6 is judged as IPv4). */
export function isPublicAddress(address: string): boolean {
  try {
    return ipaddr.process(address).range() === 'unicast';
  } catch {
    return false;
  }
}

/**
 * GET for agents that fetch URLs users give them, POST for webhooks sent to URLs users register. The address check runs inside the socket's DNS
 * lookup, so the address we vetted is the one we connect to (no DNS-rebinding window), and again on
 * every redirect hop. Bodies are capped after decompression, so a small gzip bomb stays small.
 */
export class SafeHttp {
  /**
   * Connections are kept alive and reused (a webhook receiver gets many requests), in pools of this
   * instance's own: each socket in them was opened through the address check, never one another part of
   * the process opened to the same host and port unchecked.
   */
  private readonly agents = {
    http: new HttpAgent({ keepAlive: true }),
    https: new HttpsAgent({ keepAlive: true }),
  };

  constructor(private readonly options: SafeHttpOptions) {}

  async get(url: string, options: FetchOptions = {}): Promise<FetchedPage> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
    const signal = AbortSignal.any(signals);
    let current = new URL(url);
    for (let hop = 0; hop <= (this.options.maxRedirects ?? 5); hop++) {
      const res = await this.request(current, signal, options.userAgent ?? this.options.userAgent);
      const location = res.headers.location;
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
        res.resume();
        current = new URL(location, current);
        continue;
      }
      const { body, truncated } = await readCapped(res, options.maxBytes ?? this.options.maxBytes, signal);
      return {
        url: current.toString(),
        status: res.statusCode ?? 0,
        contentType: String(res.headers['content-type'] ?? ''),
        body,
        truncated,
      };
    }
    throw new FetchError(`${url}: too many redirects`);
  }

  /** One POST, redirects not followed (a webhook receiver answers where it is registered). */
  async post(url: string, body: string | Buffer, options: PostOptions = {}): Promise<FetchedPage> {
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
    const signal = AbortSignal.any(signals);
    const target = new URL(url);
    const res = await this.request(target, signal, options.userAgent ?? this.options.userAgent, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body,
    });
    const read = await readCapped(res, options.maxBytes ?? this.options.maxBytes, signal);
    return {
      url: target.toString(),
      status: res.statusCode ?? 0,
      contentType: String(res.headers['content-type'] ?? ''),
      ...read,
    };
  }

  /** Closes the kept-alive connections (shutdown). */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private request(
    url: URL,
    signal: AbortSignal,
    userAgent = 'TRAE.AI research agent',
    send: { method: 'POST'; headers: Record<string, string>; body: string | Buffer } | null = null,
  ): Promise<IncomingMessage> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return Promise.reject(new FetchError(`${url}: only http and https are fetched`));
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // IP literals never reach the lookup hook, so they are checked here.
    if (isIP(host) && !this.options.allowPrivate && !isPublicAddress(host)) {
      return Promise.reject(new FetchError(`${url.origin}: refused, ${host} is not a public address`));
    }
    const [open, agent] =
      url.protocol === 'https:' ? [httpsRequest, this.agents.https] : [httpRequest, this.agents.http];
    return new Promise((resolve, reject) => {
      const req = open(url, {
        agent,
        method: send?.method ?? 'GET',
        signal,
        lookup: this.lookup(url),
        headers: {
          'user-agent': userAgent,
          accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.8,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
          ...send?.headers,
        },
      });
      req.once('response', resolve);
      req.once('error', (err: Error) =>
        reject(
          err instanceof FetchError
            ? err
            : new FetchError(
                signal.aborted ? `${url.origin}: timed out or cancelled` : `${url.origin}: ${err.message}`,
              ),
        ),
      );
      req.end(send?.body);
    });
  }

  private lookup(url: URL): LookupFunction {
    const allowPrivate = this.options.allowPrivate;
    return (hostname, options, callback) => {
      dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
        if (err) return callback(err, '', 4);
        const refused = addresses.find((a) => !isPublicAddress(a.address));
        if (!allowPrivate && refused) {
          return callback(
            new FetchError(
              `${url.origin}: refused, ${hostname} resolves to ${refused.address}, not a public address`,
            ),
            '',
            4,
          );
        }
        if ((options as { all?: boolean }).all)
          return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      });
    };
  }
}

async function readCapped(res: IncomingMessage, maxBytes: number, signal: AbortSignal) {
  const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
  const decoder =
    encoding === 'gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : null;
  const stream = decoder ? res.pipe(decoder) : res;
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal.aborted) throw new FetchError('timed out or cancelled while reading');
      const room = maxBytes - size;
      if (chunk.length >= room) {
        chunks.push(chunk.subarray(0, room));
        size = maxBytes;
        truncated = chunk.length > room || !res.complete;
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } catch (err) {
    throw err instanceof FetchError
      ? err
      : new FetchError(`reading the body failed: ${(err as Error).message}`);
  } finally {
    res.destroy();
    decoder?.destroy();
  }
  return { body: Buffer.concat(chunks, size), truncated };
}
