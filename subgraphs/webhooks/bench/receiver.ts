import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The outbound side's receiver: answers 200 (or, with `failRate`, 500 that share of requests at random),
 * and notes for each accepted `webhook-id` how often it came and how long after its event the first one
 * did (the body's `timestamp` is the event's time, the producer's `completedAt`).
 */
export async function startBenchReceiver() {
  const state = { failRate: 0, path: '/', refused: 0 };
  const firstAfterMs = new Map<string, number>();
  let accepted = 0;
  let lastFirstAt = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const now = Date.now();
      if (req.url !== state.path || Math.random() < state.failRate) {
        state.refused++;
        res.writeHead(500).end('try again');
        return;
      }
      const id = String(req.headers['webhook-id']);
      accepted++;
      if (!firstAfterMs.has(id)) {
        const { timestamp } = JSON.parse(Buffer.concat(chunks).toString()) as { timestamp: string };
        firstAfterMs.set(id, now - Date.parse(timestamp));
        lastFirstAt = now;
      }
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    /** Starts a round: a fresh path (its endpoint's), fresh counts. */
    reset(path: string, failRate: number) {
      Object.assign(state, { path, failRate, refused: 0 });
      firstAfterMs.clear();
      accepted = 0;
    },
    url: (path: string) => `${base}${path}`,
    distinct: () => firstAfterMs.size,
    /** When the newest `webhook-id` first arrived (epoch ms). */
    lastFirstAt: () => lastFirstAt,
    /** Accepted deliveries beyond the first of each `webhook-id`. */
    duplicates: () => accepted - firstAfterMs.size,
    refused: () => state.refused,
    latencies: () => [...firstAfterMs.values()].sort((a, b) => a - b),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type BenchReceiver = Awaited<ReturnType<typeof startBenchReceiver>>;
