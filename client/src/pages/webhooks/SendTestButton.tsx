import { useMutation } from '@apollo/client/react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SendTestWebhookDocument } from './webhooks.operations';

/** Queues a `webhook.test` event now; its attempt shows up in the delivery log (which polls). */
export function SendTestButton({ endpointId, disabled }: { endpointId: string; disabled: boolean }) {
  const [send, state] = useMutation(SendTestWebhookDocument);
  return (
    <div className="actions">
      <button
        type="button"
        className="button button-small"
        disabled={disabled || state.loading}
        onClick={() => void send({ variables: { endpointId } }).catch(() => undefined)}
      >
        {state.loading ? 'Sending…' : 'Send test'}
      </button>
      {state.data?.sendTestWebhook.queued && (
        <span role="status" className="muted">
          Test event queued ({state.data.sendTestWebhook.messageId})
        </span>
      )}
      {state.error && <ErrorMessage error={state.error} />}
    </div>
  );
}
