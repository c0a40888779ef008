import type { z } from 'zod';
import { type AgentContext, type AgentRuntime, type AgentTask, PermanentTaskError } from '../agent.js';
import { wordCount } from '../text.js';
import { platformTools } from '../tools.js';
import { type Brief, buildBrief } from './brief.js';
import {
  contentSpec,
  generationInput,
  generationOutput,
  scriptInput,
  scriptOutput,
  socialInput,
  socialOutput,
} from './content.schema.js';
import { charCount, fitPost } from './fit.js';
import { PLATFORMS } from './platforms.js';
import { DEFAULT_SYSTEM_PROMPT, generationPrompt, scriptPrompt, socialPrompt } from './prompts.js';
import { article, script, socialPosts, TEMPLATE_NOTE } from './templates.js';

interface ContentConfig {
  tone?: string;
  systemPrompt?: string;
  model?: string;
  temperature?: number;
  maxTokens?: number;
  tools?: boolean;
  maxSteps?: number;
  toolTimeoutMs?: number;
}

/**
 * Streams a structured answer: its text goes out as task output, its length as progress. The answer is checked against
 * `schema`; an invalid one is sent back once with the reason, then fails the task (see LlmClient).
 */
async function write<T>(
  task: AgentTask,
  prompt: string,
  schema: z.ZodType<T>,
  expectedTokens: number,
  ctx: AgentContext,
) {
  const config = ctx.configuration as ContentConfig;
  const llm = ctx.llm!;
  ctx.mode('MODEL');
  ctx.log('INFO', `writing with ${config.model ?? llm.config.model}`);
  let streamed = 0;
  return llm.generate({
    system: config.systemPrompt ?? DEFAULT_SYSTEM_PROMPT,
    prompt,
    schema,
    // The model may read the creator's files and fetch pages while it writes (off with `tools: false`).
    ...(config.tools === false
      ? {}
      : {
          tools: platformTools(task, ctx, { timeoutMs: config.toolTimeoutMs ?? 15_000 }),
          maxSteps: config.maxSteps ?? 6,
        }),
    model: config.model,
    temperature: config.temperature,
    maxTokens: config.maxTokens,
    signal: ctx.signal,
    onText: (delta, soFar) => {
      // A second answer (the retry of an invalid one) starts its text anew: readers see it set apart.
      ctx.output(soFar === delta && streamed > 0 ? `\n\n${delta}` : delta);
      streamed += delta.length;
      const tokens = soFar.length / 4;
      ctx.progress(
        Math.min(95, Math.round((tokens / expectedTokens) * 100)),
        `writing: ${soFar.length} characters`,
      );
    },
  });
}

const about = (r: { model: string; finishReason: string | null }) => ({
  model: r.model,
  finishReason: r.finishReason,
});

/** Templates write what the brief holds; asked for much more, they say so instead of padding. */
function refuseShort(wrote: number, asked: number, unit: string) {
  if (wrote >= asked * 0.75) return;
  throw new PermanentTaskError(
    `the template engine can write about ${wrote} ${unit} from this brief, not the ${asked} asked for; ` +
      `ask for less, add keywords or source text, or configure a language model. ${TEMPLATE_NOTE}`,
  );
}

async function social(task: AgentTask, ctx: AgentContext, brief: Brief) {
  const input = socialInput.parse(task.input);
  const rules = PLATFORMS[input.platform];
  const limits = { platform: input.platform, maxChars: rules.maxChars, hashtags: rules.hashtags };
  if (!ctx.llm) {
    ctx.mode('TEMPLATE');
    return { ...limits, posts: socialPosts(brief, rules, input.count, input.link) };
  }
  const r = await write(
    task,
    socialPrompt(brief, rules, input.count, input.link),
    socialOutput,
    (rules.maxChars / 4) * input.count,
    ctx,
  );
  const tags = brief.tags.slice(0, rules.hashtags);
  const posts = r.output.posts.slice(0, input.count).map((p) => {
    // The model usually keeps to the limit; when it does not, the post is cut to fit rather than rejected.
    const text =
      charCount(p.text) <= rules.maxChars
        ? p.text
        : fitPost(p.text, rules.maxChars, /#\w/.test(p.text) ? [] : tags, input.link);
    return { text, characters: charCount(text), hashtags: text.match(/#[\p{L}\p{N}_]+/gu) ?? [] };
  });
  return { ...about(r), ...limits, posts };
}

async function generation(task: AgentTask, ctx: AgentContext, brief: Brief) {
  const input = generationInput.parse(task.input);
  if (!ctx.llm) {
    ctx.mode('TEMPLATE');
    const draft = article(brief, input.kind, input.words);
    refuseShort(draft.words, input.words, 'words');
    return { kind: input.kind, ...draft };
  }
  const r = await write(
    task,
    generationPrompt(brief, input.kind, input.words),
    generationOutput,
    input.words * 1.4,
    ctx,
  );
  const { title, body, hashtags } = r.output;
  return { ...about(r), kind: input.kind, title, body, hashtags, words: wordCount(body) };
}

async function scriptWriting(task: AgentTask, ctx: AgentContext, brief: Brief) {
  const input = scriptInput.parse(task.input);
  const words = Math.round((input.durationSeconds / 60) * 150);
  if (!ctx.llm) {
    ctx.mode('TEMPLATE');
    const draft = script(brief, input.format, input.durationSeconds);
    // Spoken scripts are timed by their scenes; half the words still reads as a script, less does not.
    refuseShort(draft.words, Math.round(words / 1.5), 'spoken words');
    return draft;
  }
  const r = await write(
    task,
    scriptPrompt(brief, input.format, input.durationSeconds),
    scriptOutput,
    words * 1.6,
    ctx,
  );
  const { scenes } = r.output;
  return {
    ...about(r),
    format: input.format,
    durationSeconds: input.durationSeconds,
    scenes,
    script: scenes
      .map((s) => `[${s.start}-${s.end}] ${s.title}\nVISUAL: ${s.visual}\nVOICE: ${s.voice}`)
      .join('\n\n'),
    words: wordCount(scenes.map((s) => s.voice).join(' ')),
  };
}

export const contentAgent: AgentRuntime = {
  ...contentSpec,
  async run(task, ctx) {
    const brief = buildBrief(
      task.input as { topic: string },
      ctx.configuration as ContentConfig,
      ctx.childResults,
    );
    ctx.progress(5, ctx.llm ? 'prompting the language model' : 'drafting from templates');
    switch (task.type) {
      case 'social_media_posts':
        return social(task, ctx, brief);
      case 'content_generation':
        return generation(task, ctx, brief);
      case 'script_writing':
        return scriptWriting(task, ctx, brief);
      default:
        throw new Error(`content cannot run ${task.type}`);
    }
  },
};
