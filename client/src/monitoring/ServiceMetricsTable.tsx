import { TableScroll } from '../components/TableScroll';
import { formatBytes, formatCpu, formatPercent, formatRate, formatSeconds } from '../lib/format';
import type { Snapshot } from './useLiveMetrics';

type Column = 'traffic' | 'resources';

/**
 * One row per service from a metrics snapshot: traffic (rate, errors, latency) or resources. `stale`:
 * the snapshot is from before the platform stopped answering, so no service is claimed "up".
 */
export function ServiceMetricsTable({
  snapshot,
  columns,
  stale = false,
}: {
  snapshot: Snapshot;
  columns: Column;
  stale?: boolean;
}) {
  return (
    <TableScroll label="Metrics per service">
      <table>
        <caption className="sr-only">
          Metrics per service at {new Date(snapshot.time).toLocaleTimeString()}
        </caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Scrape</th>
            {columns === 'traffic' ? (
              <>
                <th scope="col">Requests</th>
                <th scope="col">Error rate</th>
                <th scope="col">Latency p50</th>
                <th scope="col">Latency p95</th>
                <th scope="col">Latency p99</th>
              </>
            ) : (
              <>
                <th scope="col">CPU</th>
                <th scope="col">Memory</th>
                <th scope="col">Event-loop lag p99</th>
                <th scope="col">Subscriptions</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {snapshot.services.map((s) => (
            <tr key={s.service}>
              <th scope="row">{s.service}</th>
              <td>{stale ? 'unreachable' : s.up ? 'up' : 'down'}</td>
              {columns === 'traffic' ? (
                <>
                  <td>{formatRate(s.requestRate)}</td>
                  <td>{formatPercent(s.errorRate)}</td>
                  <td>{formatSeconds(s.latencyP50)}</td>
                  <td>{formatSeconds(s.latencyP95)}</td>
                  <td>{formatSeconds(s.latencyP99)}</td>
                </>
              ) : (
                <>
                  <td>{formatCpu(s.cpu)}</td>
                  <td>{formatBytes(s.memoryBytes)}</td>
                  <td>{formatSeconds(s.eventLoopLag)}</td>
                  <td>{s.subscriptions ?? '—'}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
