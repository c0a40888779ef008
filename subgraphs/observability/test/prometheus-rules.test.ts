import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_RULES } from '../src/modules/alert/default-rules.js';
import {
  ALERTS_FILE,
  prometheusRules,
  promql,
  syncAlertsFile,
} from '../src/modules/alert/prometheus-rules.js';

const run = promisify(execFile);
const PROMTOOL_MISSING = 'promtool is needed on the PATH (Debian: apt-get install prometheus)';
const promtool = (...args: string[]) =>
  run('promtool', args).catch((err: NodeJS.ErrnoException & { stdout?: string; stderr?: string }) => {
    if (err.code === 'ENOENT') throw new Error(PROMTOOL_MISSING);
    throw new Error(`promtool ${args.join(' ')} failed:\n${err.stdout}${err.stderr}`);
  });

describe('deploy/prometheus/alerts.yml', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alerts-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is what `npm run alerts:prometheus` generates from the default rules', async () => {
    expect(await syncAlertsFile(true)).toBe(true);
    const { groups } = parse(prometheusRules(DEFAULT_RULES));
    expect(
      groups[0].rules.map((r: { alert: string; labels: { rule: string } }) => [r.alert, r.labels.rule]),
    ).toEqual([
      ['ServiceDown', 'service-down'],
      ['HighErrorRate', 'high-error-rate'],
      ['QueueStalled', 'queue-stalled'],
      ['BackupTooOld', 'backup-too-old'],
    ]);
    expect(groups[0].rules[1]).toMatchObject({
      for: '5m',
      keep_firing_for: '2m',
      labels: { severity: 'warning' },
    });
  });

  it('maps one service to its label, and refuses kinds Prometheus cannot see', () => {
    const base = DEFAULT_RULES[1];
    expect(promql({ ...base, service: 'identity', comparison: 'BELOW', threshold: 0.5 })).toMatch(
      /service="identity".* < 0\.5$/,
    );
    expect(promql({ ...DEFAULT_RULES[0], service: 'files' })).toBe(
      'up{job="trae",instance=~"files:.*"} == 0',
    );
    expect(() => promql({ ...base, kind: 'ERROR_GROUP', metric: null })).toThrow(/no PromQL for ERROR_GROUP/);
  });

  it('passes promtool: the file, the scrape config that loads it, and the rules on sample series', async () => {
    await promtool('check', 'rules', ALERTS_FILE);
    await promtool('check', 'config', join(ALERTS_FILE, '../../prometheus.yml'));
    // 15 s samples: files stops answering at 30 s; identity fails 10% of its requests (no GraphQL
    // errors at all, so that series is absent); a task has waited 700 s from the second sample on.
    const tests = {
      rule_files: [ALERTS_FILE],
      evaluation_interval: '15s',
      tests: [
        {
          interval: '15s',
          input_series: [
            { series: 'up{job="trae",instance="files:4004"}', values: '1 1 0x20' },
            { series: 'up{job="trae",instance="identity:4001"}', values: '1x22' },
            {
              series: 'http_requests_total{service="identity",route="/graphql",method="POST",status="200"}',
              values: '0+90x60',
            },
            {
              series: 'http_requests_total{service="identity",route="/graphql",method="POST",status="500"}',
              values: '0+10x60',
            },
            {
              series: 'http_requests_total{service="files",route="/files",method="PUT",status="200"}',
              values: '0+50x60',
            },
            { series: 'tasks_oldest_waiting_seconds{agent="system"}', values: '0 700x10' },
          ],
          alert_rule_test: [
            { eval_time: '75s', alertname: 'ServiceDown', exp_alerts: [] },
            {
              eval_time: '90s',
              alertname: 'ServiceDown',
              exp_alerts: [
                {
                  exp_labels: {
                    severity: 'critical',
                    rule: 'service-down',
                    job: 'trae',
                    instance: 'files:4004',
                  },
                  exp_annotations: {
                    summary: 'Service down: files:4004',
                    description: DEFAULT_RULES[0].description,
                  },
                },
              ],
            },
            { eval_time: '2m', alertname: 'HighErrorRate', exp_alerts: [] },
            {
              eval_time: '10m',
              alertname: 'HighErrorRate',
              exp_alerts: [
                {
                  exp_labels: { severity: 'warning', rule: 'high-error-rate', service: 'identity' },
                  exp_annotations: {
                    summary: 'High error rate: 0.1 on identity',
                    description: DEFAULT_RULES[1].description,
                  },
                },
              ],
            },
            { eval_time: '0s', alertname: 'QueueStalled', exp_alerts: [] },
            {
              eval_time: '15s',
              alertname: 'QueueStalled',
              exp_alerts: [
                {
                  exp_labels: { severity: 'warning', rule: 'queue-stalled' },
                  exp_annotations: {
                    summary: 'Queue stalled: 700',
                    description: DEFAULT_RULES[2].description,
                  },
                },
              ],
            },
            { eval_time: '1m', alertname: 'BackupTooOld', exp_alerts: [] },
          ],
        },
      ],
    };
    const file = join(dir, 'alerts.test.yml');
    await writeFile(file, stringify(tests));
    const { stdout } = await promtool('test', 'rules', file);
    expect(stdout).toContain('SUCCESS');
  });
});
