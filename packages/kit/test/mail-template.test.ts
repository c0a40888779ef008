import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../src/mail-template.js';

describe('html', () => {
  it('escapes interpolated values but not nested fragments, and joins lists', () => {
    const items = ['a<b', 'c&d'].map((i) => html`<li>${i}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.markup).toBe(
      '<ul><li>a&lt;b</li><li>c&amp;d</li></ul>0',
    );
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });
});
