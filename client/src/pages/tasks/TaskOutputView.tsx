import { useLayoutEffect, useRef } from 'react';

/**
 * The model's text as it is written. The box has a fixed height, so growing text scrolls inside it
 * instead of pushing the page down; it follows the end unless the reader scrolled up. It is not a live
 * region: a screen reader would otherwise read every batch. The status line above says how far it is.
 */
export function TaskOutputView({ text, writing }: { text: string; writing: boolean }) {
  const box = useRef<HTMLElement>(null);
  const following = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls when the text grows.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [text]);
  return (
    <section aria-labelledby="task-output-title">
      <h2 id="task-output-title">Output</h2>
      <section
        ref={box}
        className="code task-output"
        aria-label="Model output"
        aria-busy={writing}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrollable text must be reachable by keyboard.
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {text || (writing ? 'Waiting for the model…' : 'No output.')}
      </section>
    </section>
  );
}
