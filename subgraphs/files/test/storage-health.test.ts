import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startFiles } from './support/harness.js';
import { type LocalS3, startLocalS3 } from './support/s3.js';

interface External {
  checks: Record<string, { status: string; latencyMs: number; error?: string }>;
}

describe('S3 as an outside service: /health/external, never /ready', () => {
  let s3: LocalS3;
  let h: Harness;
  let local: Harness;

  beforeAll(async () => {
    s3 = await startLocalS3();
    [h, local] = await Promise.all([startFiles(s3.env), startFiles()]);
  });
  afterAll(async () => {
    await Promise.all([h?.stop(), local?.stop()]);
    await s3?.stop().catch(() => undefined);
  });

  const external = async (of: Harness) => {
    const res = await fetch(`${of.base}/health/external`);
    return { status: res.status, body: (await res.json()) as External };
  };

  it('reports the bucket up, and nothing where the files are on local disk', async () => {
    expect(await external(h)).toMatchObject({ status: 200, body: { checks: { s3: { status: 'up' } } } });
    expect(await external(local)).toEqual({ status: 200, body: { checks: {} } });
  });

  it('reports S3 down when it stops, with a reason that names no endpoint, and stays ready', async () => {
    await s3.stop();
    const { status, body } = await external(h);
    expect(status).toBe(200);
    expect(body.checks.s3).toMatchObject({ status: 'down', error: 'S3 unreachable' });
    expect(JSON.stringify(body)).not.toContain(new URL(s3.endpoint).port);
    // A balancer keeps the instance: downloads fail, but the platform runs degraded, not down.
    expect((await fetch(`${h.base}/ready`)).status).toBe(200);
    // The failed check is an S3 call like any other, in the integration series.
    const metrics = await (await fetch(`${h.base}/metrics`)).text();
    expect(metrics).toMatch(
      /integration_requests_total\{[^}]*integration="s3",method="HeadBucket",outcome="network"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(
      /integration_failures_total\{[^}]*integration="s3",reason="network"[^}]*\} [1-9]/,
    );
  });
});
