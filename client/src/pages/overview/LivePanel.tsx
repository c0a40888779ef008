import { REQUEST_RATE } from '../../components/charts/measures';
import { TimeSeriesChart } from '../../components/charts/TimeSeriesChart';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { Fresh } from '../../components/StaleNote';
import { ServiceMetricsTable } from '../../monitoring/ServiceMetricsTable';
import { useLiveMetrics } from '../../monitoring/useLiveMetrics';

/** Request rate per service as it happens, from `metricsTick`. */
export function LivePanel() {
  const { latest, history, loading, error, live, freshness } = useLiveMetrics();
  return (
    <section aria-labelledby="live-title">
      <h2 id="live-title">Live metrics {live && <span className="badge badge-ok">live</span>}</h2>
      {loading && <Loading label="Loading metrics" />}
      {error != null && !latest && <ErrorMessage error={error} title="Could not load metrics" />}
      {!loading && !latest && !error && (
        <EmptyState title="No scrape yet">
          The first metrics arrive a few seconds after the platform starts.
        </EmptyState>
      )}
      {latest && (
        <Fresh freshness={freshness}>
          <TimeSeriesChart
            title="Requests per second, by service (since this page opened)"
            unit="Requests"
            measure={REQUEST_RATE}
            series={latest.services.map((s) => ({
              id: s.service,
              points: history.flatMap((snap) => {
                const value = snap.services.find((x) => x.service === s.service)?.requestRate;
                return value == null ? [] : [{ time: snap.time, value }];
              }),
            }))}
          />
          <ServiceMetricsTable snapshot={latest} columns="traffic" stale={freshness.stale} />
        </Fresh>
      )}
    </section>
  );
}
