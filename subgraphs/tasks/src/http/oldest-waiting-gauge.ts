import { Gauge, type Registry } from 'prom-client';
import type { AgentService } from '../modules/agent/agent.service.js';

/**
 * `tasks_oldest_waiting_seconds{agent}`: how long the oldest due task has waited for a worker, read
 * when /metrics is scraped. The "Queue stalled" rule of deploy/prometheus/alerts.yml reads it.
 */
export function oldestWaitingGauge(registry: Registry, agents: AgentService): Gauge<'agent'> {
  return new Gauge({
    name: 'tasks_oldest_waiting_seconds',
    help: 'Seconds the oldest due task of each agent has waited for a worker (0 when none waits)',
    labelNames: ['agent'],
    registers: [registry],
    async collect() {
      const read = await Promise.all([agents.list(), agents.oldestWaiting()]).catch(() => null);
      if (!read) return;
      const [list, ages] = read;
      for (const a of list) this.set({ agent: a.name }, Math.round(ages.get(a.name) ?? 0));
    },
  });
}
