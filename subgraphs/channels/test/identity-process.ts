import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface IdentityProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * The real identity service as a child process (as `npm start` runs it), for the JWKS that signs our
 * test tokens and the user lookups behind addChannelMember. Its port comes from its "ready" log line.
 */
export async function startIdentityProcess(env: Record<string, string>): Promise<IdentityProcess> {
  const entry = join(dirname(createRequire(import.meta.url).resolve('@trae/identity')), 'index.js');
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('identity did not start in 20 s')), 20_000);
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n${output.slice(-2000)}`));
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
      const ready = /"port":(\d+)[^\n]*"msg":"identity ready"/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.once('exit', (code) => fail(new Error(`identity exited with ${code}`)));
  });
  child.stdout?.resume();
  child.removeAllListeners('exit');
  return { url: `http://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
