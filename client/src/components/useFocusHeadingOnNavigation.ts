import { type RefObject, useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/** A lazy page's chunk may still be loading when the route changes; its heading is awaited this long. */
const WAIT_MS = 10_000;

/** Focuses `main`'s first h1 (made focusable by script, tabIndex -1), now or when it appears. */
export function focusHeading(main: HTMLElement, wait = WAIT_MS): () => void {
  const focus = () => {
    const heading = main.querySelector<HTMLHeadingElement>('h1');
    if (!heading) return false;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: false });
    return true;
  };
  if (focus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (focus()) stop();
  });
  const timer = setTimeout(() => stop(), wait);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(main, { childList: true, subtree: true });
  return stop;
}

/**
 * After client-side navigation, moves focus to the new page's h1, so keyboard and screen-reader users
 * start at the page they chose instead of staying on the navigation link (the first load leaves focus
 * where the browser puts it, so the skip link stays the first stop). Only the path counts: filters in
 * the query string are not a new page.
 */
export function useFocusHeadingOnNavigation(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (main.current) return focusHeading(main.current);
  }, [pathname]);
}
