/**
 * Makes a post fit a platform's limit without breaking words: the body is cut at a word boundary with an
 * ellipsis, and the link and hashtags (which the post needs to work) are kept whole, dropping hashtags
 * from the end only when there is no other way.
 */
export function fitPost(body: string, maxChars: number, tags: string[], link?: string): string {
  const tail = (ts: string[]) => [link, ts.join(' ')].filter(Boolean).join('\n');
  let kept = [...tags];
  while (kept.length && tail(kept).length + 20 > maxChars) kept = kept.slice(0, -1);
  const suffix = tail(kept);
  const room = maxChars - (suffix ? suffix.length + 2 : 0);
  const text = body.length <= room ? body : `${body.slice(0, Math.max(0, room - 1)).replace(/\s+\S*$/, '')}…`;
  return suffix ? `${text}\n\n${suffix}` : text;
}

/** Characters as a platform counts them (code points, so an emoji is one). */
export const charCount = (s: string) => [...s].length;
