import { ErrorCodes, Errors, type Limit, type Logger, parseInput, z } from '@trae/kit';
import { GraphQLError } from 'graphql';
import * as oidc from 'openid-client';
import { AuditEventType } from '../audit/audit.enums.js';
import type { AuditService } from '../audit/audit.service.js';
import { type AuthService, type Session, sha256 } from '../auth/auth.service.js';
import type { ClientInfo } from '../session/session.service.js';
import type { UserService } from '../user/user.service.js';
import { type Claims, type OidcAccounts, OidcRefusal } from './oidc-accounts.js';
import type { OidcClients } from './oidc-clients.js';
import type { OidcFlows } from './oidc-flows.js';

export interface OidcLimits {
  /** Sign-ins one client address may start (each holds a flow in Redis until it expires). */
  starts: Limit;
  /** Failed callbacks and code exchanges per client address. */
  failures: Limit;
}

export interface OidcServiceOptions {
  /** GATEWAY_URL: the dashboard's `/login/oidc` page is there. */
  publicUrl: string;
  logger: Logger;
}

const codeInput = z.object({ code: z.string().min(1).max(128) });
const EXPIRED = 'This sign-in has expired or was finished already; start again';

/**
 * Sign-in with OpenID Connect (openid-client): authorization code with PKCE, state and nonce. The
 * browser comes back to the dashboard with a one-time code in the URL's fragment (never sent to a
 * server, so never in a log), which `exchangeOidcCode` turns into the session a password sign-in gets.
 */
export class OidcService {
  constructor(
    private readonly clients: OidcClients,
    private readonly flows: OidcFlows,
    private readonly accounts: OidcAccounts,
    private readonly auth: AuthService,
    private readonly users: UserService,
    private readonly audit: AuditService,
    private readonly limits: OidcLimits,
    private readonly options: OidcServiceOptions,
  ) {}

  /** `oidcProviders`: what the sign-in page may show. */
  list(): { id: string; name: string }[] {
    return this.clients.providers.map(({ id, name }) => ({ id, name }));
  }

