import { z } from 'zod';
import type { RuntimeSpec } from '../agent.js';
import { PLATFORM_NAMES } from './platforms.js';

const topic = z.string().trim().min(1).max(500);
const common = {
  topic,
  tone: z.string().trim().min(1).max(60).optional(),
  keywords: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
  audience: z.string().trim().min(1).max(200).optional(),
  sourceText: z.string().max(50_000).optional(),
};

export const generationInput = z
  .object({
    ...common,
    kind: z.enum(['blog_post', 'article', 'newsletter', 'product_description', 'email']).default('blog_post'),
    words: z.number().int().min(50).max(3_000).default(400),
  })
  .strict();

export const scriptInput = z
  .object({
    ...common,
    format: z.enum(['youtube', 'tiktok', 'reel', 'podcast', 'explainer']).default('youtube'),
    durationSeconds: z.number().int().min(15).max(3_600).default(60),
  })
  .strict();

export const socialInput = z
  .object({
    ...common,
    platform: z
      .preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(PLATFORM_NAMES))
      .default('generic'),
    count: z.number().int().min(1).max(10).default(3),
    link: z.url().optional(),
    channelName: z.string().max(200).optional(),
  })
  .strict();

export const contentSpec: RuntimeSpec = {
  name: 'content',
  usesModel: true,
  description:
    'Writes: articles, video scripts and platform-aware social posts, with an LLM or built-in templates.',
  capabilities: {
    content_generation: {
      description: 'Articles, blog posts, newsletters, product copy.',
      input: generationInput,
    },
    script_writing: { description: 'Timed video or podcast scripts, scene by scene.', input: scriptInput },
    social_media_posts: {
      description: 'Posts within each platform’s length limit, with hashtags from keyword extraction.',
      input: socialInput,
    },
  },
  configuration: z
    .object({
      concurrency: z.number().int().min(1).max(1000).optional(),
      tone: z.string().min(1).max(60).optional(),
      systemPrompt: z.string().min(1).max(4_000).optional(),
      model: z.string().min(1).max(200).optional(),
      temperature: z.number().min(0).max(2).optional(),
      maxTokens: z.number().int().min(16).max(16_384).optional(),
      /** Tools (read_file, fetch_page) while writing; on unless false. */
      tools: z.boolean().optional(),
      /** Model calls per answer, tool round trips included (the loop's step limit). */
      maxSteps: z.number().int().min(1).max(20).optional(),
      toolTimeoutMs: z.number().int().min(100).max(120_000).optional(),
    })
    .strict(),
};

/**
 * The shapes a model must answer in (sent as the response format, and checked). Every field is required:
 * strict structured output (OpenAI's) rejects optional ones. Lengths are fitted afterwards, not refused.
 */
export const socialOutput = z
  .object({
    posts: z
      .array(z.object({ text: z.string().trim().min(1), hashtags: z.array(z.string()) }).strict())
      .min(1),
  })
  .strict();

export const generationOutput = z
  .object({
    title: z.string().trim().min(1).max(300),
    body: z.string().trim().min(1).describe('Markdown, starting with the title as a level-one heading'),
    hashtags: z.array(z.string()),
  })
  .strict();

export const scriptOutput = z
  .object({
    scenes: z
      .array(
        z
          .object({
            start: z.string().regex(/^\d{2}:\d{2}$/, 'mm:ss'),
            end: z.string().regex(/^\d{2}:\d{2}$/, 'mm:ss'),
            title: z.string().min(1),
            visual: z.string(),
            voice: z.string().min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
