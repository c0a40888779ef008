import type { K8sObject } from './kustomize.js';

/**
 * Where each API group's generated validators live: kubernetes-models for Kubernetes' own (its OpenAPI
 * schemas), and the CRD packages of the same project for KEDA and the Prometheus Operator.
 */
const PACKAGES: Record<string, string> = {
  'keda.sh': '@kubernetes-models/keda',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

/**
 * kustomize folds long base64 values over lines; the API server's decoder (Go's) skips the newlines,
 * the schema's `byte` format does not.
 */
const unwrapBase64 = (secret: K8sObject): K8sObject => ({
  ...secret,
  data: Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, v.replace(/\n/g, '')])),
});

type Model = new (data: unknown) => { validate(): void };

/** Validates one object against its kind's schema; throws with the failing paths. */
export async function validate(object: K8sObject): Promise<void> {
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  const models = (await import(`${PACKAGES[group] ?? 'kubernetes-models'}/${object.apiVersion}`)) as Record<
    string,
    Model | undefined
  >;
  const Kind = models[object.kind];
  if (!Kind) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  new Kind(object.kind === 'Secret' ? unwrapBase64(object) : object).validate();
}
