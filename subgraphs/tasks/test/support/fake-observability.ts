import { INTERNAL_AUTH_HEADER } from '@trae/kit';
import { refuse, SECRET } from './fakes.js';
import { serve } from './servers.js';

interface Line {
  userId: string | null;
  level: string;
  service: string;
  message: string;
}

interface Group {
  /** The users whose requests hit it. */
  users: string[];
  type: string;
  message: string;
  service: string;
}

const json = (body: unknown) => JSON.stringify(body);

/**
 * Stand-in for the observability service's internal routes for agent tools, speaking the agreed contract
 * (the service itself is tested in its own package: internal-tools.test.ts): logs and error groups of the
 * user's own requests unless ADMIN, metric series for people; USER or ADMIN only.
 */
export async function fakeObservability() {
  const lines: Line[] = [];
  const groups: Group[] = [];
  const points: { service: string; value: number }[] = [];
  const server = await serve((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.headers[INTERNAL_AUTH_HEADER] !== SECRET) return void res.writeHead(403).end();
    const q = url.searchParams;
    const role = q.get('role');
    if (role !== 'USER' && role !== 'ADMIN') return refuse(res, 403, 'FORBIDDEN', 'For signed-in users');
    const mine = (userId: string | null) => role === 'ADMIN' || userId === q.get('userId');
    const ok = (body: unknown) =>
      void res.writeHead(200, { 'content-type': 'application/json' }).end(json(body));
    const time = new Date().toISOString();
    switch (url.pathname) {
      case '/internal/logs': {
        const found = lines
          .filter((l) => mine(l.userId) && (!q.get('search') || l.message.includes(q.get('search')!)))
          .map(({ userId: _u, ...l }) => ({ ...l, time, requestId: null }));
        return ok({ totalCount: found.length, lines: found });
      }
      case '/internal/errors': {
        const found = groups
          .filter((g) => role === 'ADMIN' || g.users.includes(q.get('userId')!))
          .map(({ users: _u, ...g }, i) => ({
            ...g,
            id: i + 1,
            severity: 'HIGH',
            count: 1,
            resolved: false,
            firstSeen: time,
            lastSeen: time,
          }));
        return ok({ totalCount: found.length, groups: found });
      }
      case '/internal/metrics/series':
        if (q.get('name') !== 'http_request_rate')
          return refuse(res, 400, 'BAD_USER_INPUT', 'unknown metric; one of http_request_rate');
        return ok({ points: points.map((p) => ({ ...p, time, min: p.value, max: p.value })) });
      default:
        res.writeHead(404).end();
    }
  });
  return { ...server, lines, groups, points };
}
