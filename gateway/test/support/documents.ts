import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { parse } from 'graphql';
import { documentId } from '../../src/documents/persisted-documents.js';

/** A persisted-documents.json as GraphQL Codegen writes it (`sha256:<id>` → normalized document). */
export function writeManifest(documents: readonly string[]): { path: string; ids: string[] } {
  const entries = documents.map((d) => {
    const node = parse(d);
    return [documentId(node), printExecutableGraphQLDocument(node)] as const;
  });
  const path = join(mkdtempSync(join(tmpdir(), 'gateway-documents-')), 'persisted-documents.json');
  writeFileSync(path, JSON.stringify(Object.fromEntries(entries.map(([id, d]) => [`sha256:${id}`, d]))));
  return { path, ids: entries.map(([id]) => id) };
}

/** POSTs a raw GraphQL-over-HTTP body (ids, extensions) instead of a plain query. */
export async function post(
  url: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as never };
}
