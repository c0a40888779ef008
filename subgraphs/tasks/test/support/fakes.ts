import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { INTERNAL_AUTH_HEADER } from '@trae/kit';
import { readBody, serve } from './servers.js';

export const SECRET = 'test-internal-secret-0123456789';

/**
 * Stand-in for identity's `/internal/users/:id/authority`: users the harness signed a token for keep that
 * role until a test changes them; anyone else is an active USER (rows tests write without a caller).
 */
export async function fakeIdentity() {
  const users = new Map<string, { role: string; disabled: boolean }>();
  /** Who a user is (`/internal/users/:id`); absent: 404, as for a deleted user. */
  const profiles = new Map<string, { username: string; email: string; displayName: string | null }>();
  let requests = 0;
  const server = await serve((req, res) => {
    const m = /^\/internal\/users\/([^/]+)\/authority$/.exec(req.url ?? '');
    if (req.headers[INTERNAL_AUTH_HEADER] !== SECRET) return void res.writeHead(403).end();
    const who = /^\/internal\/users\/([^/]+)$/.exec(req.url ?? '');
    const profile = who && profiles.get(who[1]);
    if (who && profile) {
      const user = users.get(who[1]) ?? { role: 'USER', disabled: false };
      const body = JSON.stringify({ id: who[1], ...profile, ...user });
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    }
    if (!m) return void res.writeHead(404).end();
    requests++;
    const user = users.get(m[1]) ?? { role: 'USER', disabled: false };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: m[1], ...user }));
  });
  return {
    ...server,
    users,
    profiles,
    requests: () => requests,
    set: (id: string, change: Partial<{ role: string; disabled: boolean }>) =>
      users.set(id, { role: 'USER', disabled: false, ...users.get(id), ...change }),
  };
}

/** The error body our services answer a refusal with (what InternalClient turns back into a coded error). */
export const refuse = (res: ServerResponse, status: number, code: string, message: string) =>
  void res
    .writeHead(status, { 'content-type': 'application/json' })
    .end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));

/**
 * Stand-ins for the channels and files services' internal routes, speaking the agreed contract
 * (those services are built and tested in their own packages: channels' internal-content.test.ts).
 * Content is listed to members (and ADMIN) and drafted by editors and owners; USER or ADMIN only.
 */
export async function fakeChannels() {
  const members = new Map<string, { role: string; status: string }>();
  const content = new Map<string, Record<string, unknown>[]>();
  const server = await serve(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers[INTERNAL_AUTH_HEADER] !== SECRET) return void res.writeHead(403).end();
    const c = /^\/internal\/channels\/([^/]+)\/content$/.exec(url.pathname);
    if (c) {
      const channelId = c[1];
      const body = req.method === 'POST' ? JSON.parse(await readBody(req)) : {};
      const userId = req.method === 'POST' ? body.userId : url.searchParams.get('userId');
      const role = req.method === 'POST' ? body.role : url.searchParams.get('role');
      if (role !== 'USER' && role !== 'ADMIN') return refuse(res, 403, 'FORBIDDEN', 'For signed-in users');
      const member = members.get(`${channelId}/${userId}`);
      if (!member && role !== 'ADMIN') return refuse(res, 404, 'NOT_FOUND', 'Channel not found');
      const items = content.get(channelId) ?? [];
      if (req.method !== 'POST') {
        const search = url.searchParams.get('search');
        const found = items.filter((i) => !search || String(i.title).includes(search));
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ totalCount: found.length, items: found }));
      }
      if (member && member.role === 'VIEWER')
        return refuse(res, 403, 'FORBIDDEN', 'Requires channel role EDITOR or above');
      const item = {
        id: randomUUID(),
        channelId,
        title: body.title,
        body: body.body,
        kind: body.kind,
        status: 'DRAFT',
        createdAt: new Date().toISOString(),
        createdBy: userId,
      };
      content.set(channelId, [item, ...items]);
      return void res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(item));
    }
    const m = /^\/internal\/channels\/([^/]+)\/members\/([^/?]+)$/.exec(url.pathname);
    const member = m && members.get(`${m[1]}/${m[2]}`);
    if (!member) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(member));
  });
  return {
    ...server,
    content,
    setMember: (channelId: string, userId: string, role: string, status = 'ACTIVE') =>
      members.set(`${channelId}/${userId}`, { role, status }),
  };
}

export async function fakeFiles() {
  const files = new Map<string, { owner: string; name: string; contentType: string; body: string }>();
  const server = await serve((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/internal\/files\/([^/]+)\/content$/.exec(url.pathname);
    if (req.headers[INTERNAL_AUTH_HEADER] !== SECRET) return void res.writeHead(403).end();
    const file = m && files.get(m[1]);
    const readable =
      file && (file.owner === url.searchParams.get('userId') || url.searchParams.get('role') === 'ADMIN');
    if (!readable) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.contentType, 'x-file-name': file.name }).end(file.body);
  });
  return { ...server, files };
}