  /**
   * The provider's authorization URL for a new flow. A sign-in is bound to the browser by `binding`
   * (its cookie); a link (`linkUserId`) instead needs its owner signed in to confirm it at the end.
   */
  async authorizationUrl(
    providerId: string,
    client: ClientInfo,
    bound: { binding: string } | { linkUserId: string },
  ): Promise<URL> {
    const provider = this.clients.find(providerId);
    if (!provider) throw Errors.notFound('Sign-in provider');
    await this.limits.starts.take(client.ip ?? 'unknown');
    const config = await this.clients.configuration(provider);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await this.flows.begin(state, {
      provider: provider.id,
      codeVerifier,
      nonce,
      ...('binding' in bound ? { browser: sha256(bound.binding) } : { linkUserId: bound.linkUserId }),
    });
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.clients.callbackUrl(provider).href,
      scope: provider.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /**
   * `GET /auth/oidc/:provider/start`: where to send the browser (the provider, or the error page), and
   * the value of the cookie that binds the flow to it.
   */
  async start(providerId: string, client: ClientInfo): Promise<{ location: string; binding?: string }> {
    const binding = oidc.randomState();
    try {
      return { location: (await this.authorizationUrl(providerId, client, { binding })).href, binding };
    } catch (err) {
      return { location: this.dashboard({ error: this.errorOf(err) }) };
    }
  }

  /** `GET /auth/oidc/:provider/callback`: checks the provider's answer; the dashboard URL to go to. */
  async callback(
    providerId: string,
    query: URLSearchParams,
    binding: string | undefined,
    client: ClientInfo,
  ): Promise<string> {
    try {
      await this.limits.failures.check(client.ip ?? 'unknown');
      const { provider, flow, claims } = await this.verify(providerId, query, binding);
      if (flow.linkUserId) {
        const email = typeof claims.email === 'string' ? claims.email : null;
        const link = await this.flows.issueCode({
          kind: 'link',
          userId: flow.linkUserId,
          provider: provider.id,
          subject: claims.sub,
          email,
        });
        return this.dashboard({ link });
      }
      const user = await this.accounts.resolve(provider, claims, client);
      const code = await this.flows.issueCode({ kind: 'sign-in', userId: user.id, provider: provider.id });
      return this.dashboard({ code });
    } catch (err) {
      if (err instanceof OidcRefusal) {
        await this.failed(providerId, err.reason, client);
        return this.dashboard({ error: err.error });
      }
      return this.dashboard({ error: this.errorOf(err) });
    }
  }

  /** `exchangeOidcCode`: the one-time code from the callback, spent, for a session (2FA as for a password). */
  async exchange(input: { code: string }, client: ClientInfo): Promise<Session> {
    const proven = await this.spend(input, client);
    const user = proven?.kind === 'sign-in' ? await this.users.findById(proven.userId) : null;
    if (!proven || !user) {
      await this.failed(proven?.provider ?? null, 'exchange-code', client);
      throw Errors.unauthenticated(EXPIRED);
    }
    return this.auth.signInProven(user, `oidc:${proven.provider}`, client);
  }

  /**
   * `confirmOidcLink`: the signed-in owner's consent, which links the provider account the callback
   * proved. Only the user who started the link may confirm it (never whoever opens the link).
   */
  async confirmLink(caller: string, input: { code: string }, client: ClientInfo): Promise<boolean> {
    const proven = await this.spend(input, client);
    const provider = proven && this.clients.find(proven.provider);
    if (proven?.kind !== 'link' || proven.userId !== caller || !provider) {
      await this.failed(proven?.provider ?? null, 'link-code', client);
      throw Errors.unauthenticated(
        'This link has expired, was used, or was started by someone else; start again',
      );
    }
    await this.accounts.link(provider, proven, caller, client);
    return true;
  }

  /** `User.linkedIdentities` (the user and admins only). */
  linkedIdentities(userId: string) {
    return this.accounts.listFor(userId);
  }

  /** `unlinkOidcProvider`: the caller's own link only. */
  unlink(userId: string, provider: string, client: ClientInfo): Promise<boolean> {
    return this.accounts.unlink(userId, provider, client);
  }

  private async spend(input: { code: string }, client: ClientInfo) {
    const { code } = parseInput(codeInput, input);
    await this.limits.failures.check(client.ip ?? 'unknown');
    return this.flows.spendCode(code);
  }

  /**
   * The provider's answer, checked by openid-client against the flow its `state` names: PKCE verifier,
   * nonce, issuer, audience, signature and expiry of the ID token. A state is good for one answer.
   */
  private async verify(providerId: string, query: URLSearchParams, binding: string | undefined) {
    const state = query.get('state');
    const flow = state ? await this.flows.take(state) : null;
    const provider = this.clients.find(providerId);
    if (!state || !flow || !provider || flow.provider !== providerId)
      throw new OidcRefusal('state', Errors.unauthenticated(EXPIRED));
    if (flow.browser && (!binding || sha256(binding) !== flow.browser))
      throw new OidcRefusal(
        'browser',
        Errors.unauthenticated('This sign-in was started in another browser; start it again here'),
      );
    const config = await this.clients.configuration(provider);
    const currentUrl = this.clients.callbackUrl(provider);
    currentUrl.search = query.toString();
    try {
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedNonce: flow.nonce,
        expectedState: state,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims() as Claims;
      const info = config.serverMetadata().userinfo_endpoint
        ? await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)
        : {};
      // The subject is the ID token's: fetchUserInfo refused an answer about anyone else.
      return { provider, flow, claims: { ...info, ...idClaims } as Claims };
    } catch (err) {
      const reason = (err as { code?: string }).code ?? 'verification';
      throw new OidcRefusal(
        reason,
        Errors.unauthenticated(`${provider.name} did not confirm this sign-in; start again`),
      );
    }
  }

  private async failed(provider: string | null, reason: string, client: ClientInfo): Promise<void> {
    await this.limits.failures.take(client.ip ?? 'unknown').catch(() => {
      // Past the limit already: the next attempt's check refuses it.
    });
    await this.audit.record({
      type: AuditEventType.OIDC_SIGN_IN_FAILED,
      ip: client.ip,
      details: { provider, reason },
    });
  }

  /** The dashboard's `/login/oidc` page, told the outcome in the fragment. */
  private dashboard(outcome: { code?: string; link?: string; error?: GraphQLError }): string {
    const url = new URL('/login/oidc', this.options.publicUrl);
    const hash = new URLSearchParams();
    if (outcome.code) hash.set('code', outcome.code);
    if (outcome.link) hash.set('link', outcome.link);
    if (outcome.error) {
      hash.set('error', String(outcome.error.extensions.code));
      hash.set('message', outcome.error.message);
    }
    url.hash = hash.toString();
    return url.href;
  }

  /** Refusals keep their code and words; anything else is ours, logged, and says nothing of why. */
  private errorOf(err: unknown): GraphQLError {
    if (err instanceof GraphQLError && err.extensions.code) return err;
    this.options.logger.error({ err }, 'OpenID Connect sign-in failed');
    return ErrorCodes.INTERNAL_SERVER_ERROR.err('Sign-in failed on our side; try again later');
  }
}
