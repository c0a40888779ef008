import { useState } from 'react';
import { AnalysisTable } from './AnalysisTable';
import { Markdown } from './Markdown';
import { ResearchReport } from './ResearchReport';
import { resultKind } from './result-kind';

function Rendered({ result }: { result: unknown }) {
  const r = resultKind(result);
  switch (r.kind) {
    case 'content':
      return (
        <article className="report">
          {/* Template drafts open with their title as a `#` heading already. */}
          {r.title && !r.markdown.trimStart().startsWith('#') && <h3>{r.title}</h3>}
          <Markdown text={r.markdown} />
        </article>
      );
    case 'posts':
      return (
        <ol className="sources">
          {r.posts.map((p) => (
            <li key={p.text}>
              <Markdown text={p.text} />
            </li>
          ))}
        </ol>
      );
    case 'analysis':
      return <AnalysisTable rowCount={r.rowCount} columns={r.columns} />;
    case 'research':
      return <ResearchReport pages={r.pages} failed={r.failed} keywords={r.keywords} />;
    default:
      return null;
  }
}

/** A result rendered by its kind, with the raw JSON one click away (in a box that scrolls, never widening the page). */
export function TaskResult({ result }: { result: unknown }) {
  const rendered = resultKind(result).kind !== 'raw';
  const [raw, setRaw] = useState(!rendered);
  return (
    <div className="task-result">
      {rendered && (
        <button
          type="button"
          className="button button-ghost button-small"
          aria-pressed={raw}
          onClick={() => setRaw(!raw)}
        >
          {raw ? 'Show rendered' : 'Show raw JSON'}
        </button>
      )}
      {raw ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrollable box must be reachable by keyboard.
        <section className="code code-scroll" tabIndex={0} aria-label="Raw result JSON">
          <pre>{JSON.stringify(result, null, 2)}</pre>
        </section>
      ) : (
        <Rendered result={result} />
      )}
    </div>
  );
}
