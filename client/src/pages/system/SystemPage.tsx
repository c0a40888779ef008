import { useState } from 'react';
import { BYTES, count, percent, SECONDS } from '../../components/charts/measures';
import { EmptyState } from '../../components/EmptyState';
import { Loading } from '../../components/Loading';
import { Fresh } from '../../components/StaleNote';
import { HealthGrid } from '../../monitoring/HealthGrid';
import { RangePicker } from '../../monitoring/RangePicker';
import { SeriesChart } from '../../monitoring/SeriesChart';
import { ServiceMetricsTable } from '../../monitoring/ServiceMetricsTable';
import { useLiveMetrics } from '../../monitoring/useLiveMetrics';
import type { RangeId } from '../../monitoring/useSeries';
import { QueueTable } from './QueueTable';

export default function SystemPage() {
  const [range, setRange] = useState<RangeId>('1h');
  const { latest, loading, freshness } = useLiveMetrics();
  return (
    <section className="page" aria-labelledby="system-title">
      <div className="page-head">
        <h1 id="system-title">System</h1>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <section aria-labelledby="resources-title">
        <h2 id="resources-title">Resources now</h2>
        {loading && <Loading label="Loading metrics" />}
        {!loading && !latest && (
          <EmptyState title="No scrape yet">Metrics appear a few seconds after start-up.</EmptyState>
        )}
        {latest && (
          <Fresh freshness={freshness}>
            <ServiceMetricsTable snapshot={latest} columns="resources" stale={freshness.stale} />
          </Fresh>
        )}
      </section>
      <div className="grid-2">
        <SeriesChart
          title="CPU (100 % = one core busy)"
          metric="cpu_usage"
          range={range}
          unit="CPU"
          measure={percent()}
        />
        <SeriesChart
          title="Memory (resident)"
          metric="memory_rss_bytes"
          range={range}
          unit="Memory"
          measure={BYTES}
        />
        <SeriesChart
          title="Event-loop lag p99"
          metric="event_loop_lag_seconds"
          range={range}
          unit="Lag"
          measure={SECONDS}
        />
        <SeriesChart
          title="Jobs waiting"
          metric="queue_waiting"
          range={range}
          unit="Jobs"
          measure={count('jobs')}
        />
      </div>
      <section aria-labelledby="stores-title">
        <h2 id="stores-title">PostgreSQL and Redis</h2>
        <HealthGrid kinds={['DATABASE', 'REDIS']} />
      </section>
      <QueueTable live={latest?.queues ?? null} workers={latest?.workers ?? null} />
    </section>
  );
}
