import { createHash } from 'node:crypto';
import { appError, type Logger, type Principal } from '@trae/kit';
import type { DocumentNode, GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Counter } from 'prom-client';
import { documentId, type PersistedDocuments } from './persisted-documents.js';

export type TrustedDocumentsMode = 'off' | 'report' | 'require';

export interface TrustedDocumentsOptions {
  documents: PersistedDocuments;
  /** TRUSTED_DOCUMENTS */
  mode: TrustedDocumentsMode;
  /** TRUSTED_DOCUMENTS_API_KEYS: `any` lets API keys send any operation. */
  apiKeys: 'any' | 'listed';
  /** Counts unlisted operations by outcome (`reported`, `refused`). */
  untrusted: Counter<'outcome'>;
}

/**
 * The safelist policy: browser sessions and guests (callers without an API key) may run only listed
 * operations under `require`; under `report` they may run any, and the unlisted ones are logged.
 * Shared by POST /graphql and the WebSocket, so neither door is a way around the other.
 */
export class TrustedDocuments {
  /** Whether a source text is listed, by its SHA-256: the normalized print is paid once per text. */
  private readonly listed = new LRUCache<string, boolean>({ max: 5_000 });

  constructor(private readonly options: TrustedDocumentsOptions) {}

  get documents(): PersistedDocuments {
    return this.options.documents;
  }

  /** Whether this caller is held to the list at all. */
  appliesTo(principal: Principal): boolean {
    if (this.options.mode === 'off') return false;
    return !principal.apiKeyId || this.options.apiKeys === 'listed';
  }

  /**
   * PERSISTED_QUERY_NOT_IN_LIST when the caller is held to the list and `source` is not on it, else
   * null (after logging it under `report`).
   */
  refusal(principal: Principal, source: string, document: DocumentNode, log: Logger): GraphQLError | null {
    if (!this.appliesTo(principal) || this.isListed(source, document)) return null;
    if (this.options.mode === 'report') {
      this.options.untrusted.inc({ outcome: 'reported' });
      log.warn({ documentId: documentId(document) }, 'operation not in the trusted documents (reported)');
      return null;
    }
    this.options.untrusted.inc({ outcome: 'refused' });
    return appError('PERSISTED_QUERY_NOT_IN_LIST', 'This operation is not one of the trusted documents', {
      http: { status: 400 },
    });
  }

  private isListed(source: string, document: DocumentNode): boolean {
    const key = createHash('sha256').update(source).digest('hex');
    let listed = this.listed.get(key);
    if (listed === undefined) {
      listed = this.options.documents.has(documentId(document));
      this.listed.set(key, listed);
    }
    return listed;
  }
}
