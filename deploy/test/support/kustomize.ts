import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { parseAllDocuments } from 'yaml';

export const K8S_DIR = fileURLToPath(new URL('../../k8s/', import.meta.url));

/** A rendered object: kind and name always, the rest as the manifest has it. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: unknown;
  data?: Record<string, string>;
}

/**
 * `kubectl kustomize <overlay>`: what `kubectl apply -k` would send, without a cluster. Debian's own
 * `kubernetes-client` (1.20) is too old for these files; .ci/run's ensure_kubectl says what to install.
 */
export function render(overlay: string): K8sObject[] {
  let out: string;
  try {
    out = execFileSync('kubectl', ['kustomize', `${K8S_DIR}${overlay}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new Error('kubectl is not on the PATH (.ci/run: ensure_kubectl)');
    throw new Error(`kubectl kustomize ${overlay} failed:\n${e.stderr ?? e.message}`);
  }
  return parseAllDocuments(out).map((doc) => {
    if (doc.errors.length) throw doc.errors[0];
    return doc.toJS() as K8sObject;
  });
}

export const ofKind = <T>(objects: K8sObject[], kind: string): T[] =>
  objects.filter((o) => o.kind === kind) as unknown as T[];

export function named<T extends { metadata?: { name?: string } }>(objects: T[], name: string): T {
  const found = objects.find((o) => o.metadata?.name === name);
  if (!found) throw new Error(`no object named ${name}`);
  return found;
}

/** A generated ConfigMap is named `<name>-<hash>`. */
export const configMap = (objects: K8sObject[], name: string): IConfigMap => {
  const found = ofKind<IConfigMap>(objects, 'ConfigMap').find((c) =>
    new RegExp(`^${name}(-[a-z0-9]{10})?$`).test(c.metadata?.name ?? ''),
  );
  if (!found) throw new Error(`no ConfigMap ${name}`);
  return found;
};
