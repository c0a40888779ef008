import { ErrorCodes } from '@trae/kit';
import * as oidc from 'openid-client';
import type { OidcProviderConfig } from './oidc.config.js';

export interface OidcClientOptions {
  /** GATEWAY_URL: the public address the provider sends the browser back to. */
  publicUrl: string;
  /** Per request to the provider (discovery, token, userinfo). @default 10 */
  timeoutSeconds?: number;
}

/**
 * The configured providers and their discovered metadata (openid-client). Discovery happens on first
 * use and is kept, so identity boots while a provider is down; a failed discovery is tried again next time.
 */
export class OidcClients {
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(
    readonly providers: readonly OidcProviderConfig[],
    private readonly options: OidcClientOptions,
  ) {}

  find(id: string): OidcProviderConfig | undefined {
    return this.providers.find((p) => p.id === id);
  }

  /** Registered at the provider as the client's redirect URI. */
  callbackUrl(provider: OidcProviderConfig): URL {
    return new URL(`/auth/oidc/${provider.id}/callback`, this.options.publicUrl);
  }

  configuration(provider: OidcProviderConfig): Promise<oidc.Configuration> {
    let found = this.configurations.get(provider.id);
    if (!found) {
      found = this.discover(provider);
      this.configurations.set(provider.id, found);
      found.catch(() => this.configurations.delete(provider.id));
    }
    return found.catch(() => {
      throw ErrorCodes.SERVICE_UNAVAILABLE.err(
        `The sign-in provider ${provider.name} cannot be reached; try again shortly`,
        { serviceName: provider.id },
      );
    });
  }

  private discover(provider: OidcProviderConfig): Promise<oidc.Configuration> {
    // Plain HTTP only outside production (the config refuses it there): local and test providers.
    const insecure = new URL(provider.issuer).protocol === 'http:';
    return oidc.discovery(
      new URL(provider.issuer),
      provider.clientId,
      provider.clientSecret,
      provider.clientSecret ? oidc.ClientSecretPost(provider.clientSecret) : oidc.None(),
      {
        timeout: this.options.timeoutSeconds ?? 10,
        execute: insecure ? [oidc.allowInsecureRequests] : [],
      },
    );
  }
}
