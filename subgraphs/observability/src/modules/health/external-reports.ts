import { z } from '@trae/kit';
import type { Target } from '../metric/scrape-targets.js';
import { ComponentKind, ComponentStatus } from './health.enums.js';
import type { Check } from './probes.js';

/** A service's `/health/external` (the kit's `externalHandler`): its outside dependencies, checked now. */
const ExternalReport = z.object({
  checks: z.record(
    z.string().regex(/^[a-z0-9_-]{1,40}$/),
    z.object({
      status: z.enum(['up', 'down']),
      latencyMs: z.number().int().min(0),
      error: z.string().optional(),
    }),
  ),
});

/**
 * The outside services (S3, a mail server) the platform's services depend on, as each reports them.
 * A service that is down or has none reports nothing: its own component already says so.
 */
export async function reportedExternal(targets: Target[], timeoutMs: number): Promise<Check[]> {
  const reports = await Promise.all(
    targets.filter((t) => t.kind === 'SERVICE').map((t) => reportOf(t, timeoutMs)),
  );
  return reports.flat();
}

async function reportOf(target: Target, timeoutMs: number): Promise<Check[]> {
  const time = new Date();
  try {
    const res = await fetch(`${target.url}/health/external`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) {
      await res.body?.cancel();
      return [];
    }
    const report = ExternalReport.safeParse(await res.json());
    if (!report.success) return [];
    return Object.entries(report.data.checks).map(([name, c]) => ({
      component: name,
      kind: ComponentKind.EXTERNAL,
      status: c.status === 'up' ? ComponentStatus.UP : ComponentStatus.DOWN,
      latencyMs: c.latencyMs,
      version: null,
      error: c.status === 'up' ? null : (c.error ?? 'down').slice(0, 200),
      detail: `used by ${target.name}`,
      time,
    }));
  } catch {
    return [];
  }
}

/**
 * One component per outside service, however many report it (identity and observability may share a
 * mail server): down when any user of it finds it down, since that one's feature is failing.
 */
export function mergeExternal(checks: Check[]): Check[] {
  const byName = new Map<string, Check>();
  const users = new Map<string, Set<string>>();
  for (const c of checks) {
    const seen = byName.get(c.component);
    const by = c.detail?.startsWith('used by ') ? c.detail.slice(8) : null;
    if (by) users.set(c.component, (users.get(c.component) ?? new Set()).add(by));
    if (!seen || (seen.status === ComponentStatus.UP && c.status !== ComponentStatus.UP))
      byName.set(c.component, c);
  }
  return [...byName.values()].map((c) => {
    const names = users.get(c.component);
    // Base44's own detail (its status) stays; a reported one names every service that uses it.
    return names && c.detail?.startsWith('used by ')
      ? { ...c, detail: `used by ${[...names].join(', ')}` }
      : c;
  });
}
