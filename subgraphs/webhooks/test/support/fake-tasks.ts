import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TaskCall {
  userId: string;
  task: { agent: string; type: string; input?: Record<string, unknown>; idempotencyKey?: string };
}

/**
 * The tasks service's `POST /internal/tasks` as far as the webhooks service sees it: records each call,
 * answers the first task again for a repeated idempotency key, and answers 503 while `down` is set.
 */
export async function startFakeTasks() {
  const calls: TaskCall[] = [];
  const byKey = new Map<string, string>();
  const state = { down: false };
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      if (state.down || req.url !== '/internal/tasks') {
        res.writeHead(503, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      const call = JSON.parse(text) as TaskCall;
      calls.push(call);
      const key = call.task.idempotencyKey ?? randomUUID();
      if (!byKey.has(key)) byKey.set(key, randomUUID());
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: byKey.get(key), status: 'QUEUED' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    state,
    /** Distinct tasks created so far. */
    created: () => byKey.size,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
