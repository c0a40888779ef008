import Bowser from 'bowser';

/** A person-readable name for a user agent: "Firefox 128 on Linux", or what little can be told. */
export function deviceOf(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unknown device';
  const { browser, os } = Bowser.parse(userAgent);
  const major = browser.version?.split('.')[0];
  const name = browser.name ? [browser.name, major].filter(Boolean).join(' ') : undefined;
  const system = os.name || undefined;
  if (name && system) return `${name} on ${system}`;
  // Not a browser (curl, a script's HTTP library): its own first word says more than nothing.
  return name ?? system ?? userAgent.split(/[\s/;(]/)[0]?.slice(0, 64) ?? 'Unknown device';
}
