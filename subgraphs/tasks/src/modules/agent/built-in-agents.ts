import type { Sql } from '@trae/kit';
import { BUILT_IN_AGENTS } from '../runtime/catalog.js';

/**
 * A fresh installation gets one persona per runtime. Existing rows (perhaps edited by admins) are kept.
 * Both the API and the worker call it at start, whichever comes first.
 */
export async function ensureBuiltInAgents(sql: Sql): Promise<void> {
  await sql.query(
    `insert into agent_personas (id, name, runtime, description, capabilities)
     select gen_random_uuid(), v.name, v.runtime, v.description, v.capabilities
       from json_to_recordset($1::json) as v(name text, runtime text, description text, capabilities jsonb)
     on conflict (name) do nothing`,
    [JSON.stringify(BUILT_IN_AGENTS)],
  );
}
