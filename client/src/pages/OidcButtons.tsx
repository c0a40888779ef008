import { useQuery } from '@apollo/client/react';
import { OidcProvidersDocument } from '../auth/auth.operations';

/**
 * "Sign in with …" for each provider identity offers (OIDC_PROVIDERS). Plain links: the browser
 * leaves for the provider through the gateway's `/auth/oidc/<id>/start` and comes back to /login/oidc.
 */
export function OidcButtons() {
  const { data } = useQuery(OidcProvidersDocument);
  const providers = data?.oidcProviders ?? [];
  if (providers.length === 0) return null;
  return (
    <div className="form oidc-buttons">
      <p>Or sign in with</p>
      {providers.map((p) => (
        <a key={p.id} className="button" href={`/auth/oidc/${encodeURIComponent(p.id)}/start`}>
          {p.name}
        </a>
      ))}
    </div>
  );
}
