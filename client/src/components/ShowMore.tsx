interface Props {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  loading?: boolean;
  /** Fetches the page after `cursor`. */
  onMore: (cursor: string) => void;
  /** What is listed, for screen readers: "Show more attempts". */
  what: string;
}

/** The next page of a cursor connection, appended below the rows already shown. */
export function ShowMore({ pageInfo, loading, onMore, what }: Props) {
  if (!pageInfo?.hasNextPage || !pageInfo.endCursor) return null;
  const cursor = pageInfo.endCursor;
  return (
    <button type="button" className="button" disabled={loading} onClick={() => onMore(cursor)}>
      {loading ? 'Loading…' : 'Show more'}
      <span className="sr-only"> {what}</span>
    </button>
  );
}
