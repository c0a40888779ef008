/** Plain-text analysis shared by the research and content agents: no model, just counting done carefully. */

const STOPWORDS = new Set(
  `a about above after again against all almost also am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
either else etc even ever every few for from further get gets got had hadn't has hasn't have haven't having he he'd
he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it
it's its itself just let's like made make many may me might more most much must mustn't my myself neither no nor not
now of off often on once one only or other ought our ours ourselves out over own per perhaps rather really said same
say says shall shan't she she'd she'll she's should shouldn't since so some still such than that that's the their
theirs them themselves then there there's these they they'd they'll they're they've this those though through thus
to too toward under until up upon us use used using very via was wasn't we we'd we'll we're we've were weren't what
what's when when's where where's whether which while who who's whom whose why why's will with within without won't
would wouldn't yet you you'd you'll you're you've your yours yourself yourselves new two three also well way across
among around back first get go going good great know last long next see take want lot lots thing things
move moves moved cut cuts use uses help helps helped make makes need needs keep keeps give gives show shows find
finds come comes look looks work works try tries start starts become becomes far less instead recommend recommends`.split(
    /\s+/,
  ),
);

export const isStopword = (word: string) => STOPWORDS.has(word);

/** Lower-cased words (letters, digits, inner apostrophes and hyphens), in order. */
export function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).map((w) =>
    w.replace(/’/g, "'"),
  );
}

const isContentWord = (w: string) => w.length > 2 && !STOPWORDS.has(w) && !/^\d+$/.test(w);

export interface Keyword {
  term: string;
  /** Relative weight, 1 for the strongest term. */
  score: number;
  count: number;
}

/**
 * Keywords across one or more texts: term frequency per text, damped (1 + log) so one repetitive text
 * cannot dominate, summed over the texts, so a term many texts use ranks as what they are about.
 */
export function keywords(texts: string[], limit = 10): Keyword[] {
  const scores = new Map<string, { score: number; count: number }>();
  for (const text of texts) {
    const counts = new Map<string, number>();
    for (const w of words(text)) if (isContentWord(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    for (const [term, count] of counts) {
      const entry = scores.get(term) ?? { score: 0, count: 0 };
      entry.score += 1 + Math.log(count);
      entry.count += count;
      scores.set(term, entry);
    }
  }
  const ranked = [...scores.entries()]
    // Ties go to longer words, which tend to be the more specific ones.
    .sort(
      (a, b) =>
        b[1].score - a[1].score ||
        b[1].count - a[1].count ||
        b[0].length - a[0].length ||
        a[0].localeCompare(b[0]),
    )
    .slice(0, limit);
  const top = ranked[0]?.[1].score || 1;
  return ranked.map(([term, s]) => ({ term, score: round(s.score / top), count: s.count }));
}

export interface KeyPhrase {
  phrase: string;
  score: number;
  count: number;
}

/**
 * Key phrases: runs of content words between stopwords and punctuation (as in RAKE, Rose et al. 2010)
 * give candidate n-grams of 2 to 4 words. Words score degree/frequency as in RAKE; a phrase scores its
 * mean word score, weighted up by how often it recurs (a phrase said twice matters more than a long
 * one said once) and a little by length. A phrase inside a better one that recurs as often is dropped.
 */
export function keyPhrases(texts: string[], limit = 10): KeyPhrase[] {
  const runs: string[][] = [];
  for (const text of texts) {
    for (const fragment of text.split(/[.,;:!?()[\]{}"“”\n\r\t|/\\–—]+/)) {
      let run: string[] = [];
      for (const w of words(fragment)) {
        if (isContentWord(w)) run.push(w);
        else {
          if (run.length) runs.push(run);
          run = [];
        }
      }
      if (run.length) runs.push(run);
    }
  }
  const freq = new Map<string, number>();
  const degree = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const run of runs) {
    for (const w of run) {
      freq.set(w, (freq.get(w) ?? 0) + 1);
      degree.set(w, (degree.get(w) ?? 0) + Math.min(run.length, 4));
    }
    for (let n = 2; n <= 4; n++) {
      for (let i = 0; i + n <= run.length; i++) {
        const key = run.slice(i, i + n).join(' ');
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const scored = [...counts.entries()]
    .map(([phrase, count]) => {
      const ws = phrase.split(' ');
      const mean = ws.reduce((s, w) => s + degree.get(w)! / freq.get(w)!, 0) / ws.length;
      return { phrase, count, score: count ** 1.5 * mean * (1 + 0.25 * (ws.length - 1)) };
    })
    .sort((a, b) => b.score - a.score || a.phrase.localeCompare(b.phrase));
  const kept: typeof scored = [];
  for (const p of scored) {
    if (kept.length >= limit) break;
    if (kept.some((k) => k.count >= p.count && ` ${k.phrase} `.includes(` ${p.phrase} `))) continue;
    kept.push(p);
  }
  const top = kept[0]?.score || 1;
  return kept.map((p) => ({ phrase: p.phrase, score: round(p.score / top), count: p.count }));
}

export function sentences(text: string): string[] {
  return (text.replace(/\s+/g, ' ').match(/[^.!?]+[.!?]+(?=\s|$)|[^.!?]+$/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The `count` sentences that carry the most keyword weight, in their original order. */
export function summarize(text: string, count = 3): string[] {
  const all = sentences(text);
  if (all.length <= count) return all;
  const weights = new Map(keywords([text], 30).map((k) => [k.term, k.score]));
  return all
    .map((s, i) => {
      const ws = words(s);
      const score = ws.reduce((sum, w) => sum + (weights.get(w) ?? 0), 0) / Math.sqrt(ws.length || 1);
      return { s, i, score };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s);
}

export function wordCount(text: string): number {
  return words(text).length;
}

/** `machine learning` -> `#MachineLearning`. */
export function hashtag(term: string): string {
  const tag = words(term)
    .flatMap((w) => w.replace(/'/g, '').split('-'))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return tag ? `#${tag}` : '';
}

const round = (n: number) => Math.round(n * 1000) / 1000;
