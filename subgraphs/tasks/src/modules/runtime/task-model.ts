import { Errors, type Sql } from '@trae/kit';
import type { GraphQLError } from 'graphql';
import { LlmError, type LlmRequest, type LlmResult, type Usage } from './llm-client.js';

/** US dollars per million tokens, by model name; `*` prices any model not listed. */
export type PriceTable = Record<string, { input: number; output: number }>;

export interface Budgets {
  /** Tokens (in + out) a user's tasks may use per UTC day; 0 is no limit. */
  userDailyTokens: number;
  /** Tokens an agent (persona) may use per UTC day; 0 is no limit. */
  agentDailyTokens: number;
}

export interface TaskUsage extends Usage {
  costUsd: number;
}

/** What an agent calls: the client itself in unit tests, a TaskModel (budgets, accounting) in a worker. */
export interface AgentModel {
  readonly config: { model: string };
  generate<T = string>(req: LlmRequest<T>): Promise<LlmResult<T>>;
}

export const costOf = (prices: PriceTable, model: string, u: Usage) => {
  const p = prices[model] ?? prices['*'];
  return p ? (u.inputTokens * p.input + u.outputTokens * p.output) / 1e6 : 0;
};

/** A model call refused by a budget: the task fails for good with the code in its error. */
export class BudgetExceeded extends LlmError {
  override name = 'BudgetExceeded';
  constructor(readonly error: GraphQLError) {
    super(`${error.extensions.code}: ${error.message}`);
  }
}

const nextUtcMidnight = () => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
};

/** Tokens used today (UTC) by a user and by an agent, from the model_calls ledger. */
export async function usedToday(sql: Sql, userId: string | null, agent: string) {
  const [row] = await sql.query<{ user_tokens: string; agent_tokens: string }>(
    `select coalesce(sum(input_tokens + output_tokens) filter (where user_id = $1), 0) as user_tokens,
            coalesce(sum(input_tokens + output_tokens) filter (where agent = $2), 0) as agent_tokens
       from model_calls
      where created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc'
        and (user_id = $1 or agent = $2)`,
    [userId, agent],
  );
  return { user: Number(row?.user_tokens ?? 0), agent: Number(row?.agent_tokens ?? 0) };
}

/** Throws BudgetExceeded when the user's or the agent's daily tokens are spent. */
export async function checkBudget(sql: Sql, budgets: Budgets, userId: string | null, agent: string) {
  if (!budgets.userDailyTokens && !budgets.agentDailyTokens) return;
  const used = await usedToday(sql, userId, agent);
  if (budgets.userDailyTokens && userId && used.user >= budgets.userDailyTokens)
    throw new BudgetExceeded(
      Errors.budgetExceeded(
        `the daily language-model budget of this user (${budgets.userDailyTokens} tokens) is used up`,
        'user',
        nextUtcMidnight(),
      ),
    );
  if (budgets.agentDailyTokens && used.agent >= budgets.agentDailyTokens)
    throw new BudgetExceeded(
      Errors.budgetExceeded(
        `the daily language-model budget of agent ${agent} (${budgets.agentDailyTokens} tokens) is used up`,
        'agent',
        nextUtcMidnight(),
      ),
    );
}

/** The API's check at createTask: the same budgets, answered as the GraphQL error BUDGET_EXCEEDED. */
export const modelBudget =
  (sql: Sql, userDailyTokens: number, agentDailyTokens: number) =>
  async (userId: string | null, agent: string) => {
    try {
      await checkBudget(sql, { userDailyTokens, agentDailyTokens }, userId, agent);
    } catch (err) {
      throw err instanceof BudgetExceeded ? err.error : err;
    }
  };

/** One model call's use, as the worker's metrics count it. */
export interface ModelUsage extends Usage {
  agent: string;
  model: string;
  costUsd: number;
}

/**
 * One task's view of the language model: every call is checked against the budgets first, and its tokens
 * and estimated cost go to the model_calls ledger (what budgets and the `usage` query add up) and to the
 * task's totals, even when the call then fails (an invalid answer still cost its tokens).
 */
export class TaskModel implements AgentModel {
  readonly usage: TaskUsage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };

  constructor(
    private readonly client: AgentModel,
    private readonly deps: {
      sql: Sql;
      prices: PriceTable;
      budgets: Budgets;
      /** Told of every call's tokens and cost (the worker's llm_* counters). */
      onModelUsage?: (call: ModelUsage) => void;
    },
    private readonly task: { id: string; agent: string; createdBy: string | null },
  ) {}

  get config() {
    return this.client.config;
  }

  async generate<T = string>(req: LlmRequest<T>): Promise<LlmResult<T>> {
    const spent: Usage = { inputTokens: 0, outputTokens: 0 };
    const model = req.model ?? this.client.config.model;
    try {
      const r = await this.client.generate({
        ...req,
        usage: spent,
        beforeCall: async () => {
          await checkBudget(this.deps.sql, this.deps.budgets, this.task.createdBy, this.task.agent);
          await req.beforeCall?.();
        },
      });
      await this.record(r.model, spent);
      return r;
    } catch (err) {
      await this.record(model, spent);
      throw err;
    }
  }

  private async record(model: string, u: Usage) {
    if (!u.inputTokens && !u.outputTokens) return;
    const costUsd = costOf(this.deps.prices, model, u);
    this.usage.inputTokens += u.inputTokens;
    this.usage.outputTokens += u.outputTokens;
    this.usage.costUsd += costUsd;
    this.deps.onModelUsage?.({ agent: this.task.agent, model, ...u, costUsd });
    await this.deps.sql.query(
      `insert into model_calls (task_id, agent, user_id, model, input_tokens, output_tokens, cost_usd)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [this.task.id, this.task.agent, this.task.createdBy, model, u.inputTokens, u.outputTokens, costUsd],
    );
  }
}
