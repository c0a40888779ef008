import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Membership } from '@trae/kit';

/**
 * The channels service's `/internal/channels/:id/members/:userId` as far as the webhooks service sees
 * it: the memberships `setMember` recorded, 404 for anyone else, 403 without the internal secret.
 */
export async function startFakeChannels(secret: string) {
  const members = new Map<string, Membership>();
  const server = createServer((req, res) => {
    const match = /^\/internal\/channels\/([^/]+)\/members\/([^/]+)$/.exec(req.url ?? '');
    const member = match ? members.get(`${match[1]}:${match[2]}`) : undefined;
    const status = req.headers['x-internal-auth'] !== secret ? 403 : member ? 200 : 404;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(member ?? { code: 'NOT_FOUND' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setMember(channelId: string, userId: string, role: Membership['role'] | null) {
      if (role) members.set(`${channelId}:${userId}`, { role, status: 'ACTIVE' });
      else members.delete(`${channelId}:${userId}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
