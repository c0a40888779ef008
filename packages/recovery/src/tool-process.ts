import { type ChildProcess, spawn } from 'node:child_process';
import { basename } from 'node:path';
import { appError, scrubSecrets } from '@trae/kit';
import { lowerPriority } from './priority.js';

export interface ToolRun {
  child: ChildProcess;
  /** Resolves on exit 0; rejects with the tool's last stderr lines otherwise. */
  done: Promise<void>;
}

/** Keeps the last lines a tool printed, for the error that names its failure. */
const TAIL = 20;

export interface ToolOptions {
  env: NodeJS.ProcessEnv;
  /** stdin and stdout: pipes the caller connects, or ignored. @default 'ignore' */
  stdio?: 'pipe' | 'ignore';
  cwd?: string;
  /**
   * Aborting it (a cancelled or timed-out task) sends the tool SIGTERM, and `done` rejects with the
   * abort's reason: a cancelled backup stops dumping instead of running on for hours unseen.
   */
  signal?: AbortSignal;
  /** A nice value for the tool (BACKUP_NICE for pg_dump); best-effort, see lowerPriority. */
  nice?: number;
}

/**
 * Starts a PostgreSQL client tool. stdin/stdout are pipes the caller connects (or ignores); stderr is
 * kept so a failure says why, with credentials scrubbed in case a tool echoes a connection string.
 */
export function startTool(command: string, args: string[], options: ToolOptions): ToolRun {
  const { signal } = options;
  const stdio = options.stdio ?? 'ignore';
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...options.env, LC_MESSAGES: 'C' },
    stdio: [stdio, stdio, 'pipe'],
    signal,
    killSignal: 'SIGTERM',
  });
  if (options.nice && child.pid) lowerPriority(child.pid, options.nice);
  const lines: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    lines.push(...text.split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - TAIL));
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', (err) => {
      if (signal?.aborted) return; // 'close' follows the kill
      reject(appError('INTERNAL_SERVER_ERROR', `${basename(command)}: ${err.message}`));
    });
    child.on('close', (code, killedBy) => {
      if (signal?.aborted) return reject(signal.reason);
      if (code === 0) return resolve();
      const why = killedBy ? `was killed (${killedBy})` : `exited with ${code}`;
      const detail = lines.length ? `:\n  ${lines.map(scrubSecrets).join('\n  ')}` : '';
      reject(appError('INTERNAL_SERVER_ERROR', `${basename(command)} ${why}${detail}`));
    });
  });
  return { child, done };
}

/** Runs a tool to the end and returns what it printed on stdout. */
export async function toolOutput(
  command: string,
  args: string[],
  options: Omit<ToolOptions, 'stdio'>,
): Promise<string> {
  const run = startTool(command, args, { ...options, stdio: 'pipe' });
  run.child.stdin?.end();
  const chunks: Buffer[] = [];
  run.child.stdout?.on('data', (c: Buffer) => chunks.push(c));
  await run.done;
  return Buffer.concat(chunks).toString('utf8');
}
