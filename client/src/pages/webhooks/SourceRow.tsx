import { Link } from 'react-router-dom';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { formatRelative } from '../../lib/format';
import { SourceAction } from './SourceAction';

export const SourceRow_source = graphql(`
  fragment SourceRow_source on WebhookSource {
    id
    name
    signature
    secretCount
    createdAt
    ...SourceAction_source
  }
`);

export function SourceRow(props: { source: FragmentType<typeof SourceRow_source> }) {
  const source = getFragmentData(SourceRow_source, props.source);
  return (
    <tr>
      <th scope="row">
        <Link to={`/webhook-sources/${source.id}`}>{source.name}</Link>
      </th>
      <td>
        <SourceAction source={source} />
      </td>
      <td>{source.signature === 'X_SIGNATURE' ? 'X-Signature' : 'Standard Webhooks'}</td>
      <td>{source.secretCount === 2 ? '2 (rotating)' : '1'}</td>
      <td title={source.createdAt}>{formatRelative(source.createdAt)}</td>
    </tr>
  );
}
