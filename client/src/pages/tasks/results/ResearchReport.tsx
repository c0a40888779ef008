import { type SourcePage, safeHref } from './result-kind';

interface Props {
  pages: SourcePage[];
  failed: { url: string; error: string }[];
  keywords: string[];
}

/** A research result as a report: key terms, what each source said, and the sources that failed. */
export function ResearchReport({ pages, failed, keywords }: Props) {
  return (
    <article className="report">
      {keywords.length > 0 && (
        <p>
          <strong>Key terms: </strong>
          {keywords.join(', ')}
        </p>
      )}
      <h3>Sources ({pages.length})</h3>
      <ol className="sources">
        {pages.map((p) => (
          <li key={p.url}>
            <a href={safeHref(p.url)} rel="noopener noreferrer nofollow" target="_blank">
              {p.title || p.url}
            </a>
            {p.description && <p className="muted">{p.description}</p>}
            {p.summary.length > 0 && (
              <ul>
                {p.summary.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {failed.length > 0 && (
        <>
          <h3>Not fetched ({failed.length})</h3>
          <ul>
            {failed.map((f) => (
              <li key={f.url}>
                <code>{f.url}</code>: {f.error}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
