import type { z } from 'zod';
import type { AgentContext, AgentRuntime, AgentTask } from '../agent.js';
import { keyPhrases, keywords, summarize, wordCount } from '../text.js';
import { dataAnalysis } from './data-analysis.js';
import {
  contentResearchInput,
  dataAnalysisInput,
  researchSpec,
  webResearchInput,
} from './research.schema.js';
import { webResearch } from './web-research.js';

function contentResearch(input: z.infer<typeof contentResearchInput>, ctx: AgentContext) {
  const result = {
    keywords: keywords(input.texts, input.keywords),
    phrases: keyPhrases(input.texts, input.phrases),
    texts: input.texts.map((text, index) => ({
      index,
      words: wordCount(text),
      keywords: keywords([text], 5).map((k) => k.term),
      summary: summarize(text, 2),
    })),
  };
  ctx.progress(100, `analysed ${input.texts.length} texts`);
  return result;
}

export const researchAgent: AgentRuntime = {
  ...researchSpec,
  async run(task: AgentTask, ctx: AgentContext) {
    const config = ctx.configuration as { maxBytes?: number; timeoutMs?: number };
    switch (task.type) {
      case 'web_research': {
        const input = webResearchInput.parse(task.input);
        return webResearch(
          {
            ...input,
            maxBytes: input.maxBytes ?? config.maxBytes,
            timeoutMs: input.timeoutMs ?? config.timeoutMs,
          },
          ctx,
        );
      }
      case 'data_analysis':
        return dataAnalysis(dataAnalysisInput.parse(task.input), task, ctx);
      case 'content_research':
        return contentResearch(contentResearchInput.parse(task.input), ctx);
      default:
        throw new Error(`research cannot run ${task.type}`);
    }
  },
};
