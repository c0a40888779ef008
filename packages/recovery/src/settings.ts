import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REDACTED, scrubSecrets } from '@trae/kit';

/** Names of variables that hold credentials: their values never enter a backup. */
const SECRET_NAME = /SECRET|PASSWORD|PRIVATE|TOKEN|CREDENTIAL|(^|_)KEY(_|$)|KEYS?$/;

/** Every variable `.env.example` lists (it lists every variable the platform reads) with its default. */
function documentedDefaults(repoRoot: string): Map<string, string> {
  const path = join(repoRoot, '.env.example');
  const out = new Map<string, string>();
  if (!existsSync(path)) return out;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out.set(m[1], m[2].replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

export interface SettingsSnapshot {
  /** Each documented variable's effective value (set, or its default), secrets replaced by REDACTED. */
  variables: Record<string, { value: string; from: 'environment' | 'default' }>;
}

/**
 * The platform's non-secret configuration, to rebuild a lost machine's settings from: secret
 * variables are redacted by name, and every other value is scrubbed of credentials inside it (a
 * `postgres://user:password@` URL keeps its host and loses its password).
 */
export function captureSettings(repoRoot: string, env: NodeJS.ProcessEnv): SettingsSnapshot {
  const variables: SettingsSnapshot['variables'] = {};
  for (const [name, fallback] of documentedDefaults(repoRoot)) {
    const set = env[name];
    const value = set ?? fallback;
    variables[name] = {
      value: SECRET_NAME.test(name) && value ? REDACTED : scrubSecrets(value),
      from: set === undefined ? 'default' : 'environment',
    };
  }
  return { variables };
}
