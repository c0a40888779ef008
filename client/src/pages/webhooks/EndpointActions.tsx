import { useMutation } from '@apollo/client/react';
import { removeFromConnections } from '../../apollo/cache-updates';
import { ErrorMessage } from '../../components/ErrorMessage';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { DeleteWebhookEndpointDocument, SetWebhookEndpointDisabledDocument } from './webhooks.operations';

export const EndpointActions_endpoint = graphql(`
  fragment EndpointActions_endpoint on WebhookEndpoint {
    id
    url
    status
  }
`);

interface Props {
  endpoint: FragmentType<typeof EndpointActions_endpoint>;
  /** After the endpoint is gone (the detail page leaves for the list). */
  onDeleted?: () => void;
}

/** Pause / resume and delete; the answer updates the cache, so every list and page follows. */
export function EndpointActions({ onDeleted, ...props }: Props) {
  const endpoint = getFragmentData(EndpointActions_endpoint, props.endpoint);
  const [setDisabled, disabledState] = useMutation(SetWebhookEndpointDisabledDocument);
  const [remove, removeState] = useMutation(DeleteWebhookEndpointDocument, {
    update(cache, { data }) {
      if (!data?.deleteWebhookEndpoint) return;
      // Drop it from every page of `webhookEndpoints` already read, then the object itself.
      removeFromConnections(cache, {
        fieldName: 'webhookEndpoints',
        nodeId: cache.identify({ __typename: 'WebhookEndpoint', id: endpoint.id }) ?? '',
      });
    },
  });
  const paused = endpoint.status === 'DISABLED';
  const error = disabledState.error ?? removeState.error;

  async function confirmDelete() {
    if (!window.confirm(`Delete the endpoint ${endpoint.url} and its delivery log? This cannot be undone.`))
      return;
    const result = await remove({ variables: { id: endpoint.id } }).catch(() => null);
    if (result?.data?.deleteWebhookEndpoint) onDeleted?.();
  }

  return (
    <div className="actions">
      <button
        type="button"
        className="button button-small"
        disabled={disabledState.loading}
        onClick={() =>
          void setDisabled({ variables: { id: endpoint.id, disabled: !paused } }).catch(() => undefined)
        }
      >
        {paused ? 'Enable' : 'Disable'}
        <span className="sr-only"> {endpoint.url}</span>
      </button>
      <button
        type="button"
        className="button button-small button-danger"
        disabled={removeState.loading}
        onClick={() => void confirmDelete()}
      >
        Delete<span className="sr-only"> {endpoint.url}</span>
      </button>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
