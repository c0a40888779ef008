import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { ConfigError } from '@trae/kit';
import type { DocumentNode } from 'graphql';

const ID_PREFIX = 'sha256:';

/** `sha256:<hex>` (GraphQL over HTTP's document identifier) and bare `<hex>` (Apollo's APQ) name the same document. */
export const hexId = (id: string) => (id.startsWith(ID_PREFIX) ? id.slice(ID_PREFIX.length) : id);

/**
 * A document's trusted-document id as GraphQL Codegen computes it: the SHA-256 of its normalized print
 * (definitions and selections sorted, no comments), so any spelling of a listed operation finds it.
 */
export function documentId(document: DocumentNode): string {
  return createHash('sha256').update(printExecutableGraphQLDocument(document)).digest('hex');
}

/** The trusted documents: codegen's persisted-documents.json (`{ "sha256:<hex>": "<document>" }`). */
export class PersistedDocuments {
  private constructor(private readonly byId: ReadonlyMap<string, string>) {}

  /**
   * Reads the manifest once at boot. A missing file is an empty list unless `required` (the list is
   * then the only way in, and an empty one would refuse every browser), which fails naming the variable.
   */
  static load(path: string, { required }: { required: boolean }): PersistedDocuments {
    if (!existsSync(path)) {
      if (required)
        throw new ConfigError(
          `PERSISTED_DOCUMENTS_PATH: ${path} does not exist; TRUSTED_DOCUMENTS=require needs the list (build the client)`,
        );
      return new PersistedDocuments(new Map());
    }
    let manifest: unknown;
    try {
      manifest = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new ConfigError(`PERSISTED_DOCUMENTS_PATH: ${path} is not JSON (${(err as Error).message})`);
    }
    if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest))
      throw new ConfigError(`PERSISTED_DOCUMENTS_PATH: ${path} must map document ids to documents`);
    const byId = new Map<string, string>();
    for (const [id, document] of Object.entries(manifest)) {
      if (typeof document !== 'string')
        throw new ConfigError(`PERSISTED_DOCUMENTS_PATH: the document of ${id} is not a string`);
      byId.set(hexId(id), document);
    }
    return new PersistedDocuments(byId);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The document listed under `id` (with or without `sha256:`). */
  get(id: string): string | undefined {
    return this.byId.get(hexId(id));
  }

  has(id: string): boolean {
    return this.byId.has(hexId(id));
  }
}
