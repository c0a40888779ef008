import { useQuery } from '@apollo/client/react';
import { useFreshness } from '../apollo/useFreshness';
import { SystemHealthDocument } from './monitoring.operations';

/**
 * The latest probe round, polled every 10 s. A failed poll must not blank what is shown: `shown`
 * keeps the last answer, and `freshness` says it is stale.
 */
export function useSystemHealth() {
  const query = useQuery(SystemHealthDocument, { pollInterval: 10_000 });
  const freshness = useFreshness(SystemHealthDocument);
  return { ...query, shown: query.data ?? query.previousData, freshness };
}
