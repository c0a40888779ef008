/**
 * The gateway's HTTP routes beside GraphQL, described once: `/api/discovery` lists them and
 * `/api/openapi.json` documents them from this list, so the two cannot disagree.
 */
export interface HttpRoute {
  method: 'get' | 'post' | 'put';
  /** In OpenAPI's template form (`/webhooks/{source}`). */
  path: string;
  summary: string;
  tag: 'probes' | 'files' | 'webhooks' | 'auth' | 'discovery';
  /** Path parameters, by name: their description. */
  params?: Record<string, string>;
  /** Query parameters a signed URL carries. */
  signedUrl?: boolean;
  /** Status code → description; the body is JSON unless `produces` says otherwise. */
  responses: Record<string, string>;
  /** @default 'application/json' */
  produces?: string;
  /** The request body's media types, when it has one. */
  accepts?: string[];
}

const ERRORS = { '404': 'No such route or resource', '429': 'Rate limited (see Retry-After)' };

export const HTTP_ROUTES: readonly HttpRoute[] = [
  {
    method: 'get',
    path: '/health',
    tag: 'probes',
    summary: 'The platform health: database, Redis and every subgraph (healthy, degraded, unhealthy)',
    responses: { '200': 'Healthy or degraded', '503': 'Unhealthy: no database or no Redis' },
  },
  {
    method: 'get',
    path: '/health/live',
    tag: 'probes',
    summary: 'Liveness of the gateway process itself',
    responses: { '200': 'The process answers' },
  },
  {
    method: 'get',
    path: '/ready',
    tag: 'probes',
    summary: "Readiness of this gateway instance (its Redis); 503 takes it out of a balancer's rotation",
    responses: { '200': 'Ready', '503': 'Not ready or draining' },
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'probes',
    summary: 'Prometheus metrics of the gateway',
    produces: 'text/plain',
    responses: { '200': 'Prometheus text exposition format' },
  },
  {
    method: 'get',
    path: '/.well-known/jwks.json',
    tag: 'auth',
    summary: 'The public keys access tokens are signed with (JWKS), to verify them without calling us',
    responses: { '200': 'A JSON Web Key Set' },
  },
  {
    method: 'put',
    path: '/files/uploads/{id}',
    tag: 'files',
    summary: 'Upload the raw bytes of a file to the signed URL `requestUpload` gave',
    params: { id: 'The file id from requestUpload' },
    signedUrl: true,
    accepts: ['application/octet-stream'],
    responses: {
      '201': 'Stored: the file',
      '400': 'Bad upload',
      '403': 'Bad or expired signature',
      ...ERRORS,
    },
  },
  {
    method: 'post',
    path: '/files/uploads/{id}',
    tag: 'files',
    summary: 'Upload a file as a multipart form (browser forms) to the signed URL `requestUpload` gave',
    params: { id: 'The file id from requestUpload' },
    signedUrl: true,
    accepts: ['multipart/form-data'],
    responses: {
      '201': 'Stored: the file',
      '400': 'Bad upload',
      '403': 'Bad or expired signature',
      ...ERRORS,
    },
  },
  {
    method: 'get',
    path: '/files/{id}/content',
    tag: 'files',
    summary: "A file's bytes through the signed download URL the GraphQL API gave (Range supported)",
    params: { id: 'The file id' },
    signedUrl: true,
    produces: 'application/octet-stream',
    responses: {
      '200': 'The bytes',
      '206': 'A range of the bytes',
      '403': 'Bad or expired signature',
      ...ERRORS,
    },
  },
  {
    method: 'get',
    path: '/files/avatars/{userId}',
    tag: 'files',
    summary: "A user's avatar image (public)",
    params: { userId: "The user's id" },
    produces: 'image/*',
    responses: { '200': 'The image', ...ERRORS },
  },
  {
    method: 'post',
    path: '/webhooks/{source}',
    tag: 'webhooks',
    summary: 'Receive a signed inbound webhook (Standard Webhooks) from a registered source',
    params: { source: "The webhook source's slug" },
    accepts: ['application/json', '*/*'],
    responses: {
      '202': 'Accepted and queued as a task',
      '401': 'Bad or stale signature',
      '409': 'Already received',
      '413': 'Body too large',
      '503': 'The task queue is unavailable: retry',
      ...ERRORS,
    },
  },
  {
    method: 'get',
    path: '/auth/oidc/{provider}/start',
    tag: 'auth',
    summary:
      'Begin signing in with an OpenID Connect provider (redirects to it; see the oidcProviders query)',
    params: { provider: "The provider's id from OIDC_PROVIDERS" },
    produces: 'text/html',
    responses: { '302': "To the provider's sign-in page, or back to the dashboard with an error", ...ERRORS },
  },
  {
    method: 'get',
    path: '/auth/oidc/{provider}/callback',
    tag: 'auth',
    summary: "The provider's answer; ends at the dashboard with a one-time code for exchangeOidcCode",
    params: { provider: "The provider's id from OIDC_PROVIDERS" },
    produces: 'text/html',
    responses: { '302': 'To /login/oidc with a one-time code or an error', ...ERRORS },
  },
  {
    method: 'get',
    path: '/api/discovery',
    tag: 'discovery',
    summary: 'What this API offers: services, GraphQL operations, subscriptions, HTTP routes and links',
    responses: { '200': 'The discovery document' },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'discovery',
    summary: 'This OpenAPI document',
    responses: { '200': 'OpenAPI 3.1' },
  },
];

/** `/webhooks/{source}` → `/webhooks/:source`, the form people and Express write. */
export const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
