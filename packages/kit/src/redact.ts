/** What replaces a secret in a log line: readers see that something was there, never what. */
export const REDACTED = '[REDACTED]';

/**
 * Field names whose values are credentials in the shapes our code logs: request and response
 * headers, GraphQL inputs and variables, options objects. Compared without case, at any depth
 * down to MAX_DEPTH (`req.headers.authorization`, `variables.input.password`).
 */
const SECRET_FIELDS = new Set(
  [
    'authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'x-internal-auth',
    'x-api-key',
    'apiKey',
    'api_key',
    'password',
    'currentPassword',
    'newPassword',
    'refreshToken',
    'refresh_token',
    'accessToken',
    'access_token',
    'token',
    'secret',
    'signature',
    'internalSecret',
  ].map((f) => f.toLowerCase()),
);
const MAX_DEPTH = 6;

const walkable = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || Array.isArray(value);
};

/**
 * `value` with every secret field's value replaced, copying only the objects that change (a logged
 * object is the caller's, never ours to mutate). Plain objects and arrays are walked; class
 * instances (errors, buffers) are left to their serializers and to `scrubSecrets`. This is pino's
 * `redact` by name at any depth: its wildcard paths cost about 50 µs a line, this well under one.
 */
export function censorSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || !walkable(value)) return value;
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const before = source[key];
    const after = SECRET_FIELDS.has(key.toLowerCase()) ? REDACTED : censorSecrets(before, depth + 1);
    if (after === before) continue;
    copy ??= (Array.isArray(source) ? [...source] : { ...source }) as Record<string, unknown>;
    copy[key] = after;
  }
  return (copy ?? value) as T;
}

/** Query parameters that make a URL a credential (signed links, OAuth codes, tokens in links). */
const SECRET_PARAMS =
  'signature|sig|expires|token|access_token|refresh_token|id_token|api_key|apikey|key|secret|password|code|x-amz-signature|x-amz-credential|x-amz-security-token';

/**
 * Credentials as they appear inside text, whatever field carries it (`url`, `msg`, an error's
 * message): secret query parameters, `user:password@` in URLs, bearer tokens, JWTs and our API keys.
 * Applied to the serialized line, so a value is caught however deep or however it was formatted.
 * A value stops at what JSON escapes (`"` and `\`), so the line stays valid JSON.
 */
const SECRET_TEXT = new RegExp(
  [
    `([?&](?:${SECRET_PARAMS})=)[^&#\\s"\\\\]+`,
    '(\\b[a-z][a-z0-9+.-]*://[^:/\\s"@\\\\]+:)[^@\\s"/\\\\]+(?=@)',
    '(\\bBearer\\s+)[^\\s"\\\\,;]+',
    '()\\beyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+',
    '(\\btrae_)[\\w-]{8,}',
  ].join('|'),
  'gi',
);

/** Replaces every credential found in `text` (see SECRET_TEXT); text without one comes back as is. */
export function scrubSecrets(text: string): string {
  return text.replace(
    SECRET_TEXT,
    (_match, param, userinfo, bearer, jwt, apiKey) =>
      `${param ?? userinfo ?? bearer ?? jwt ?? apiKey ?? ''}${REDACTED}`,
  );
}
