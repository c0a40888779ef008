import { ComponentStatus } from './health.enums.js';
import type { HealthSample } from './health.types.js';
import type { Check } from './probes.js';

/** How many probes of each component `systemHealth` keeps at hand for `history`. */
export const HISTORY_POINTS = 360;
/** Rows kept for the database while it is away (about an hour of rounds at the default interval). */
const MAX_UNSAVED = HISTORY_POINTS * 10;

/**
 * The probes this instance made lately: what `systemHealth` answers from while the database is
 * away, and the rows still to be written to it, so an outage shows in the history afterwards.
 */
export class HealthMemory {
  private readonly last = new Map<string, Check>();
  private readonly samples = new Map<string, HealthSample[]>();
  /** Each component's first probe and first UP probe here: start-up is not downtime (see `uptime`). */
  private readonly firsts = new Map<string, { probe: number; up?: number }>();
  private unsaved: Check[] = [];

  constructor(private readonly startupGraceMs: number) {}

  remember(checks: Check[]): void {
    for (const c of checks) {
      this.last.set(c.component, c);
      const first = this.firsts.get(c.component) ?? { probe: c.time.getTime() };
      if (c.status === ComponentStatus.UP) first.up ??= c.time.getTime();
      this.firsts.set(c.component, first);
      const list = this.samples.get(c.component) ?? [];
      list.unshift({ time: c.time, status: c.status, latencyMs: c.latencyMs });
      list.length = Math.min(list.length, HISTORY_POINTS);
      this.samples.set(c.component, list);
    }
    this.unsaved.push(...checks);
    this.unsaved = this.unsaved.slice(-MAX_UNSAVED);
  }

  /** The rows not yet in the database; `putBack` them when writing fails. */
  takeUnsaved(): Check[] {
    const rows = this.unsaved;
    this.unsaved = [];
    return rows;
  }

  putBack(rows: Check[]): void {
    this.unsaved = [...rows, ...this.unsaved].slice(-MAX_UNSAVED);
  }

  latest(): Check[] {
    return [...this.last.values()];
  }

  /** Newest first. */
  history(component: string): HealthSample[] {
    return this.samples.get(component) ?? [];
  }

  /** As health.service's UPTIME: down probes while it was still starting do not count. */
  uptime(component: string): number | undefined {
    const first = this.firsts.get(component);
    const starting = (t: number) =>
      first?.up !== undefined && t < first.up && t < first.probe + this.startupGraceMs;
    const list = this.samples.get(component)?.filter((s) => !starting(s.time.getTime()));
    if (!list?.length) return undefined;
    return list.filter((s) => s.status === ComponentStatus.UP).length / list.length;
  }
}
