/** Socket-level failures: the peer is down, restarting, or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** PostgreSQL SQLSTATEs of a server that is going away or not taking connections yet. */
const PG_GOING_AWAY = new Set(['57P01', '57P02', '57P03']);
/** Drivers' names for the same (MikroORM's converted exception, ioredis giving up on a command). */
const OUTAGE_NAMES = new Set(['ConnectionException', 'MaxRetriesPerRequestError']);
/** What pg, the pools and ioredis say when a connection dies or never comes, without a code. */
const OUTAGE_MESSAGE =
  /Connection terminated|Timeout acquiring a connection|timeout exceeded when trying to connect|Connection is closed|is not queryable|terminating connection|connect ECONNREFUSED|the database system is (starting up|shutting down)/i;

/**
 * True when an error means a dependency (PostgreSQL, Redis) is unavailable rather than a bug: the client
 * may retry shortly, so it is answered as SERVICE_UNAVAILABLE instead of INTERNAL_SERVER_ERROR.
 * Walks `cause` chains, since ORMs and pools wrap the driver's error.
 */
export function isDependencyOutage(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (
      typeof code === 'string' &&
      (NETWORK_CODES.has(code) || code.startsWith('08') || PG_GOING_AWAY.has(code))
    )
      return true;
    if (typeof name === 'string' && OUTAGE_NAMES.has(name)) return true;
    if (typeof message === 'string' && OUTAGE_MESSAGE.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
