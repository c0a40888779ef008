import { type ChildProcess, spawn } from 'node:child_process';

export interface Running {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Extra node flags for the service processes, e.g. `--cpu-prof` to see where their time goes. */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

/**
 * Starts `entry` as its own process and resolves once its log says it is ready, with the port it
 * printed (every service listens on PORT=0 here). Its output is read to the end, so a full pipe never
 * stalls it.
 */
export function startProcess(entry: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<Running> {
  const child = spawn(process.execPath, [...NODE_ARGS, entry, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    let ready = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (ready) return;
      seen += chunk.toString();
      const line = seen.split('\n').find((l) => / ready"/.test(l));
      const port = line && /"port":(\d+)|:(\d+)\/graphql/.exec(line);
      if (!port) return;
      ready = true;
      const url = `http://127.0.0.1:${port[1] ?? port[2]}`;
      resolve({ child, url, stop: () => stopProcess(child) });
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code} before it was ready`)));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  return exited;
}
