import type { Logger } from '@trae/kit';

/**
 * One log line when a Redis-backed limit stops working and one when it works again, never one per
 * request: an outage under load would otherwise flood the logs that should explain it.
 */
export function outageLog(what: string, policy: string) {
  let since: number | undefined;
  return {
    failed(log: Logger, err: unknown) {
      if (since !== undefined) return;
      since = Date.now();
      log.warn(
        { reason: (err as Error).message },
        `${what} unavailable while Redis is unreachable: ${policy}`,
      );
    },
    ok(log: Logger) {
      if (since === undefined) return;
      log.info({ unavailableForSeconds: Math.round((Date.now() - since) / 1000) }, `${what} restored`);
      since = undefined;
    },
  };
}
