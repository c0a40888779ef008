import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Sparkline } from '../../components/charts/Sparkline';
import { StatusBadge } from '../../components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { ErrorIssueRow_GroupFragment } from '../../gql/graphql';
import { formatDateTime, formatRelative } from '../../lib/format';
import { ReopenErrorDocument, ResolveErrorDocument } from './errors.operations';

const DAY_MS = 86_400_000;

export const ErrorIssueRow_group = graphql(`
  fragment ErrorIssueRow_group on ErrorGroup {
    id
    type
    message
    service
    severity
    count
    firstSeen
    lastSeen
    resolved
    resolvedAt
    reopenedCount
    hourly
    stackTrace
    sampleContext
  }
`);

/** Sentry's words: new (first seen today), regressed (resolved once, back since). */
function labels(g: ErrorIssueRow_GroupFragment): string[] {
  const out: string[] = [];
  if (Date.now() - new Date(g.firstSeen).getTime() < DAY_MS) out.push('new');
  if (g.reopenedCount > 0 && !g.resolved) out.push('regressed');
  return out;
}

/**
 * One error group and, opened, its latest sample and (for ADMIN, who alone receives it) its stack.
 * Resolve and reopen answer the group itself, so Apollo's cache updates the row without a refetch.
 */
export function ErrorIssueRow(props: { group: FragmentType<typeof ErrorIssueRow_group>; admin: boolean }) {
  const { admin } = props;
  const group = getFragmentData(ErrorIssueRow_group, props.group);
  const [open, setOpen] = useState(false);
  const [resolve, resolving] = useMutation(ResolveErrorDocument, { variables: { id: group.id } });
  const [reopen, reopening] = useMutation(ReopenErrorDocument, { variables: { id: group.id } });
  const busy = resolving.loading || reopening.loading;
  const detailsId = `error-details-${group.id}`;
  return (
    <>
      <tr>
        <td>
          <button
            type="button"
            className="link-button"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen(!open)}
          >
            <strong>{group.type}</strong>
          </button>{' '}
          <span className="muted">in {group.service}</span>
          {labels(group).map((l) => (
            <span key={l} className="badge badge-warn error-label">
              {l}
            </span>
          ))}
          <div className="error-message">{group.message}</div>
        </td>
        <td>
          <StatusBadge
            status={group.resolved ? 'resolved' : group.severity}
            tone={group.resolved ? 'ok' : group.severity === 'LOW' ? 'neutral' : 'bad'}
          />
        </td>
        <td>{group.count.toLocaleString()}</td>
        <td>
          <Sparkline values={group.hourly} label="Occurrences per hour, last 24 hours" />
        </td>
        <td title={formatDateTime(group.firstSeen)}>{formatRelative(group.firstSeen)}</td>
        <td title={formatDateTime(group.lastSeen)}>{formatRelative(group.lastSeen)}</td>
        {admin && (
          <td>
            {group.resolved ? (
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => void reopen()}
              >
                Reopen
              </button>
            ) : (
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => void resolve()}
              >
                Resolve
              </button>
            )}
          </td>
        )}
      </tr>
      <tr id={detailsId} hidden={!open} className="error-details">
        <td colSpan={admin ? 7 : 6}>
          {open && (
            <>
              <h3>Latest occurrence</h3>
              <pre>{JSON.stringify(group.sampleContext ?? {}, null, 2)}</pre>
              {group.stackTrace && (
                <>
                  <h3>Stack</h3>
                  <pre>{group.stackTrace}</pre>
                </>
              )}
            </>
          )}
        </td>
      </tr>
    </>
  );
}
