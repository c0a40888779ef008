/** One server of a load balancer's backend, as HAProxy's health checks see it. */
export interface BalancedServer {
  backend: string;
  server: string;
  /** HAProxy's word: UP, DOWN, MAINT, DRAIN, NOLB, `no check`, or a transition such as `UP 1/2`. */
  status: string;
}

/** Serving: up (also while failing checks count down towards DOWN) or not checked at all. */
export const isServing = (s: BalancedServer) => s.status.startsWith('UP') || s.status === 'no check';

/**
 * The servers in HAProxy's CSV statistics (`/stats;csv`, or `show stat` on its runtime API). The
 * FRONTEND and BACKEND rows are totals, not servers, and are left out.
 */
export function parseHaproxyStats(csv: string): BalancedServer[] {
  const [head, ...rows] = csv.split('\n').filter((line) => line.trim());
  const columns = (head ?? '').replace(/^#\s*/, '').split(',');
  const at = (name: string) => columns.indexOf(name);
  const [backend, server, status] = [at('pxname'), at('svname'), at('status')];
  if (backend < 0 || server < 0 || status < 0) throw new Error('not HAProxy CSV statistics');
  return rows
    .map((row) => row.split(','))
    .filter((cells) => cells[server] !== 'FRONTEND' && cells[server] !== 'BACKEND')
    .map((cells) => ({ backend: cells[backend], server: cells[server], status: cells[status] }));
}

/** Reads HAProxy's statistics page (its CSV form) and returns every server with its state. */
export async function readHaproxyStats(url: string, timeoutMs = 2_000): Promise<BalancedServer[]> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  if (!res.ok) throw new Error(`HAProxy statistics answered HTTP ${res.status}`);
  return parseHaproxyStats(text);
}
