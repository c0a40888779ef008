import { useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { graphql } from '../../gql';
import type { EndpointDisabledNoticesSubscription } from '../../gql/graphql';
import { formatTime } from '../../lib/format';

export const EndpointDisabledNoticesDocument = graphql(`
  subscription EndpointDisabledNotices {
    webhookEndpointDisabled {
      id
      url
      status
      disabledReason
      disabledAt
    }
  }
`);

type Disabled = EndpointDisabledNoticesSubscription['webhookEndpointDisabled'];

/**
 * The owner's notice that one of their webhook endpoints was just disabled (410 Gone, or failing
 * too often), on every page until dismissed; the email says the same. The endpoint is normalized in the
 * cache, so its page and the list show it DISABLED at once too. Mounted once, by the layout.
 */
export function EndpointDisabledNotices() {
  const [shown, setShown] = useState<Disabled[]>([]);
  useSubscription(EndpointDisabledNoticesDocument, {
    onData: ({ data }) => {
      const endpoint = data.data?.webhookEndpointDisabled;
      if (endpoint) setShown((list) => [endpoint, ...list.filter((e) => e.id !== endpoint.id)]);
    },
  });
  if (!shown.length) return null;
  return (
    <section aria-label="Disabled webhook endpoints">
      {shown.map((endpoint) => (
        <div key={endpoint.id} role="status" className="notice notice-warn">
          Your webhook endpoint <Link to={`/webhook-endpoints/${endpoint.id}`}>{endpoint.url}</Link> was
          disabled{endpoint.disabledAt ? ` at ${formatTime(endpoint.disabledAt)}` : ''}:{' '}
          {endpoint.disabledReason ?? 'it kept failing'}. Nothing is sent to it until you enable it again.{' '}
          <button
            type="button"
            className="button button-ghost"
            onClick={() => setShown((list) => list.filter((e) => e.id !== endpoint.id))}
          >
            Dismiss
          </button>
        </div>
      ))}
    </section>
  );
}
