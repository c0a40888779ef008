import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * Agent-written markdown (from a model or a scraped page) as React elements: no innerHTML, raw HTML
 * in the text is dropped, and react-markdown's URL filter removes `javascript:` and other unsafe links.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]}>{text}</ReactMarkdown>
    </div>
  );
}
