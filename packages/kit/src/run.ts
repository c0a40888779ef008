import { MigrationsDone } from './db.js';
import { flushLogShipping } from './log-shipping.js';
import type { Logger } from './logger.js';

export interface Runnable {
  stop(): Promise<void>;
}

/**
 * Starts a process entry point and stops it cleanly on SIGTERM/SIGINT: drain in-flight work, close
 * pools, exit 0. A stop that hangs past the timeout exits 1 rather than leaving a zombie.
 */
export async function runMain(
  logger: Logger,
  start: () => Promise<Runnable>,
  timeoutMs = 10_000,
): Promise<void> {
  let running: Runnable;
  try {
    running = await start();
  } catch (err) {
    if (err instanceof MigrationsDone) {
      logger.info({ schema: err.schema, migrations: err.applied }, 'migrations done (MIGRATE_ONLY), exiting');
      await flushLogShipping().catch(() => undefined);
      process.exit(0);
    }
    logger.fatal({ err }, 'failed to start');
    process.exit(1);
  }
  let stopping = false;
  // Connections closed during shutdown reject whatever was still in flight; that is expected then.
  // At any other time an unhandled rejection is a bug: log it through pino and exit like Node would.
  process.on('unhandledRejection', (err) => {
    if (stopping) {
      logger.debug({ err }, 'rejection during shutdown');
      return;
    }
    logger.fatal({ err }, 'unhandled rejection');
    process.exit(1);
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    try {
      await running.stop();
      // The last lines (including "shutting down") still reach the log stream.
      await flushLogShipping().catch(() => undefined);
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
