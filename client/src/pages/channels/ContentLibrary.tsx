import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StatusBadge } from '../../components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { ContentKind } from '../../gql/graphql';
import { formatRelative, humanize } from '../../lib/format';
import {
  ApproveContentItemDocument,
  CreateContentItemDocument,
  PublishContentItemDocument,
} from './channels.operations';

export const ContentLibrary_channel = graphql(`
  fragment ContentLibrary_channel on Channel {
    id
    contentItems(first: 50) {
      totalCount
      edges {
        node {
          id
          title
          body
          kind
          status
          createdAt
          sourceTask {
            id
          }
        }
      }
    }
  }
`);

/**
 * Drafts (written here or by the content agent) move DRAFT -> APPROVED -> PUBLISHED. Each mutation
 * answers with what it changed (the item's status, or the library with the new draft), merged by id.
 */
export function ContentLibrary(props: {
  channel: FragmentType<typeof ContentLibrary_channel>;
  canEdit: boolean;
}) {
  const { canEdit } = props;
  const channel = getFragmentData(ContentLibrary_channel, props.channel);
  const channelId = channel.id;
  const items = channel.contentItems.edges.map((e) => e.node);
  const [approve, approveState] = useMutation(ApproveContentItemDocument);
  const [publish, publishState] = useMutation(PublishContentItemDocument);
  const [create, createState] = useMutation(CreateContentItemDocument);
  const [draft, setDraft] = useState({ title: '', body: '', kind: 'POST' as ContentKind });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ variables: { input: { channelId, ...draft } } }).catch(() => null);
    if (result?.data) setDraft({ title: '', body: '', kind: draft.kind });
  }

  const error = approveState.error ?? publishState.error ?? createState.error;
  return (
    <section aria-labelledby="content-title">
      <h2 id="content-title">Content library ({items.length})</h2>
      {error && <ErrorMessage error={error} />}
      {items.length === 0 && (
        <EmptyState title="No content yet">
          {canEdit
            ? 'Write a draft below, or give the channel a posting schedule so the content agent drafts posts.'
            : 'Editors add drafts here.'}
        </EmptyState>
      )}
      <ul className="cards">
        {items.map((item) => (
          <li key={item.id} className="card">
            <div className="card-head">
              <strong>{item.title}</strong> <StatusBadge status={item.status} />
            </div>
            <p className="muted">
              {humanize(item.kind)} · {formatRelative(item.createdAt)}
              {item.sourceTask && (
                <>
                  {' '}
                  · drafted by <Link to={`/tasks/${item.sourceTask.id}`}>a task</Link>
                </>
              )}
            </p>
            <p className="content-body">{item.body}</p>
            {canEdit && item.status === 'DRAFT' && (
              <button
                type="button"
                className="button button-small"
                onClick={() => void approve({ variables: { id: item.id } }).catch(() => undefined)}
              >
                Approve<span className="sr-only"> {item.title}</span>
              </button>
            )}
            {canEdit && item.status === 'APPROVED' && (
              <button
                type="button"
                className="button button-small button-primary"
                onClick={() => void publish({ variables: { id: item.id } }).catch(() => undefined)}
              >
                Publish<span className="sr-only"> {item.title}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form className="form" onSubmit={submit} aria-labelledby="new-draft-title">
          <h3 id="new-draft-title">New draft</h3>
          <label>
            Title
            <input
              required
              maxLength={200}
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
            />
          </label>
          <label>
            Kind
            <select
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.target.value as ContentKind })}
            >
              {(['POST', 'ARTICLE', 'SCRIPT', 'OTHER'] as const).map((k) => (
                <option key={k} value={k}>
                  {humanize(k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Body
            <textarea
              rows={4}
              value={draft.body}
              onChange={(e) => setDraft({ ...draft, body: e.target.value })}
            />
          </label>
          <button type="submit" className="button" disabled={createState.loading}>
            Add draft
          </button>
        </form>
      )}
    </section>
  );
}
