import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { healthHandler, MIN_NODE_MAJOR } from '../src/index.js';

const run = promisify(execFile);
const runtimeModule = fileURLToPath(new URL('../dist/runtime.js', import.meta.url));

/** Runs requireRuntime in a child process, as an entry point would, claiming the given version. */
const check = (version: string) =>
  run(process.execPath, [
    '--input-type=module',
    '-e',
    `import { requireRuntime } from ${JSON.stringify(runtimeModule)}; requireRuntime('gateway', ${JSON.stringify(version)}); console.log('started');`,
  ]).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('runtime', () => {
  it('runs the tests themselves on the pinned runtime', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(MIN_NODE_MAJOR);
  });

  it('refuses a too-old runtime with one clear line and exit 1, before anything starts', async () => {
    const r = await check('20.20.2');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^gateway needs Node\.js 24 or newer, but this is 20\.20\.2: .*npm start/);
  });

  it('lets a supported runtime through', async () => {
    const r = await check(`${MIN_NODE_MAJOR}.0.0`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('started\n');
  });

  it('reports the runtime on /health', async () => {
    const app = express().get(
      '/health',
      healthHandler({ service: 's', version: '1', startedAt: new Date() }),
    );
    const res = await request(app).get('/health');
    expect(res.body.runtime).toBe(`node ${process.version}`);
  });
});
