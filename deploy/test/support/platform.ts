import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVICES, type ServiceSpec } from '@trae/launcher';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

/** Every process of the platform, as `npm start` runs them: the list the manifests must follow. */
export const services: readonly ServiceSpec[] = SERVICES;
export const subgraphs = services.filter((s) => s.role === 'subgraph');

export function service(name: string): ServiceSpec {
  const spec = services.find((s) => s.name === name);
  if (!spec) throw new Error(`no service ${name} in packages/launcher/src/services.ts`);
  return spec;
}

/** The built entry point exists (turbo builds every package this one depends on before its tests). */
export const built = (spec: ServiceSpec) => existsSync(`${REPO}${spec.entry}`);

/** `node <entry> [args]`, as a container's command. */
export const commandOf = (spec: ServiceSpec) => ['node', spec.entry, ...(spec.args ?? [])];

const shapes = new Map<string, Set<string>>();

/**
 * The variables a service's config reads: the keys of the zod shape in the `config.js` beside its
 * entry point (the kit's baseEnv and the service's own). Anything else set on it would be ignored.
 */
export async function variablesOf(spec: ServiceSpec): Promise<Set<string>> {
  const cached = shapes.get(spec.entry);
  if (cached) return cached;
  const config = pathToFileURL(`${REPO}${dirname(spec.entry)}/config.js`).href;
  const exports = Object.values((await import(config)) as Record<string, unknown>);
  const shape = exports
    .map((e) => (e as { shape?: Record<string, unknown> } | undefined)?.shape)
    .find((s) => s && 'PORT' in s && 'NODE_ENV' in s);
  if (!shape) throw new Error(`no env shape exported by ${config}`);
  const names = new Set(Object.keys(shape));
  // The tasks API and workers also read @trae/recovery's settings (BACKUP_DIR, ...) for backups.
  if (spec.entry.startsWith('subgraphs/tasks/')) {
    const recovery = pathToFileURL(`${REPO}packages/recovery/dist/config.js`).href;
    const { recoveryEnv } = (await import(recovery)) as { recoveryEnv: { shape: object } };
    for (const name of Object.keys(recoveryEnv.shape)) names.add(name);
  }
  shapes.set(spec.entry, names);
  return names;
}

/** The secrets a production deployment must bring: every service refuses to boot without them. */
export const REQUIRED_SECRETS: Record<string, string[]> = {
  '*': ['DATABASE_URL', 'INTERNAL_SECRET'],
  files: ['FILES_SIGNING_SECRET'],
  identity: ['TOTP_ENCRYPTION_KEY', 'SMTP_URL'],
};
export const requiredSecrets = (name: string) => [
  ...REQUIRED_SECRETS['*'],
  ...(REQUIRED_SECRETS[name] ?? []),
];

/** Names whose values are credentials: never a literal in a manifest or a ConfigMap. */
export const isCredential = (name: string) =>
  /SECRET|PASSWORD|PRIVATE_KEY|API_KEY|ACCESS_KEY/.test(name) ||
  name === 'DATABASE_URL' ||
  name === 'REDIS_URL';
