import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { balancedServers, balancerEnv, layOut } from '../src/cluster.js';
import { clusterConfig, findDaemon, HAPROXY_CONFIG, HAPROXY_MISSING, haproxyLines } from '../src/haproxy.js';
import { findRepoRoot } from '../src/repo.js';
import { SERVICES } from '../src/services.js';

const repo = findRepoRoot();
const template = readFileSync(join(repo, HAPROXY_CONFIG), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'launcher-haproxy-'));

/** `haproxy -c`: exit 0 and its verdict, or the alerts it printed. */
function haproxyCheck(file: string, env: Record<string, string> = {}) {
  try {
    return execFileSync(findDaemon('haproxy') ?? 'haproxy', ['-c', '-f', file], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (err) {
    return `failed: ${(err as { stderr?: string }).stderr || (err as Error).message}`;
  }
}

describe('deploy/haproxy/haproxy.cfg', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is valid for production as it is, servers found by DNS', () => {
    expect(haproxyCheck(join(repo, HAPROXY_CONFIG))).toContain('Configuration file is valid');
  });

  it('is valid for the cluster, every service of the registry twice behind it', async () => {
    const layout = await layOut(SERVICES, { replicas: 2 });
    const file = join(dir, 'cluster.cfg');
    writeFileSync(file, clusterConfig(template, balancedServers(layout)));

    expect(haproxyCheck(file, balancerEnv(layout, join(dir, 'admin.sock')))).toContain(
      'Configuration file is valid',
    );
    const config = readFileSync(file, 'utf8');
    expect(config).not.toMatch(/^\s+server-template/m);
    expect(config).toContain('server tasks2 127.0.0.1:4203 check resolvers dns init-addr none\n');
    expect(config.match(/^ {4}server /gm)).toHaveLength(SERVICES.length * 2);
  });
});

describe('the cluster configuration', () => {
  const cfg = [
    'global',
    '    log stderr local0',
    '',
    '# The workers.',
    'listen tasks-worker',
    '    bind 127.0.0.1:4013',
    '    server-template tasks-worker 1-10 "tasks-worker:4013" check inter 2s',
    '',
    'listen tasks',
    '    server-template tasks 1-10 "tasks:4003" check',
  ].join('\n');

  it('lists the instances in place of each server template, with the same parameters', () => {
    expect(clusterConfig(cfg, { tasks: ['127.0.0.1:4103', '127.0.0.1:4203'], 'tasks-worker': ['h:1'] })).toBe(
      [
        'global',
        '    log stderr local0',
        '',
        '# The workers.',
        'listen tasks-worker',
        '    bind 127.0.0.1:4013',
        '    server tasks-worker1 h:1 check inter 2s',
        '',
        'listen tasks',
        '    server tasks1 127.0.0.1:4103 check',
        '    server tasks2 127.0.0.1:4203 check',
      ].join('\n'),
    );
  });

  it('leaves out the sections of services not run, with their comments, so nothing listens for them', () => {
    expect(clusterConfig(cfg, { tasks: ['127.0.0.1:4103'] })).toBe(
      ['global', '    log stderr local0', '', 'listen tasks', '    server tasks1 127.0.0.1:4103 check'].join(
        '\n',
      ),
    );
  });

  it('refuses to run a service the configuration has no servers for', () => {
    expect(() => clusterConfig(cfg, { alpha: ['127.0.0.1:1'] })).toThrow(
      `haproxy has no server-template for alpha in ${HAPROXY_CONFIG}`,
    );
  });

  it('shows each of its notices once, without the pid', () => {
    const lines: string[] = [];
    const write = haproxyLines((line) => lines.push(line));

    write('[WARNING]  (4242) : Server tasks/tasks1 is DOWN, reason: Layer4 connection problem.');
    write('Server tasks/tasks1 is DOWN, reason: Layer4 connection problem.');
    write('127.0.0.1:5000 [02/Dec/2026:12:00:00.000] public gateway/gateway1 0/0/0/1/1 503 -');

    expect(lines).toEqual([
      '[WARNING] Server tasks/tasks1 is DOWN, reason: Layer4 connection problem.',
      '127.0.0.1:5000 [02/Dec/2026:12:00:00.000] public gateway/gateway1 0/0/0/1/1 503 -',
    ]);
  });
});

describe('finding haproxy', () => {
  it("looks in the sbin folders an ordinary user's PATH leaves out, and says in one line how to get it", () => {
    expect(findDaemon('haproxy', '/nonexistent')).toMatch(/\/sbin\/haproxy$/);
    expect(findDaemon('no-such-daemon', '/nonexistent')).toBeNull();
    expect(HAPROXY_MISSING.split('\n')).toHaveLength(1);
    expect(HAPROXY_MISSING).toMatch(/apt install haproxy.*brew install haproxy/);
  });
});

describe('deploy/nginx/nginx.conf', () => {
  it('passes nginx -t', () => {
    const prefix = mkdtempSync(join(tmpdir(), 'launcher-nginx-'));
    let verdict: string;
    try {
      execFileSync(
        findDaemon('nginx') ?? 'nginx',
        [
          '-t',
          '-p',
          prefix,
          '-e',
          'stderr',
          '-g',
          `pid ${prefix}/nginx.pid;`,
          '-c',
          join(repo, 'deploy/nginx/nginx.conf'),
        ],
        { stdio: 'pipe', encoding: 'utf8' },
      );
      verdict = 'ok';
    } catch (err) {
      verdict = (err as { stderr?: string; message: string }).stderr || (err as Error).message;
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
    expect(verdict).toBe('ok');
  });
});
