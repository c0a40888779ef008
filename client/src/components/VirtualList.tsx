import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';

interface Props<T> {
  items: readonly T[];
  /** Every row has this height in pixels, so the visible window is pure arithmetic. */
  rowHeight: number;
  getKey(item: T): string;
  renderRow(item: T, expanded: boolean): ReactNode;
  label: string;
  overscan?: number;
  /** Called when the last rows come into view (load older items). */
  onEndReached?: () => void;
  /** One row may open to show more, `expandedHeight` pixels taller; the rows below it move down. */
  expandedKey?: string | null;
  expandedHeight?: number;
  /** Told whether the reader is at the top (a live tail pauses while they are not). */
  onAtTop?: (atTop: boolean) => void;
}

/**
 * Renders only the rows in view (plus a few), so 100,000 log lines cost as much as 30. The scroller
 * is focusable, so keyboard users can scroll it too.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  getKey,
  renderRow,
  label,
  overscan = 8,
  onEndReached,
  expandedKey = null,
  expandedHeight = 0,
  onAtTop,
}: Props<T>) {
  const scroller = useRef<HTMLElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Rows added above (a live tail prepends) must not push what the reader is looking at away.
  const firstKey = items.length ? getKey(items[0]) : null;
  const previousFirst = useRef(firstKey);
  useLayoutEffect(() => {
    const element = scroller.current;
    const before = previousFirst.current;
    previousFirst.current = firstKey;
    if (!element || before === null || before === firstKey || element.scrollTop === 0) return;
    const limit = Math.min(items.length, 1000);
    for (let index = 1; index < limit; index += 1) {
      if (getKey(items[index]) === before) {
        element.scrollTop += index * rowHeight;
        return;
      }
    }
  });

  const open = expandedKey === null ? -1 : items.findIndex((item) => getKey(item) === expandedKey);
  const extra = open >= 0 ? expandedHeight : 0;
  const top = (index: number) => index * rowHeight + (open >= 0 && index > open ? extra : 0);
  // The window by plain arithmetic, widened by the open row's height so it never falls short.
  const first = Math.max(0, Math.floor((scrollTop - extra) / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  const endReached = last >= items.length && items.length > 0;

  useEffect(() => {
    if (endReached) onEndReached?.();
  }, [endReached, onEndReached]);

  const rows: ReactNode[] = [];
  for (let index = first; index < last; index += 1) {
    const item = items[index];
    rows.push(
      <li
        key={getKey(item)}
        className="vlist-row"
        aria-setsize={items.length}
        aria-posinset={index + 1}
        style={{
          transform: `translateY(${top(index)}px)`,
          height: index === open ? rowHeight + extra : rowHeight,
        }}
      >
        {renderRow(item, index === open)}
      </li>,
    );
  }

  return (
    <section
      ref={scroller}
      className="vlist"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
      tabIndex={0}
      aria-label={label}
      onScroll={(event) => {
        const at = event.currentTarget.scrollTop;
        setScrollTop(at);
        onAtTop?.(at < rowHeight / 2);
      }}
    >
      <ul className="vlist-inner" style={{ height: items.length * rowHeight + extra }}>
        {rows}
      </ul>
    </section>
  );
}
