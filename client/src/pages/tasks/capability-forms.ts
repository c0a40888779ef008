/** How each capability's input is asked for; anything else falls back to a JSON editor. */
export type FieldSpec =
  | { name: string; label: string; kind: 'text' | 'textarea'; required?: boolean; hint?: string }
  | { name: string; label: string; kind: 'lines'; required?: boolean; hint: string }
  | {
      name: string;
      label: string;
      kind: 'number';
      min: number;
      max: number;
      required?: boolean;
      hint?: string;
    }
  | { name: string; label: string; kind: 'select'; options: readonly string[]; required?: boolean }
  | { name: string; label: string; kind: 'checkbox' }
  | { name: string; label: string; kind: 'file'; required: true; hint: string };

const CONTENT_COMMON: FieldSpec[] = [
  { name: 'topic', label: 'Topic', kind: 'text', required: true },
  { name: 'tone', label: 'Tone', kind: 'text', hint: 'e.g. friendly, expert' },
  { name: 'audience', label: 'Audience', kind: 'text' },
  { name: 'keywords', label: 'Keywords', kind: 'lines', hint: 'One per line.' },
];

export const CAPABILITY_FORMS: Record<string, FieldSpec[]> = {
  web_research: [
    {
      name: 'urls',
      label: 'Web pages',
      kind: 'lines',
      required: true,
      hint: 'http(s) URLs, one per line, up to 10.',
    },
    { name: 'keywords', label: 'Keywords to extract', kind: 'number', min: 1, max: 50 },
  ],
  data_analysis: [
    {
      name: 'fileId',
      label: 'Data file',
      kind: 'file',
      required: true,
      hint: 'A CSV or JSON file you uploaded.',
    },
    { name: 'format', label: 'Format', kind: 'select', options: ['csv', 'json'] },
    { name: 'topValues', label: 'Top values per column', kind: 'number', min: 1, max: 50 },
  ],
  content_research: [
    { name: 'texts', label: 'Texts', kind: 'lines', required: true, hint: 'One text per line.' },
    { name: 'keywords', label: 'Keywords to extract', kind: 'number', min: 1, max: 100 },
    { name: 'phrases', label: 'Key phrases to extract', kind: 'number', min: 0, max: 50 },
  ],
  content_generation: [
    ...CONTENT_COMMON,
    {
      name: 'kind',
      label: 'Kind',
      kind: 'select',
      options: ['blog_post', 'article', 'newsletter', 'product_description', 'email'],
    },
    { name: 'words', label: 'Length (words)', kind: 'number', min: 50, max: 3000 },
  ],
  script_writing: [
    ...CONTENT_COMMON,
    {
      name: 'format',
      label: 'Format',
      kind: 'select',
      options: ['youtube', 'tiktok', 'reel', 'podcast', 'explainer'],
    },
    { name: 'durationSeconds', label: 'Duration (seconds)', kind: 'number', min: 15, max: 3600 },
  ],
  social_media_posts: [
    ...CONTENT_COMMON,
    {
      name: 'platform',
      label: 'Platform',
      kind: 'text',
      hint: 'e.g. x, linkedin, instagram; generic when empty',
    },
    { name: 'count', label: 'Posts', kind: 'number', min: 1, max: 10 },
    { name: 'link', label: 'Link to include', kind: 'text' },
  ],
  health_check: [
    { name: 'timeoutMs', label: 'Timeout per service (ms)', kind: 'number', min: 100, max: 30000 },
  ],
  system_monitoring: [{ name: 'sampleMs', label: 'Sample window (ms)', kind: 'number', min: 50, max: 5000 }],
  resource_management: [
    { name: 'taskRetentionDays', label: 'Keep finished tasks (days)', kind: 'number', min: 1, max: 3650 },
    { name: 'logRetentionDays', label: 'Keep log lines (days)', kind: 'number', min: 1, max: 3650 },
    { name: 'dryRun', label: 'Dry run (report only, delete nothing)', kind: 'checkbox' },
  ],
  noop: [{ name: 'sleepMs', label: 'Wait (ms)', kind: 'number', min: 0, max: 600000 }],
};

export type FormValues = Record<string, string | boolean>;

/** Form strings to the capability's input object; empty optional fields are left out. */
export function toInput(fields: readonly FieldSpec[], values: FormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = values[field.name];
    if (field.kind === 'checkbox') {
      if (raw === true) input[field.name] = true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!text) continue;
    if (field.kind === 'number') input[field.name] = Number(text);
    else if (field.kind === 'lines')
      input[field.name] = text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    else input[field.name] = text;
  }
  return input;
}
