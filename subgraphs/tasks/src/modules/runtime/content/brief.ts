import type { ChildResult } from '../agent.js';
import { hashtag, keyPhrases, keywords, sentences, words } from '../text.js';

/** Everything a writer needs, gathered from the input, the persona and any research that ran first. */
export interface Brief {
  topic: string;
  tone: string;
  audience: string | null;
  /** Most important first; given keywords before extracted ones. Never just the topic's own words. */
  keywords: string[];
  /** Hashtags in order of relevance: the topic's first. */
  tags: string[];
  /** Sentences from the source text and research, usable as talking points. */
  points: string[];
  sourceText: string;
}

interface BriefInput {
  topic: string;
  tone?: string;
  audience?: string;
  keywords?: string[];
  sourceText?: string;
}

/** Pulls text and keywords out of research children (web_research, content_research) for the writer. */
function fromChildren(children: ChildResult[]) {
  const texts: string[] = [];
  const terms: string[] = [];
  for (const child of children) {
    const r = child.result as {
      pages?: { text?: string; summary?: string[]; keywords?: { term: string }[] }[];
      keywords?: { term: string }[];
      phrases?: { phrase: string }[];
      texts?: { summary?: string[] }[];
    } | null;
    if (!r || typeof r !== 'object') continue;
    for (const page of r.pages ?? []) texts.push(...(page.summary ?? []));
    for (const t of r.texts ?? []) texts.push(...(t.summary ?? []));
    terms.push(...(r.phrases ?? []).map((p) => p.phrase), ...(r.keywords ?? []).map((k) => k.term));
  }
  return { texts, terms };
}

const stem = (w: string) => w.replace(/(?<=\w{3})s$/, '');

export function buildBrief(
  input: BriefInput,
  configuration: { tone?: string },
  children: ChildResult[],
): Brief {
  const research = fromChildren(children);
  const sourceText = [input.sourceText ?? '', ...research.texts].filter(Boolean).join('\n');
  // A keyword made only of the topic's words adds nothing ("heat" for "heat pumps").
  const topicWords = new Set(words(input.topic).map(stem));
  const fresh = (k: string) => words(k).some((w) => !topicWords.has(stem(w)));
  const extracted = sourceText ? keywords([sourceText], 12).map((k) => k.term) : [];
  const phrases = sourceText
    ? keyPhrases([sourceText], 5)
        .filter((p) => p.count > 1)
        .map((p) => p.phrase)
    : [];
  const seen = new Set<string>();
  const unique = [...(input.keywords ?? []), ...research.terms, ...phrases, ...extracted].filter((k) => {
    const key = k.toLowerCase();
    if (seen.has(key) || !fresh(k)) return false;
    seen.add(key);
    return true;
  });
  const kept = unique.slice(0, 12);
  return {
    topic: input.topic,
    tone: input.tone ?? configuration.tone ?? 'friendly',
    audience: input.audience ?? null,
    keywords: kept,
    tags: [...new Set([hashtag(input.topic), ...kept.map(hashtag)].filter(Boolean))],
    points: sentences(sourceText)
      .filter((s) => s.length >= 30 && s.length <= 280)
      .slice(0, 12),
    sourceText,
  };
}
