import cors from 'cors';
import helmet from 'helmet';

/**
 * Headers for the API and the dashboard at `/`. The CSP allows only our own scripts and styles (the
 * Vite build has no inline ones) and WebSockets for subscriptions. `upgrade-insecure-requests` is
 * off: it would push a plain-HTTP local install to an HTTPS that does not exist.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xContentTypeOptions: true,
  });
}

/**
 * Browsers may call us only from the listed origins; requests without an Origin (curl, servers)
 * are not a CORS matter. Refused origins get no CORS headers, so the browser blocks the read.
 */
export function corsPolicy(origins: readonly string[]) {
  const allowed = new Set(origins);
  return cors({
    origin: (origin, callback) => callback(null, origin === undefined || allowed.has(origin)),
    credentials: true,
    maxAge: 600,
  });
}
