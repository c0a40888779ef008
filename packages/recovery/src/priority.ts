import { readFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import type pg from 'pg';

/**
 * The default nice value (BACKUP_NICE) of the backup's heavy readers: pg_dump, and the server backends that read the dump's
 * snapshot (pg_dump's COPY, the row counts). 10 of 19: the platform's own queries win the CPU on a busy
 * machine, yet the backup still gets the idle time. Linux also derives the I/O priority of a process
 * that has no explicit one from its nice value (best-effort class), so this is `ionice` as well where the
 * disk's scheduler honours priorities (BFQ); elsewhere it only touches the CPU.
 */
export const BACKUP_NICE = 10;

/** Lowers a process's priority; false where the OS refuses (another user's process without CAP_SYS_NICE). */
export function lowerPriority(pid: number, nice = BACKUP_NICE): boolean {
  try {
    setPriority(pid, nice);
    return true;
  } catch {
    return false;
  }
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '']);

/** A server on this machine: its backends' pids are ours to look at (a socket path, or loopback). */
function isLocal(url: string): boolean {
  const u = new URL(url);
  const host = u.searchParams.get('host') ?? u.hostname;
  return host.startsWith('/') || LOCAL_HOSTS.has(host);
}

/** Only a pid that is a postgres process here is reniced: a pid read from the server names nothing else. */
async function isPostgres(pid: number): Promise<boolean> {
  const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
  return comm.trim() === 'postgres';
}

/** Tries this long for pg_dump's backend to appear (it connects a moment after it starts). */
const FIND_TRIES = 40;
const FIND_EVERY_MS = 50;

/**
 * Lowers the priority of the backends that read the backup's snapshot: `client`'s own and the one
 * serving the connection whose application_name is `appName` (pg_dump's). Only for a server on this
 * machine (a managed server's backends are not ours to touch), and best-effort: where the OS refuses
 * (a system server run by another user, and we are not root), the backup runs at normal priority.
 */
export async function lowerBackendPriority(
  url: string,
  client: pg.ClientBase,
  appName: string,
  nice = BACKUP_NICE,
) {
  if (nice === 0 || process.platform !== 'linux' || !isLocal(url)) return;
  const own = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
  if (!(await isPostgres(own)) || !lowerPriority(own, nice)) return;
  for (let i = 0; i < FIND_TRIES; i++) {
    // pg_stat_activity is read once per transaction unless the snapshot of it is cleared.
    await client.query('select pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where application_name = $1',
      [appName],
    );
    if (rows.length) {
      for (const { pid } of rows) if (await isPostgres(pid)) lowerPriority(pid, nice);
      return;
    }
    await new Promise((r) => setTimeout(r, FIND_EVERY_MS));
  }
}
