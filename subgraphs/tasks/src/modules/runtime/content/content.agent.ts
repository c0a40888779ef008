import type { AgentContext, AgentRuntime, AgentTask } from '../agent.js';
import { type Brief, buildBrief } from './brief.js';
import { contentSpec, generationInput, scriptInput, socialInput } from './content.schema.js';
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
}

/** Streams a completion, reporting each token as progress (the text so far is the progress message). */
async function write(prompt: string, expectedTokens: number, ctx: AgentContext) {
  const config = ctx.configuration as ContentConfig;
  const llm = ctx.llm!;
  ctx.log('INFO', `writing with ${config.model ?? llm.config.model}`);
  const result = await llm.generate({
    system: config.systemPrompt ?? DEFAULT_SYSTEM_PROMPT,
    prompt,
    model: config.model,
    temperature: config.temperature,
    maxTokens: config.maxTokens,
    signal: ctx.signal,
    onText: (_delta, soFar) => {
      const chunks = soFar.length / 4;
      ctx.progress(Math.min(95, Math.round((chunks / expectedTokens) * 100)), soFar.slice(-2_000));
    },
  });
  if (!result.text.trim()) throw new Error('the language model returned an empty answer');
  return result;
}

const usage = (r: { model: string; usage: unknown; finishReason: string | null }) => ({
  engine: 'llm' as const,
  model: r.model,
  usage: r.usage,
  finishReason: r.finishReason,
});

async function social(task: AgentTask, ctx: AgentContext, brief: Brief) {
  const input = socialInput.parse(task.input);
  const rules = PLATFORMS[input.platform];
  const limits = { platform: input.platform, maxChars: rules.maxChars, hashtags: rules.hashtags };
  if (!ctx.llm) {
    return {
      engine: 'template',
      note: TEMPLATE_NOTE,
      ...limits,
      posts: socialPosts(brief, rules, input.count, input.link),
    };
  }
  const r = await write(
    socialPrompt(brief, rules, input.count, input.link),
    (rules.maxChars / 4) * input.count,
    ctx,
  );
  const tags = brief.tags.slice(0, rules.hashtags);
  const posts = r.text
    .split(/^\s*-{3,}\s*$/m)
    .map((p) => p.trim())
    .filter(Boolean)
    .slice(0, input.count)
    .map((p) => {
      // The model usually keeps to the limit; when it does not, the post is cut to fit rather than rejected.
      const text =
        charCount(p) <= rules.maxChars
          ? p
          : fitPost(p, rules.maxChars, /#\w/.test(p) ? [] : tags, input.link);
      return { text, characters: charCount(text), hashtags: text.match(/#[\p{L}\p{N}_]+/gu) ?? [] };
    });
  return { ...usage(r), ...limits, posts };
}

async function generation(task: AgentTask, ctx: AgentContext, brief: Brief) {
  const input = generationInput.parse(task.input);
  if (!ctx.llm)
    return {
      engine: 'template',
      note: TEMPLATE_NOTE,
      kind: input.kind,
      ...article(brief, input.kind, input.words),
    };
  const r = await write(generationPrompt(brief, input.kind, input.words), input.words * 1.4, ctx);
  const title = /^#\s+(.+)$/m.exec(r.text)?.[1]?.trim() ?? brief.topic;
  return {
    ...usage(r),
    kind: input.kind,
    title,
    body: r.text,
    words: r.text.split(/\s+/).filter(Boolean).length,
  };
}

async function scriptWriting(task: AgentTask, ctx: AgentContext, brief: Brief) {
  const input = scriptInput.parse(task.input);
  if (!ctx.llm)
    return { engine: 'template', note: TEMPLATE_NOTE, ...script(brief, input.format, input.durationSeconds) };
  const words = Math.round((input.durationSeconds / 60) * 150);
  const r = await write(scriptPrompt(brief, input.format, input.durationSeconds), words * 1.6, ctx);
  return { ...usage(r), format: input.format, durationSeconds: input.durationSeconds, script: r.text };
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
