import { Errors, isSelfOrAdmin, type Principal, type Sql } from '@trae/kit';
import type { UsageArgs, UsageDay } from './usage.types.js';

/**
 * What the model_calls ledger adds up to: a user's own use, or anyone's for ADMIN. The ledger outlives
 * task retention, so a month's cost is still there after its tasks are gone.
 */
export class UsageService {
  constructor(private readonly sql: Sql) {}

  async days(user: Principal, args: UsageArgs): Promise<UsageDay[]> {
    if (!Number.isInteger(args.days) || args.days < 1 || args.days > 90)
      throw Errors.badInput('days', 'days must be from 1 to 90');
    const userId = args.userId ?? (user.role === 'ADMIN' ? null : user.id);
    if (userId && !isSelfOrAdmin(user, userId))
      throw Errors.forbidden('Only ADMIN may read another user’s usage');
    const rows = await this.sql.query<{
      day: Date;
      agent: string;
      model: string;
      calls: number;
      input_tokens: string;
      output_tokens: string;
      cost_usd: string;
    }>(
      `select date_trunc('day', created_at at time zone 'utc') at time zone 'utc' as day, agent, model,
              count(*)::int as calls, sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
              sum(cost_usd) as cost_usd
         from model_calls
        where created_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc' - make_interval(days => $1 - 1)
          and ($2::uuid is null or user_id = $2) and ($3::text is null or agent = $3)
        group by 1, 2, 3 order by 1 desc, 2, 3`,
      [args.days, userId, args.agent ?? null],
    );
    return rows.map((r) => ({
      day: r.day,
      agent: r.agent,
      model: r.model,
      calls: r.calls,
      inputTokens: Number(r.input_tokens),
      outputTokens: Number(r.output_tokens),
      costUsd: Number(r.cost_usd),
    }));
  }
}
