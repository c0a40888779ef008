import compression from 'compression';
import type { Request, Response } from 'express';

/** GraphQL's JSON answers; multipart and event-stream answers are left alone so each part is sent as it comes. */
const COMPRESSIBLE = /^application\/(?:graphql-response\+)?json\b/;

/**
 * gzip or brotli, as the client's Accept-Encoding prefers, for GraphQL answers of at least `minBytes`;
 * smaller ones cost more CPU than they save on the wire.
 */
export function graphqlCompression({ minBytes }: { minBytes: number }) {
  return compression({
    threshold: minBytes,
    filter: (_req: Request, res: Response) => COMPRESSIBLE.test(String(res.getHeader('content-type') ?? '')),
  });
}
