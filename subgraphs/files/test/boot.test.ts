import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** The built service, as production starts it: the secrets are checked before anything connects. */
function boot(env: Record<string, string>) {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: build the package first (npm run build)`);
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('files boot in production', () => {
  it('refuses to start without its secrets, naming each variable', async () => {
    const { code, output } = await boot({ NODE_ENV: 'production' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/INTERNAL_SECRET: required in production/);
    expect(output).toMatch(/FILES_SIGNING_SECRET: required in production/);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('refuses the development values from the source and short ones', async () => {
    const { code, output } = await boot({
      NODE_ENV: 'production',
      INTERNAL_SECRET: 'trae-dev-internal-secret-change-me',
      FILES_SIGNING_SECRET: 'sixteen-byte-key-only',
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/INTERNAL_SECRET: is the development default/);
    expect(output).toMatch(/FILES_SIGNING_SECRET: must be at least 32 bytes/);
  });
});
