import type { MailMessage } from './mail.js';

/** Markup that is safe as it is: what `html` returns, and the only value it does not escape. */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe inside HTML elements and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

const fragment = (value: unknown): string => {
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(fragment).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
};

/**
 * HTML with every interpolated value escaped (a user's name, a task's title), except nested `html`
 * fragments; arrays are joined; null, undefined and false are left out. A URL in `href` must be one
 * we built (an `https:` link of ours), since escaping does not stop a `javascript:` one.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((out, text, i) => out + fragment(values[i - 1]) + text));
}

/** One kind of email, written once: plain text and HTML from the same parameters. */
export interface MailTemplate<P> {
  subject(params: P): string;
  text(params: P): string;
  /** The body's HTML; the template puts it in a document with its charset. */
  html?(params: P): Html;
}

/**
 * A message kind defined once and rendered per recipient:
 * `const passwordReset = mailTemplate<{ link: string }>({...}); mailer.send(passwordReset(email, { link }))`.
 */
export function mailTemplate<P>(template: MailTemplate<P>): (to: string, params: P) => MailMessage {
  return (to, params) => {
    const subject = template.subject(params);
    const body = template.html?.(params);
    return {
      to,
      subject,
      text: template.text(params),
      ...(body && {
        html: html`<!doctype html><html><head><meta charset="utf-8"><title>${subject}</title></head><body>${body}</body></html>`
          .markup,
      }),
    };
  };
}
