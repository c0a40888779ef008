import { Gauge, type Registry } from 'prom-client';
import type { AgentService } from '../modules/agent/agent.service.js';

/** `tasks_stranded{agent}`: what queueStats says, read when /metrics is scraped. */
export function strandedGauge(registry: Registry, agents: AgentService): Gauge<'agent'> {
  return new Gauge({
    name: 'tasks_stranded',
    help: 'Due tasks not started by a worker for longer than TASK_STRANDED_AFTER_MS (lost jobs, or a backlog)',
    labelNames: ['agent'],
    registers: [registry],
    async collect() {
      // Every agent has a series (0 included), so an alert on it needs no absent() guard.
      const read = await Promise.all([agents.list(), agents.stranded()]).catch(() => null);
      if (!read) return;
      const [list, counts] = read;
      for (const a of list) this.set({ agent: a.name }, counts.get(a.name) ?? 0);
    },
  });
}
