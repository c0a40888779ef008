import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Runs in a small process of its own. It learns our children from its stdin ("+ pid signal" /
 * "- pid") and, when stdin closes because we died in any way (even SIGKILL, where no exit handler
 * runs), stops the ones still registered: their stop signal, then SIGKILL to their groups after 10 s.
 */
const SCRIPT = `
const kids = new Map();
let buffer = '';
const gone = (pid) => {
  try { process.kill(pid, 0); } catch { return true; }
  try { return require('fs').readFileSync('/proc/' + pid + '/stat', 'utf8').split(') ')[1][0] === 'Z'; } catch { return false; }
};
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let i; (i = buffer.indexOf('\\n')) >= 0; buffer = buffer.slice(i + 1)) {
    const [op, pid, signal] = buffer.slice(0, i).split(' ');
    if (op === '+') kids.set(Number(pid), signal); else kids.delete(Number(pid));
  }
});
process.stdin.on('end', () => {
  for (const [pid, signal] of kids) { try { process.kill(pid, signal); } catch {} }
  const finish = () => {
    for (const pid of kids.keys()) { try { process.kill(-pid, 'SIGKILL'); } catch {} }
    process.exit(0);
  };
  setTimeout(finish, 10000);
  setInterval(() => {
    for (const pid of kids.keys()) if (gone(pid)) { try { process.kill(-pid, 'SIGKILL'); } catch {} kids.delete(pid); }
    if (!kids.size) process.exit(0);
  }, 100);
});
`;

let watchdog: ChildProcess | undefined;

function send(line: string): void {
  if (!watchdog) {
    watchdog = spawn(process.execPath, ['-e', SCRIPT], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    // Neither the process nor its pipe may keep our event loop alive: it only matters once we are gone.
    watchdog.unref();
    (watchdog.stdin as unknown as { unref?: () => void }).unref?.();
    watchdog.stdin?.on('error', () => {});
  }
  watchdog.stdin?.write(`${line}\n`);
}

export const watch = (pid: number, stopSignal: NodeJS.Signals) => send(`+ ${pid} ${stopSignal}`);
export const unwatch = (pid: number) => send(`- ${pid}`);
