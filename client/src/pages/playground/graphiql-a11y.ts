import CodeMirror from 'codemirror';

/**
 * CodeMirror's default input is a textarea outside the div that scrolls, so axe finds a scrollable
 * region with nothing focusable in it (scrollable-region-focusable). Its contenteditable input lives
 * inside that div instead, and is the mode CodeMirror recommends for screen readers. The option cannot
 * change in a running editor, so it is set before GraphiQL creates any.
 */
export function editorsInsideTheirScroller(): void {
  CodeMirror.defaults.inputStyle = 'contenteditable';
}

function editorLabel(input: Element): string {
  if (input.closest('.graphiql-query-editor')) return 'Query editor';
  if (input.closest('.graphiql-editor-tool')) return 'Variables or headers editor';
  if (input.closest('.graphiql-response')) return 'Response';
  return 'GraphQL editor';
}

/**
 * CodeMirror's input comes without a name, and as `role=presentation`, which hides that it is editable;
 * each becomes a multi-line textbox named after its editor (the response one read-only).
 */
function labelEditors(host: HTMLElement): void {
  for (const input of host.querySelectorAll('.CodeMirror [contenteditable]')) {
    if (input.getAttribute('role') === 'textbox') continue;
    input.setAttribute('role', 'textbox');
    input.setAttribute('aria-multiline', 'true');
    input.setAttribute('aria-label', editorLabel(input));
    if (input.getAttribute('contenteditable') === 'false') input.setAttribute('aria-readonly', 'true');
  }
}

/**
 * GraphiQL's operation tabs put a close button inside each `role=tab` (nested-interactive), and a
 * close button is not allowed among a tablist's tabs either. As a plain list of buttons, with the open
 * one marked `aria-current`, every button stays reachable by keyboard and nothing is nested.
 */
function tabsAsButtons(host: HTMLElement): void {
  for (const list of host.querySelectorAll('.graphiql-tabs[role]')) list.removeAttribute('role');
  for (const tab of host.querySelectorAll('.graphiql-tab')) {
    if (tab.hasAttribute('role')) tab.removeAttribute('role');
    if (tab.hasAttribute('aria-selected')) tab.removeAttribute('aria-selected');
    const button = tab.querySelector('.graphiql-tab-button');
    const current = tab.classList.contains('graphiql-tab-active');
    if (!button || button.hasAttribute('aria-current') === current) continue;
    if (current) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
}

/**
 * Keeps GraphiQL's markup accessible as it re-renders (a new tab, a new editor). Each pass only
 * changes what is wrong, so the observer's own changes end in a pass that changes nothing.
 */
export function watchGraphiQL(host: HTMLElement): () => void {
  const fix = () => {
    labelEditors(host);
    tabsAsButtons(host);
  };
  fix();
  const observer = new MutationObserver(fix);
  observer.observe(host, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['role', 'aria-selected', 'class'],
  });
  return () => observer.disconnect();
}
