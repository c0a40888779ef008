import type { Request, Response } from 'express';
import { HTTP_ROUTES, type HttpRoute } from './http-routes.js';

/** The kit's error body (`sendError`), the same on every route. */
const ERROR_SCHEMA = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['message'],
        properties: {
          message: { type: 'string' },
          extensions: {
            type: 'object',
            properties: { code: { type: 'string', description: 'A code from docs/errors.md' } },
          },
        },
      },
    },
  },
};

const SIGNED_QUERY = [
  { name: 'expires', in: 'query', required: true, description: 'Unix time the URL expires at' },
  { name: 'signature', in: 'query', required: true, description: 'The URL signature' },
].map((p) => ({ ...p, schema: { type: p.name === 'expires' ? 'integer' : 'string' } }));

function operation(route: HttpRoute) {
  const produces = route.produces ?? 'application/json';
  const parameters = [
    ...Object.entries(route.params ?? {}).map(([name, description]) => ({
      name,
      in: 'path',
      required: true,
      description,
      schema: { type: 'string' },
    })),
    ...(route.signedUrl ? SIGNED_QUERY : []),
  ];
  const responses = Object.fromEntries(
    Object.entries(route.responses).map(([status, description]) => {
      const ok = Number(status) < 400;
      const media = ok ? produces : 'application/json';
      const schema = ok ? (media === 'application/json' ? { type: 'object' } : {}) : ERROR_SCHEMA;
      return [status, { description, content: { [media]: { schema } } }];
    }),
  );
  return {
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_, c?: string) => c?.toUpperCase() ?? '')}`,
    summary: route.summary,
    tags: [route.tag],
    ...(parameters.length ? { parameters } : {}),
    ...(route.accepts
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(route.accepts.map((m) => [m, { schema: {} }])),
          },
        }
      : {}),
    responses,
  };
}

/** OpenAPI 3.1 for the HTTP routes beside GraphQL (GraphQL describes itself: see `/api/discovery`). */
export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of HTTP_ROUTES) {
    paths[route.path] ??= {};
    paths[route.path][route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'TRAE.AI gateway HTTP routes',
      version,
      description:
        'The routes beside GraphQL. The GraphQL API itself is POST /graphql (subscriptions: graphql-transport-ws on /graphql); its operations are listed by GET /api/discovery.',
    },
    servers: [{ url: '/' }],
    paths,
  };
}

export function openApiHandler(version: string) {
  const body = JSON.stringify(openApiDocument(version));
  return (_req: Request, res: Response) => {
    res.setHeader('cache-control', 'public, max-age=300');
    res.type('application/json').send(body);
  };
}
