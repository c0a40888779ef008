import { useState } from 'react';
import { percent, REQUEST_RATE, SECONDS } from '../../components/charts/measures';
import { RangePicker } from '../../monitoring/RangePicker';
import { SeriesChart } from '../../monitoring/SeriesChart';
import type { RangeId } from '../../monitoring/useSeries';
import { ModelUsage } from './ModelUsage';
import { QueueDepth } from './QueueDepth';
import { RequestsByService } from './RequestsByService';
import { TaskThroughput } from './TaskThroughput';

export default function AnalyticsPage() {
  const [range, setRange] = useState<RangeId>('1h');
  return (
    <section className="page" aria-labelledby="analytics-title">
      <div className="page-head">
        <h1 id="analytics-title">Analytics</h1>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <RequestsByService />
      <div className="grid-2">
        <SeriesChart
          title="API requests per second"
          metric="http_request_rate"
          range={range}
          unit="Requests"
          measure={REQUEST_RATE}
        />
        <SeriesChart
          title="Error rate"
          metric="http_error_rate"
          range={range}
          unit="Failed requests"
          measure={percent(0)}
        />
        <SeriesChart
          title="Gateway latency p50"
          metric="http_latency_p50_seconds"
          service="gateway"
          range={range}
          unit="Latency"
          measure={SECONDS}
        />
        <SeriesChart
          title="Gateway latency p95"
          metric="http_latency_p95_seconds"
          service="gateway"
          range={range}
          unit="Latency"
          measure={SECONDS}
        />
        <SeriesChart
          title="Gateway latency p99"
          metric="http_latency_p99_seconds"
          service="gateway"
          range={range}
          unit="Latency"
          measure={SECONDS}
        />
        <SeriesChart
          title="Latency p95 by service"
          metric="http_latency_p95_seconds"
          range={range}
          unit="Latency"
          measure={SECONDS}
        />
      </div>
      <div className="grid-2">
        <TaskThroughput range={range} />
        <QueueDepth range={range} />
      </div>
      <div className="grid-2">
        <ModelUsage range={range} />
      </div>
    </section>
  );
}
