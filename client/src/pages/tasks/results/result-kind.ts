/** What a task's result is, told by its shape, so each kind gets a view that reads well. */
export type ResultKind =
  | { kind: 'content'; title: string | null; markdown: string }
  | { kind: 'posts'; posts: { text: string }[] }
  | { kind: 'analysis'; rowCount: number | null; columns: ColumnRow[] }
  | { kind: 'research'; pages: SourcePage[]; failed: { url: string; error: string }[]; keywords: string[] }
  | { kind: 'raw' };

export interface ColumnRow {
  name: string;
  type: string;
  count: number;
  missing: number;
  distinct: number;
  min?: number | string;
  max?: number | string;
  mean?: number;
}

export interface SourcePage {
  url: string;
  title: string | null;
  description: string | null;
  summary: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const words = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map((k) => (isObj(k) ? (str(k.term) ?? str(k.keyword)) : str(k))).filter((k) => k !== null)
    : [];

export function resultKind(result: unknown): ResultKind {
  if (!isObj(result)) return { kind: 'raw' };
  const body = str(result.body) ?? str(result.script);
  if (body) return { kind: 'content', title: str(result.title), markdown: body };
  if (Array.isArray(result.posts) && result.posts.every((p) => isObj(p) && str(p.text) !== null)) {
    return { kind: 'posts', posts: result.posts as { text: string }[] };
  }
  if (Array.isArray(result.columns) && result.columns.every((c) => isObj(c) && str(c.name) !== null)) {
    const rowCount = typeof result.rowCount === 'number' ? result.rowCount : null;
    return { kind: 'analysis', rowCount, columns: result.columns as ColumnRow[] };
  }
  if (Array.isArray(result.pages) && result.pages.every((p) => isObj(p) && str(p.url) !== null)) {
    const pages = (result.pages as Obj[]).map((p) => ({
      url: p.url as string,
      title: str(p.title),
      description: str(p.description),
      summary: Array.isArray(p.summary) ? p.summary.filter((s): s is string => typeof s === 'string') : [],
    }));
    const failed = Array.isArray(result.failed)
      ? result.failed.filter(isObj).map((f) => ({ url: String(f.url), error: String(f.error) }))
      : [];
    return { kind: 'research', pages, failed, keywords: words(result.keywords) };
  }
  return { kind: 'raw' };
}

/** Only http(s) links become clickable: a `javascript:` source must not run when clicked. */
export const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? url : undefined);
