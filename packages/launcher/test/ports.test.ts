import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, freePorts, isPortFree } from '../src/ports.js';

describe('free ports', () => {
  it('returns distinct ports that can be bound right away', async () => {
    const ports = await freePorts(5);

    expect(new Set(ports).size).toBe(5);
    for (const port of ports) expect(await isPortFree(port)).toBe(true);
  });

  it('sees a port that is taken', async () => {
    const port = await freePort();
    const server = createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));

    expect(await isPortFree(port)).toBe(false);

    await new Promise((resolve) => server.close(resolve));
    expect(await isPortFree(port)).toBe(true);
  });
});
