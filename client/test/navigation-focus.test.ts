import { afterEach, describe, expect, it, vi } from 'vitest';
import { focusHeading } from '../src/components/useFocusHeadingOnNavigation';
import { FreshTasks } from '../src/pages/tasks/useTaskUpdates';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('focusHeading: after navigation, focus starts at the page heading', () => {
  it('focuses the h1 there now, made focusable by script only (tabIndex -1, not a Tab stop)', () => {
    document.body.innerHTML = '<main><h1>Analytics</h1><button>Refresh</button></main>';
    focusHeading(document.querySelector('main') as HTMLElement);
    const h1 = document.querySelector('h1') as HTMLHeadingElement;
    expect(document.activeElement).toBe(h1);
    expect(h1.tabIndex).toBe(-1);
  });

  it('waits for the heading of a page whose chunk is still loading, then stops watching', async () => {
    document.body.innerHTML = '<main><p class="loading">Loading the page</p></main>';
    const main = document.querySelector('main') as HTMLElement;
    focusHeading(main);
    expect(document.activeElement).toBe(document.body);
    main.innerHTML = '<section><h1>Logs</h1></section>';
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Logs'));
    // A later heading (the page re-rendered) does not steal focus again.
    (document.activeElement as HTMLElement).blur();
    main.insertAdjacentHTML('afterbegin', '<h1>Other</h1>');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(document.activeElement).toBe(document.body);
  });
});

describe('FreshTasks: the "new tasks" count outside React state', () => {
  it('counts distinct tasks, tells listeners only when the count changes, and clears', () => {
    const fresh = new FreshTasks();
    const listener = vi.fn();
    fresh.subscribe(listener);
    fresh.add(['a', 'b']);
    fresh.add(['a']);
    expect(fresh.count()).toBe(2);
    expect(listener).toHaveBeenCalledTimes(1);
    fresh.clear();
    fresh.clear();
    expect(fresh.count()).toBe(0);
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
