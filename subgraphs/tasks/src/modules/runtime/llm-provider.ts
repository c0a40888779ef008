import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';

/**
 * Which SDK provider talks to the model: any OpenAI-compatible server by base URL (Ollama, vLLM, LM
 * Studio, OpenAI itself), or OpenAI's and Anthropic's own providers when only their key is given.
 */
export type LlmProvider = 'openai-compatible' | 'openai' | 'anthropic';

/** The model used when LLM_MODEL is unset and a provider's own key chose it: small, cheap, tool-capable. */
export const DEFAULT_MODELS = { openai: 'gpt-4o-mini', anthropic: 'claude-3-5-haiku-latest' } as const;

export interface ProviderConfig {
  /** @default 'openai-compatible' */
  provider?: LlmProvider;
  /** Required for `openai-compatible`; for the others, a proxy (or a test's fake) instead of the vendor. */
  baseUrl?: string;
  apiKey?: string;
}

/** The settings that choose a provider (the tasks config's, by name). */
export interface LlmEnv {
  LLM_BASE_URL?: string;
  LLM_API_KEY?: string;
  LLM_MODEL?: string;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  ANTHROPIC_API_KEY?: string;
  ANTHROPIC_BASE_URL?: string;
}

export interface SelectedLlm extends ProviderConfig {
  provider: LlmProvider;
  model: string;
}

/**
 * The model the platform writes with, or null for the template engine. LLM_BASE_URL (with LLM_MODEL)
 * wins, so a configured compatible server keeps working whatever other keys the environment holds;
 * then OPENAI_API_KEY, then ANTHROPIC_API_KEY, each with LLM_MODEL or its default model.
 */
export function selectLlm(env: LlmEnv): SelectedLlm | null {
  if (env.LLM_BASE_URL) {
    if (!env.LLM_MODEL) return null;
    return {
      provider: 'openai-compatible',
      baseUrl: env.LLM_BASE_URL,
      apiKey: env.LLM_API_KEY,
      model: env.LLM_MODEL,
    };
  }
  if (env.OPENAI_API_KEY)
    return {
      provider: 'openai',
      apiKey: env.OPENAI_API_KEY,
      baseUrl: env.OPENAI_BASE_URL,
      model: env.LLM_MODEL ?? DEFAULT_MODELS.openai,
    };
  if (env.ANTHROPIC_API_KEY)
    return {
      provider: 'anthropic',
      apiKey: env.ANTHROPIC_API_KEY,
      baseUrl: env.ANTHROPIC_BASE_URL,
      model: env.LLM_MODEL ?? DEFAULT_MODELS.anthropic,
    };
  return null;
}

const trimmed = (url: string | undefined) => url?.replace(/\/+$/, '');

/**
 * The provider's models by id. OpenAI's provider is used through its Chat Completions API, the same
 * wire format as the compatible path, so tool calls, structured output and usage behave alike.
 */
export function languageModels(config: ProviderConfig): (id: string) => LanguageModel {
  switch (config.provider ?? 'openai-compatible') {
    case 'openai': {
      const openai = createOpenAI({ apiKey: config.apiKey, baseURL: trimmed(config.baseUrl) });
      return (id) => openai.chat(id);
    }
    case 'anthropic': {
      const anthropic = createAnthropic({ apiKey: config.apiKey, baseURL: trimmed(config.baseUrl) });
      return (id) => anthropic(id);
    }
    case 'openai-compatible': {
      if (!config.baseUrl) throw new Error('an OpenAI-compatible model needs a base URL (LLM_BASE_URL)');
      const compatible = createOpenAICompatible({
        name: 'llm',
        baseURL: trimmed(config.baseUrl)!,
        apiKey: config.apiKey,
        includeUsage: true,
        supportsStructuredOutputs: true,
      });
      return (id) => compatible.chatModel(id);
    }
  }
}
