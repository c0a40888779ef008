import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { graphql } from '../../gql';
import type { AuditEventType } from '../../gql/graphql';
import { formatRelative, humanize } from '../../lib/format';
export const AuditLogPanelQuery = graphql(`
  query AuditLogPanel($first: Int, $type: AuditEventType) {
    auditLog(first: $first, type: $type) {
      totalCount
      edges {
        node {
          id
          type
          actorId
          subjectId
          ip
          createdAt
        }
      }
    }
  }
`);

const TYPES: AuditEventType[] = [
  'REGISTERED',
  'LOGIN_SUCCEEDED',
  'LOGIN_FAILED',
  'ACCOUNT_LOCKED',
  'LOGOUT',
  'REFRESH_TOKEN_REUSED',
  'ROLE_CHANGED',
  'USER_DISABLED',
  'USER_ENABLED',
  'API_KEY_CREATED',
  'API_KEY_REVOKED',
];

export function AuditLogPanel() {
  const [type, setType] = useState<AuditEventType | ''>('');
  const { data, error } = useQuery(AuditLogPanelQuery, {
    variables: { first: 50, type: type || undefined },
    pollInterval: 30_000,
  });
  const events = data?.auditLog.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="audit-title">
      <div className="page-head">
        <h2 id="audit-title">Audit log</h2>
        <label className="inline-field">
          Event
          <select value={type} onChange={(e) => setType(e.target.value as AuditEventType | '')}>
            <option value="">All</option>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && <ErrorMessage error={error} title="Could not load the audit log" />}
      {data && events.length === 0 && <EmptyState title="No events of this kind" />}
      <ul className="list">
        {events.map((e) => (
          <li key={e.id}>
            <strong>{humanize(e.type)}</strong>{' '}
            <span className="muted">
              {formatRelative(e.createdAt)}
              {e.ip && ` from ${e.ip}`}
              {e.subjectId && ` · account ${e.subjectId.slice(0, 8)}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
