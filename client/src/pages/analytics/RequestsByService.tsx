import { BarChart } from '../../components/charts/BarChart';
import { REQUEST_RATE } from '../../components/charts/measures';
import { Loading } from '../../components/Loading';
import { useLiveMetrics } from '../../monitoring/useLiveMetrics';

/**
 * Traffic split by the service that served it. The metrics the platform stores are per service, not
 * per GraphQL operation, so this is the finest split the API offers.
 */
export function RequestsByService() {
  const { latest, loading } = useLiveMetrics();
  if (loading) return <Loading label="Loading traffic" />;
  const bars = (latest?.services ?? [])
    .filter((s) => s.requestRate != null)
    .map((s) => ({ label: s.service, value: s.requestRate ?? 0 }));
  return (
    <BarChart title="API requests by service, right now" bars={bars} unit="Requests" measure={REQUEST_RATE} />
  );
}
