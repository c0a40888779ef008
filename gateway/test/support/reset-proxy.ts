import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

export interface ResetProxy {
  baseUrl: string;
  /** Requests that reached the proxy so far, reset ones included. */
  requests: number;
  /** Reset the connection that carries each of the next `n` requests, as it arrives. */
  resetNext(n: number): void;
  stop(): Promise<void>;
}

/**
 * A TCP proxy in front of a subgraph that drops requests the way a crashing process does: the request
 * arrives, then the peer answers with a TCP reset. Keep-alive connections are honoured, so the reset
 * hits whichever connection the gateway's agent picks, new or reused.
 */
export async function startResetProxy(targetBaseUrl: string): Promise<ResetProxy> {
  const target = new URL(targetBaseUrl);
  const sockets = new Set<Socket>();
  let resets = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = createServer((client) => {
    track(client);
    const upstream = connect(Number(target.port), target.hostname);
    track(upstream);
    client.on('data', (chunk: Buffer) => {
      // Requests here are small: each starts (and fits) in one chunk.
      if (chunk.subarray(0, 5).toString() === 'POST ') {
        proxy.requests++;
        if (resets > 0) {
          resets--;
          upstream.destroy();
          client.resetAndDestroy();
          return;
        }
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy: ResetProxy = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: 0,
    resetNext: (n) => {
      resets = n;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
