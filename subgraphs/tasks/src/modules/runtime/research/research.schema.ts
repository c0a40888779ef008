import { z } from 'zod';
import type { RuntimeSpec } from '../agent.js';

export const webResearchInput = z
  .object({
    urls: z
      .array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
      .min(1)
      .max(10),
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 * 1024)
      .optional(),
    timeoutMs: z.number().int().min(100).max(60_000).optional(),
    maxLinks: z.number().int().min(0).max(500).default(50),
    keywords: z.number().int().min(1).max(50).default(10),
  })
  .strict();

export const dataAnalysisInput = z
  .object({
    fileId: z.uuid(),
    format: z.enum(['csv', 'json']).optional(),
    delimiter: z.string().length(1).optional(),
    topValues: z.number().int().min(1).max(50).default(5),
  })
  .strict();

export const contentResearchInput = z
  .object({
    texts: z.array(z.string().min(1).max(200_000)).min(1).max(100),
    keywords: z.number().int().min(1).max(100).default(15),
    phrases: z.number().int().min(0).max(50).default(10),
  })
  .strict();

export const researchSpec: RuntimeSpec = {
  name: 'research',
  description: 'Finds and digests information: web pages, data files and texts.',
  capabilities: {
    web_research: {
      description: 'Fetches URLs and extracts title, readable text, links and keywords.',
      input: webResearchInput,
    },
    data_analysis: {
      description: 'Profiles a CSV or JSON file: column types, statistics, missing and top values.',
      input: dataAnalysisInput,
    },
    content_research: {
      description: 'Keyword and key-phrase extraction over texts.',
      input: contentResearchInput,
    },
  },
  configuration: z
    .object({
      concurrency: z.number().int().min(1).max(1000).optional(),
      userAgent: z.string().min(1).max(200).optional(),
      maxBytes: z
        .number()
        .int()
        .min(1024)
        .max(10 * 1024 * 1024)
        .optional(),
      timeoutMs: z.number().int().min(100).max(60_000).optional(),
    })
    .strict(),
};
