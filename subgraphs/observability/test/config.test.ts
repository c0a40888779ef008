import { ConfigError } from '@trae/kit';
import { describe, expect, it } from 'vitest';
import { loadObservabilityConfig } from '../src/config.js';
import { targetsOf } from '../src/modules/metric/scrape-targets.js';
import { createObservability } from '../src/server.js';

describe('observability config', () => {
  it('lists every process of the platform by default, the worker under either variable', () => {
    const names = (env: Record<string, string>) =>
      targetsOf(loadObservabilityConfig(env)).map((t) => [t.name, t.url, t.kind]);
    expect(names({})).toEqual([
      ['gateway', 'http://127.0.0.1:4000', 'SERVICE'],
      ['identity', 'http://127.0.0.1:4001', 'SERVICE'],
      ['channels', 'http://127.0.0.1:4002', 'SERVICE'],
      ['tasks', 'http://127.0.0.1:4003', 'SERVICE'],
      ['files', 'http://127.0.0.1:4004', 'SERVICE'],
      ['observability', 'http://127.0.0.1:4005', 'SERVICE'],
      ['webhooks', 'http://127.0.0.1:4006', 'SERVICE'],
      ['tasks-worker', 'http://127.0.0.1:4013', 'WORKER'],
    ]);
    expect(names({ TASKS_WORKER_URL: 'http://10.0.0.2:7000/' }).at(-1)).toEqual([
      'tasks-worker',
      'http://10.0.0.2:7000',
      'WORKER',
    ]);
    expect(names({ SCRAPE_TARGETS: 'a=http://h:1, b-worker=http://h:2/' })).toEqual([
      ['a', 'http://h:1', 'SERVICE'],
      ['b-worker', 'http://h:2', 'WORKER'],
    ]);
  });

  it('fails at boot naming the variable', () => {
    expect(() => loadObservabilityConfig({ SCRAPE_TARGETS: 'just-a-name' })).toThrow(ConfigError);
    expect(() => loadObservabilityConfig({ SCRAPE_TARGETS: 'just-a-name' })).toThrow(
      /SCRAPE_TARGETS: expected name=url/,
    );
    expect(() => loadObservabilityConfig({ SCRAPE_INTERVAL_MS: '10' })).toThrow(/SCRAPE_INTERVAL_MS/);
  });

  it('reads alert recipients as a list and refuses what is not an address', () => {
    expect(loadObservabilityConfig({}).ALERT_EMAIL_TO).toEqual([]);
    expect(
      loadObservabilityConfig({ ALERT_EMAIL_TO: 'ops@example.com, On Call <oncall@example.com>,' })
        .ALERT_EMAIL_TO,
    ).toEqual(['ops@example.com', 'On Call <oncall@example.com>']);
    expect(() => loadObservabilityConfig({ ALERT_EMAIL_TO: 'ops@example.com, nobody' })).toThrow(
      /ALERT_EMAIL_TO: expected email addresses, got "nobody"/,
    );
    expect(loadObservabilityConfig({}).ALERT_EVAL_INTERVAL_MS).toBe(15_000);
  });

  it('refuses to boot in production with alert emails on and no mail server, naming the variable', async () => {
    const config = {
      ...loadObservabilityConfig({ ALERT_EMAIL_TO: 'ops@example.com' }),
      NODE_ENV: 'production' as const,
    };
    await expect(createObservability(config)).rejects.toThrow(
      /SMTP_URL: required in production by ALERT_EMAIL_TO/,
    );
  });
});
