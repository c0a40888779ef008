import { Errors } from '@trae/kit';
import type { z } from 'zod';
import type { RuntimeSpec } from './agent.js';
import { contentSpec } from './content/content.schema.js';
import { researchSpec } from './research/research.schema.js';
import { systemSpec } from './system/system.schema.js';

/** Every built-in runtime, by name. A persona names one of these. */
export const RUNTIMES: Record<string, RuntimeSpec> = {
  system: systemSpec,
  research: researchSpec,
  content: contentSpec,
};

/** The personas a fresh installation starts with: one per runtime, named after it. */
export const BUILT_IN_AGENTS = Object.values(RUNTIMES).map((r) => ({
  name: r.name,
  runtime: r.name,
  description: r.description,
  capabilities: Object.keys(r.capabilities),
}));

/** Parses with zod and turns the first problem into BAD_USER_INPUT naming the field (`input.urls.0`). */
export function parseOrBadInput<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [field, ...issue.path.map(String)].join('.');
  throw Errors.badInput(path, `${path}: ${issue.message}`);
}
