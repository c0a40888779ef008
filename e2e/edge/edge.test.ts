import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlatform, type Platform } from '../support/platform.js';

const REGISTER = 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }';
const CREATE_CHANNEL = 'mutation ($i: CreateChannelInput!) { createChannel(input: $i) { id } }';
const CREATE_TASK = 'mutation ($i: CreateTaskInput!) { createTask(input: $i) { id } }';
const CREATE_UPLOAD = 'mutation ($i: CreateUploadInput!) { createUpload(input: $i) { uploadUrl } }';

/** Input the database cannot store is the client's mistake, answered as such by the public edge. */
describe('edge: bad input is BAD_USER_INPUT, never INTERNAL', () => {
  let p: Platform;
  let token: string;

  beforeAll(async () => {
    p = await bootPlatform('edge');
    const reg = await p.gql<{ register: { accessToken: string } }>(REGISTER, {
      i: { username: 'edgeuser', email: 'edge@e2e.test', password: 'a decent password' },
    });
    token = reg.data!.register.accessToken;
  });
  afterAll(() => p?.stop());

  const cases: [string, string, Record<string, unknown>][] = [
    ['channel name with NUL', CREATE_CHANNEL, { i: { name: 'bad\u0000name', platform: 'BLOG' } }],
    [
      'channel search with NUL',
      'query ($s: String) { channels(search: $s) { totalCount } }',
      { s: 'x\u0000' },
    ],
    [
      'task input with NUL inside JSON',
      CREATE_TASK,
      { i: { agent: 'system', type: 'noop', input: { echo: ['ok', { deep: 'no\u0000pe' }] } } },
    ],
    [
      'idempotency key with NUL',
      CREATE_TASK,
      { i: { agent: 'system', type: 'noop', idempotencyKey: 'k\u0000' } },
    ],
    [
      'upload size 1e300',
      CREATE_UPLOAD,
      { i: { filename: 'a.txt', contentType: 'text/plain', size: 1e300 } },
    ],
    // The edge lets this through (its DateTime scalar does not parse); tasks refuses it with a 400,
    // which the gateway now passes on with its code.
    ['a date tasks cannot parse', CREATE_TASK, { i: { agent: 'system', type: 'noop', runAt: 'not a date' } }],
  ];

  it.each(cases)('%s', async (_name, query, variables) => {
    const r = await p.gql(query, variables, token);
    expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r.errors)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(r.errors)).not.toMatch(/postgres|invalid byte sequence|stack/i);
  });

  it('still takes the same operations with ordinary input', async () => {
    const channel = await p.gql(CREATE_CHANNEL, { i: { name: 'fine name ✓', platform: 'BLOG' } }, token);
    expect(channel.errors).toBeUndefined();
    const task = await p.gql(
      CREATE_TASK,
      { i: { agent: 'system', type: 'noop', idempotencyKey: 'k-1' } },
      token,
    );
    expect(task.errors).toBeUndefined();
  });
});
