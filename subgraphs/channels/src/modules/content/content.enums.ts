import { registerEnumType } from 'type-graphql';

export const CONTENT_KINDS = ['SCRIPT', 'POST', 'ARTICLE', 'OTHER'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
export const ContentKind = Object.fromEntries(CONTENT_KINDS.map((k) => [k, k])) as { [K in ContentKind]: K };

export const CONTENT_STATUSES = ['DRAFT', 'APPROVED', 'PUBLISHED'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];
export const ContentStatus = Object.fromEntries(CONTENT_STATUSES.map((s) => [s, s])) as {
  [K in ContentStatus]: K;
};

registerEnumType(ContentKind, { name: 'ContentKind' });
registerEnumType(ContentStatus, {
  name: 'ContentStatus',
  description: 'DRAFT -> APPROVED -> PUBLISHED. Editing an approved item makes it a draft again.',
});
