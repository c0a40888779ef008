import type { ContentKind } from './content.enums.js';

export const MAX_TITLE = 200;
export const MAX_BODY = 100_000;

export interface Draft {
  title: string;
  body: string;
  kind: ContentKind;
}

const BODY_KEYS = ['body', 'content', 'text', 'script', 'article', 'markdown', 'output'];
const TITLE_KEYS = ['title', 'headline', 'subject'];

/**
 * Turns a content task's result into a draft. Agents answer with a string, an object with a title and
 * a body under one of several usual names, or a list of posts (the content agent's three shapes);
 * anything else is kept as JSON so no output is lost. The kind comes from the result's `kind` when it
 * names one, else from the task type.
 */
export function draftFromTask(type: string, result: unknown): Draft {
  const obj = isRecord(result) ? result : {};
  const body =
    (typeof result === 'string' ? result : undefined) ??
    firstString(obj, BODY_KEYS) ??
    postsText(obj.posts) ??
    (result === null || result === undefined ? '' : JSON.stringify(result, null, 2));
  const title = firstString(obj, TITLE_KEYS) ?? firstLine(body) ?? humanise(type);
  const kinds = [obj.kind, type].map((k) => (typeof k === 'string' ? kindFromType(k) : 'OTHER'));
  const kind = kinds.find((k) => k !== 'OTHER') ?? 'OTHER';
  return { title: clip(title.trim(), MAX_TITLE), body: clip(body, MAX_BODY), kind };
}

/** `script_writing` -> SCRIPT, `blog_post` -> ARTICLE, `social_media_posts` -> POST, `SCRIPT` -> SCRIPT. */
export function kindFromType(type: string): ContentKind {
  if (/script|video/i.test(type)) return 'SCRIPT';
  if (/article|blog|newsletter|essay/i.test(type)) return 'ARTICLE';
  if (/post|social|tweet|thread|caption/i.test(type)) return 'POST';
  return 'OTHER';
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function firstString(obj: Record<string, unknown>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = obj[key];
    if (typeof value === 'string' && value.trim()) return value;
  }
  return undefined;
}

function postsText(posts: unknown): string | undefined {
  if (!Array.isArray(posts) || !posts.length) return undefined;
  const texts = posts
    .map((p) => (typeof p === 'string' ? p : isRecord(p) ? firstString(p, BODY_KEYS) : undefined))
    .filter((t): t is string => Boolean(t));
  return texts.length ? texts.join('\n\n---\n\n') : undefined;
}

function firstLine(text: string): string | undefined {
  const line = text
    .split('\n')
    .map((l) => l.replace(/^#+\s*/, '').trim())
    .find(Boolean);
  return line ? clip(line, 120) : undefined;
}

const humanise = (type: string) => {
  const words = type.replace(/[_-]+/g, ' ').trim() || 'content';
  return `${words[0].toUpperCase()}${words.slice(1)} draft`;
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
