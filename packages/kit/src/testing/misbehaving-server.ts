import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server does with the next request; the last behaviour repeats once the script runs out. */
export type Behaviour =
  | { ok: unknown; delayMs?: number }
  | { status: number; body?: string; headers?: Record<string, string>; delayMs?: number }
  | { malformed: string }
  | { reset: true };

export interface MisbehavingServer {
  url: string;
  /** Behaviours per path, used in turn. */
  script(path: string, ...behaviours: Behaviour[]): void;
  /** Requests received, by path: method, headers and body. */
  received: { path: string; method: string; headers: IncomingMessage['headers']; body: string }[];
  hits(path: string): number;
  stop(): Promise<void>;
}

function act(b: Behaviour, req: IncomingMessage, res: ServerResponse): void {
  if ('reset' in b) {
    req.socket.destroy();
    return;
  }
  if ('malformed' in b) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(b.malformed);
    return;
  }
  if ('ok' in b) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(b.ok));
    return;
  }
  res.writeHead(b.status, { 'content-type': 'application/json', ...b.headers }).end(b.body ?? '{}');
}

/**
 * A local HTTP server that answers each path as a test scripts it: slowly, with 500s, 429 and
 * Retry-After, malformed JSON, or by resetting the connection. For testing clients of outside services.
 */
export async function startMisbehavingServer(): Promise<MisbehavingServer> {
  const scripts = new Map<string, Behaviour[]>();
  const received: MisbehavingServer['received'] = [];
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      received.push({
        path,
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const script = scripts.get(path);
      const b = (script && script.length > 1 ? script.shift() : script?.[0]) ?? { status: 404 };
      const delayMs = 'delayMs' in b ? (b.delayMs ?? 0) : 0;
      const timer = setTimeout(() => act(b, req, res), delayMs);
      res.once('close', () => clearTimeout(timer));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    script: (path, ...behaviours) => scripts.set(path, behaviours),
    received,
    hits: (path) => received.filter((r) => r.path === path).length,
    async stop() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
