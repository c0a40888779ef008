import { INTERNAL_AUTH_HEADER } from '@trae/kit';
import { serve } from './servers.js';

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

/**
 * Stand-ins for the channels and files services' internal routes, speaking the agreed contract
 * (those services are built and tested in their own packages).
 */
export async function fakeChannels() {
  const members = new Map<string, { role: string; status: string }>();
  const server = await serve((req, res) => {
    const m = /^\/internal\/channels\/([^/]+)\/members\/([^/?]+)$/.exec(req.url ?? '');
    if (req.headers[INTERNAL_AUTH_HEADER] !== SECRET) return void res.writeHead(403).end();
    const member = m && members.get(`${m[1]}/${m[2]}`);
    if (!member) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(member));
  });
  return {
    ...server,
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
