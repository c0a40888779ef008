import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { Fresh } from '../../components/StaleNote';
import { StatusBadge } from '../../components/StatusBadge';
import { TableScroll } from '../../components/TableScroll';
import { formatMs, formatPercent, formatRate, formatRelative, formatSeconds } from '../../lib/format';
import { useLiveMetrics } from '../../monitoring/useLiveMetrics';
import { useSystemHealth } from '../../monitoring/useSystemHealth';

/** Each service and the worker: probe status, version, uptime and latency, with live traffic figures. */
export default function ServicesPage() {
  const health = useSystemHealth();
  const { latest } = useLiveMetrics();
  const { shown, freshness } = health;
  const services = (shown?.systemHealth.components ?? []).filter(
    (c) => c.kind === 'SERVICE' || c.kind === 'WORKER',
  );

  return (
    <section className="page" aria-labelledby="services-title">
      <h1 id="services-title">Services</h1>
      {health.loading && !shown && <Loading label="Probing services" />}
      {health.error && !shown && (
        <ErrorMessage
          error={health.error}
          title="Could not load services"
          onRetry={() => void health.refetch()}
        />
      )}
      {shown && (
        <Fresh freshness={freshness}>
          <TableScroll label="Services">
            <table>
              <caption className="sr-only">Every service at its latest probe</caption>
              <thead>
                <tr>
                  <th scope="col">Service</th>
                  <th scope="col">Status</th>
                  <th scope="col">Version</th>
                  <th scope="col">Uptime</th>
                  <th scope="col">Probe latency</th>
                  <th scope="col">Requests</th>
                  <th scope="col">Error rate</th>
                  <th scope="col">Latency p95</th>
                  <th scope="col">Checked</th>
                </tr>
              </thead>
              <tbody>
                {services.map((c) => {
                  const m = latest?.services.find((s) => s.service === c.name);
                  return (
                    <tr key={c.name}>
                      <th scope="row">{c.name}</th>
                      <td>
                        <StatusBadge status={c.status} stale={freshness.stale} />
                        {c.error && <div className="muted">{c.error}</div>}
                      </td>
                      <td>{c.version ?? '—'}</td>
                      <td>{formatPercent(c.uptime)}</td>
                      <td>{formatMs(c.latencyMs)}</td>
                      <td>{formatRate(m?.requestRate)}</td>
                      <td>{formatPercent(m?.errorRate)}</td>
                      <td>{formatSeconds(m?.latencyP95)}</td>
                      <td title={c.checkedAt}>{formatRelative(c.checkedAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        </Fresh>
      )}
    </section>
  );
}
