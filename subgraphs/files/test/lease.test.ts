import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { text } from './support/bytes.js';
import { type Harness, local, startFiles } from './support/harness.js';
import type { TestUser } from './support/stand-ins.js';

/** Another instance's upload, as its row looks while it streams (or after its process died). */
const heldElsewhere = (h: Harness, id: string, leaseAge: string, ticketLeft = '10 minutes') =>
  h.sql(
    `update files set status = 'UPLOADING', lease_owner = 'another-instance', upload_attempt = $2,
       lease_at = now() - $3::interval, upload_expires_at = now() + $4::interval
     where id = $1`,
    [id, randomUUID(), leaseAge, ticketLeft],
  );

describe('upload leases across instances', () => {
  let h: Harness;
  let user: TestUser;
  beforeAll(async () => {
    h = await startFiles({ UPLOAD_LEASE_MS: '5000' });
  });
  afterAll(() => h?.stop());
  beforeEach(async () => {
    user = await h.stands.user();
  });

  const ticketFor = async (bytes: Buffer) =>
    (await h.createUpload(user, { filename: 'a.csv', contentType: 'text/csv', size: bytes.length })).data!
      .createUpload;
  const used = async () =>
    (await h.gql<{ storageUsage: { usedBytes: number } }>('{ storageUsage { usedBytes } }', {}, user)).data!
      .storageUsage.usedBytes;

  it('leaves a live upload of another instance alone', async () => {
    const bytes = text(1000);
    const ticket = await ticketFor(bytes);
    await heldElsewhere(h, ticket.file.id, '1 second');

    const res = await fetch(local(h, ticket.uploadUrl), { method: 'PUT', body: bytes });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'CONFLICT' } }] });
    expect(await h.files.services.sweeper.sweep()).toMatchObject({ stalled: 0 });
    expect(await used()).toBe(1000);
  });

  it('takes over an attempt whose process stopped renewing its lease', async () => {
    const bytes = text(2000);
    const ticket = await ticketFor(bytes);
    await heldElsewhere(h, ticket.file.id, '1 minute');

    const res = await fetch(local(h, ticket.uploadUrl), { method: 'PUT', body: bytes });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'READY' });
    expect(await used()).toBe(2000);
  });

  it('stops charging a dead attempt once its ticket has expired, while a live one still counts', async () => {
    const dead = await ticketFor(text(3000));
    const live = await ticketFor(text(500));
    await heldElsewhere(h, dead.file.id, '1 minute', '-1 minute');
    await heldElsewhere(h, live.file.id, '1 second', '-1 minute');

    expect(await used()).toBe(500);
    expect(await h.files.services.sweeper.sweep()).toMatchObject({ stalled: 1, tickets: 1 });
    expect(await used()).toBe(500);
  });
});
