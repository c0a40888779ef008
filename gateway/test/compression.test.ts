import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, type Stack, startGateway, startStack } from './support/stack.js';

const LARGE = '{ __schema { types { name description fields { name description } } } }';
const SMALL = '{ __typename }';

/** The raw bytes and headers of one POST, as they crossed the wire (fetch would decompress them). */
function raw(url: string, query: string, acceptEncoding?: string) {
  return new Promise<{ encoding?: string; vary?: string; bytes: Buffer }>((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (acceptEncoding) headers['accept-encoding'] = acceptEncoding;
    const req = request(`${url}/graphql`, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          encoding: res.headers['content-encoding'],
          vary: res.headers.vary,
          bytes: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query }));
  });
}

describe('compression of GraphQL answers', () => {
  let stack: Stack;
  let gateway: RunningGateway;
  let uncompressed: RunningGateway;

  beforeAll(async () => {
    stack = await startStack();
    [gateway, uncompressed] = await Promise.all([
      startGateway(stack),
      startGateway(stack, { COMPRESSION: 'off' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([gateway, uncompressed].map((g) => g?.stop()));
    await stack?.stop();
  });

  it('sends a large answer as brotli or gzip, as Accept-Encoding asks, byte-equal once decompressed', async () => {
    const plain = await raw(gateway.url, LARGE);
    const br = await raw(gateway.url, LARGE, 'gzip, deflate, br');
    const gzip = await raw(gateway.url, LARGE, 'gzip');

    expect(plain.encoding).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(1024);
    expect(JSON.parse(plain.bytes.toString()).data.__schema.types.length).toBeGreaterThan(5);
    expect(br.encoding).toBe('br');
    expect(br.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
    expect(br.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(gzip.encoding).toBe('gzip');
    expect(gunzipSync(gzip.bytes).equals(plain.bytes)).toBe(true);
  });

  it('leaves a small answer, and every answer with COMPRESSION=off, as it is', async () => {
    const small = await raw(gateway.url, SMALL, 'br');
    const off = await raw(uncompressed.url, LARGE, 'br');

    expect(small.encoding).toBeUndefined();
    expect(JSON.parse(small.bytes.toString())).toEqual({ data: { __typename: 'Query' } });
    expect(off.encoding).toBeUndefined();
    expect(off.bytes.length).toBeGreaterThan(1024);
  });
});
