import { Migration } from '@mikro-orm/migrations';

/**
 * How a task was written (a language model or the template engine) and what its model calls cost, on the
 * task; and one row per model call, which the daily budgets of users and agents add up.
 */
export class ModelUsage20261217 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table task_queue add column mode text null,
      add column input_tokens integer not null default 0,
      add column output_tokens integer not null default 0,
      add column cost_usd numeric(14, 6) not null default 0;`);
    this.addSql(`create table model_calls (
      id bigserial primary key,
      task_id uuid not null,
      agent text not null,
      user_id uuid null,
      model text not null,
      input_tokens integer not null,
      output_tokens integer not null,
      cost_usd numeric(14, 6) not null,
      created_at timestamptz not null default now());`);
    this.addSql('create index model_calls_user_idx on model_calls (user_id, created_at);');
    this.addSql('create index model_calls_agent_idx on model_calls (agent, created_at);');
    this.addSql('create index model_calls_task_idx on model_calls (task_id);');
  }
}
