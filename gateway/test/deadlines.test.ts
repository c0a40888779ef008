import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, type Stack, startGateway, startStack } from './support/stack.js';

const DEADLINE_MS = 1_000;

/** Stands in for the files service: takes an upload at whatever pace it comes and counts the bytes. */
function filesSink() {
  return createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    req.on('end', () =>
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ bytes })),
    );
  });
}

/**
 * A raw client: sends `head`, then `chunks` one every `everyMs`, and reports what came back and when
 * the connection closed (ms after the first byte).
 */
function trickle(url: string, head: string, chunks: string[], everyMs: number) {
  const { hostname, port } = new URL(url);
  return new Promise<{ response: string; closedAfterMs: number }>((resolve) => {
    const socket = connect(Number(port), hostname);
    const started = Date.now();
    let response = '';
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (d) => {
      response += d;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ response, closedAfterMs: Date.now() - started });
    });
    socket.write(head);
    const queue = [...chunks];
    timer = setInterval(() => {
      const next = queue.shift();
      if (next === undefined) clearInterval(timer);
      else if (!socket.destroyed) socket.write(next);
    }, everyMs);
  });
}

describe('gateway deadlines for slow clients', () => {
  let stack: Stack;
  let gw: RunningGateway;
  let sink: Server;

  beforeAll(async () => {
    stack = await startStack();
    sink = filesSink();
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    gw = await startGateway(stack, {
      FILES_URL: `http://127.0.0.1:${(sink.address() as AddressInfo).port}`,
      HTTP_HEADERS_TIMEOUT_MS: String(DEADLINE_MS),
      HTTP_BODY_TIMEOUT_MS: String(DEADLINE_MS),
    });
  });
  afterAll(async () => {
    await gw?.stop();
    await stack?.stop();
    await new Promise((resolve) => sink?.close(resolve));
  });

  it('cuts a trickled POST /graphql body off at the deadline with a 408', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const head = `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`;
    const { response, closedAfterMs } = await trickle(gw.url, head, [...body], 200);

    expect(response).toMatch(/^HTTP\/1\.1 408/);
    expect(response).toContain('"code":"BAD_USER_INPUT"');
    expect(closedAfterMs).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
    expect(closedAfterMs).toBeLessThan(DEADLINE_MS + 3_000);
  });

  it('closes a connection whose headers trickle in past the header deadline', async () => {
    const headers = 'x-slow: 1\r\n'.repeat(40).match(/.{1,4}/gs) ?? [];
    const { response, closedAfterMs } = await trickle(
      gw.url,
      'GET /health HTTP/1.1\r\nhost: x\r\n',
      headers,
      100,
    );

    expect(response).not.toMatch(/^HTTP\/1\.1 200/);
    expect(closedAfterMs).toBeLessThan(DEADLINE_MS + 3_000);
  });

  it('still takes a slow but steady upload through /files that outlasts the deadline', async () => {
    const chunks = Array.from({ length: 15 }, () => 'x'.repeat(1_000));
    const head = `PUT /files/uploads/abc?expires=1&signature=s HTTP/1.1\r\nhost: x\r\ncontent-type: text/plain\r\ncontent-length: 15000\r\nconnection: close\r\n\r\n`;
    const { response, closedAfterMs } = await trickle(gw.url, head, chunks, 200);

    expect(closedAfterMs).toBeGreaterThan(DEADLINE_MS * 2);
    expect(response).toMatch(/^HTTP\/1\.1 201/);
    expect(response).toContain('{"bytes":15000}');
  });
});
