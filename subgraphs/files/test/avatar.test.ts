import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identicon } from '../src/modules/avatar/identicon.js';
import { pdf, png } from './support/bytes.js';
import { GATEWAY, type Harness, local, startFiles } from './support/harness.js';
import type { TestUser } from './support/stand-ins.js';

const AVATAR =
  'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id avatarUrl } } }';
const SET = 'mutation ($id: ID!) { setAvatar(fileId: $id) { id avatarUrl } }';

describe('avatars', () => {
  let h: Harness;
  let alice: TestUser;
  let bob: TestUser;

  const avatarUrl = async (userId: string) =>
    (
      await h.gql<{ _entities: { avatarUrl: string }[] }>(AVATAR, {
        reps: [{ __typename: 'User', id: userId }],
      })
    ).data!._entities[0].avatarUrl;

  beforeAll(async () => {
    h = await startFiles();
    [alice, bob] = await Promise.all([h.stands.user(), h.stands.user()]);
  });
  afterAll(() => h?.stop());

  it('draws every user a deterministic identicon until they pick an image', async () => {
    expect(identicon(alice.id)).toBe(identicon(alice.id));
    expect(identicon(alice.id)).not.toBe(identicon(bob.id));
    expect(identicon(alice.id)).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg".*<\/svg>$/);

    const url = await avatarUrl(alice.id);
    expect(url).toBe(`${GATEWAY}/files/avatars/${alice.id}?v=identicon`);
    const res = await fetch(local(h, url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(await res.text()).toBe(identicon(alice.id));
    expect((await fetch(`${h.base}/files/avatars/not-a-user`)).status).toBe(404);
  });

  it('sets an uploaded image as avatar and serves it', async () => {
    const image = png(2_000);
    const { ticket } = await h.upload(alice, image, { filename: 'me.png', contentType: 'image/png' });
    const set = await h.gql<{ setAvatar: { id: string; avatarUrl: string } }>(
      SET,
      { id: ticket.file.id },
      alice,
    );
    expect(set.data?.setAvatar).toEqual({
      id: alice.id,
      avatarUrl: `${GATEWAY}/files/avatars/${alice.id}?v=${ticket.file.id.slice(0, 8)}`,
    });
    const res = await fetch(local(h, set.data!.setAvatar.avatarUrl));
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toMatch(/^inline/);
    expect(Buffer.from(await res.arrayBuffer()).equals(image)).toBe(true);

    // Deleting the image brings the identicon back.
    await h.gql('mutation ($id: ID!) { deleteFile(id: $id) }', { id: ticket.file.id }, alice);
    expect(await avatarUrl(alice.id)).toMatch(/\?v=identicon$/);
  });

  it('takes only your own READY raster images', async () => {
    const codeOf = async (user: TestUser, id: string) =>
      (await h.gql(SET, { id }, user)).errors?.[0].extensions;
    const doc = await h.upload(alice, pdf(100), { filename: 'cv.pdf', contentType: 'application/pdf' });
    expect(await codeOf(alice, doc.ticket.file.id)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fileId',
    });

    const channel = randomUUID();
    h.stands.setMember(channel, alice.id, { role: 'OWNER', status: 'ACTIVE' });
    h.stands.setMember(channel, bob.id, { role: 'VIEWER', status: 'ACTIVE' });
    const shared = await h.upload(alice, png(10), {
      filename: 'team.png',
      contentType: 'image/png',
      channelId: channel,
    });
    expect(await codeOf(bob, shared.ticket.file.id)).toMatchObject({ code: 'FORBIDDEN' });
    const privateImage = await h.upload(alice, png(10), { filename: 'p.png', contentType: 'image/png' });
    expect(await codeOf(bob, privateImage.ticket.file.id)).toMatchObject({ code: 'NOT_FOUND' });

    const pending = await h.createUpload(alice, {
      filename: 'later.png',
      contentType: 'image/png',
      size: 100,
    });
    expect(await codeOf(alice, pending.data!.createUpload.file.id)).toMatchObject({ code: 'CONFLICT' });
    expect((await h.gql(SET, { id: privateImage.ticket.file.id })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('goes back to the identicon on request', async () => {
    const { ticket } = await h.upload(bob, png(10), { filename: 'b.png', contentType: 'image/png' });
    await h.gql(SET, { id: ticket.file.id }, bob);
    expect(await avatarUrl(bob.id)).not.toMatch(/identicon/);
    const removed = await h.gql<{ removeAvatar: { avatarUrl: string } }>(
      'mutation { removeAvatar { avatarUrl } }',
      {},
      bob,
    );
    expect(removed.data?.removeAvatar.avatarUrl).toMatch(/\?v=identicon$/);
  });
});
