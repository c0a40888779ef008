import { useSubscription } from '@apollo/client/react';
import { ActiveAlertsDocument, AlertChangedDocument } from './alerts.operations';

/**
 * Keeps `activeAlerts` in the cache live from `alertChanged`: a PENDING or FIRING alert joins (newest
 * first) or is updated in place, a RESOLVED one leaves. The Alert and its rule are normalized, so the
 * rules table and the history show the change too. Mounted once, by the bell.
 */
export function useAlertFeed() {
  useSubscription(AlertChangedDocument, {
    onData: ({ client, data }) => {
      const alert = data.data?.alertChanged;
      if (!alert) return;
      client.cache.updateQuery({ query: ActiveAlertsDocument }, (old) => {
        if (!old) return old;
        const others = old.activeAlerts.filter((a) => a.id !== alert.id);
        return { ...old, activeAlerts: alert.status === 'RESOLVED' ? others : [alert, ...others] };
      });
    },
  });
}
