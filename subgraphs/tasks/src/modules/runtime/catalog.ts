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
