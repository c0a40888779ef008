import { GraphQLError } from 'graphql';
import nodemailer, { type Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type { Registry } from 'prom-client';
import { type BaseConfig, ConfigError, DEV_MAIL_FROM } from './config.js';
import { Errors } from './errors.js';
import { type IntegrationMetrics, integrationMetrics } from './integration-metrics.js';
import type { Logger } from './logger.js';

/** One email. Build it from a `mailTemplate` so the HTML's interpolated values are escaped. */
export interface MailMessage {
  /** One recipient: `a@example.com` or `Name <a@example.com>`. */
  to: string;
  subject: string;
  /** The plain-text body, always sent: what clients without HTML show. */
  text: string;
  /** The HTML alternative of the same content. */
  html?: string;
}

export type MailConfig = Pick<BaseConfig, 'NODE_ENV' | 'SMTP_URL' | 'MAIL_FROM' | 'SMTP_TIMEOUT_MS'>;

export interface Mailer {
  /**
   * `smtp`: messages go to SMTP_URL. `log`: SMTP_URL is unset outside production, each message is written
   * to the log instead. `off`: SMTP_URL is unset in production, every message is refused.
   */
  readonly mode: 'smtp' | 'log' | 'off';
  /**
   * Hands one message over and returns its Message-ID. Any failure is SERVICE_UNAVAILABLE with
   * `serviceName: 'smtp'` and a reason that names neither the server nor its credentials (the log
   * line has the cause); SMTP_TIMEOUT_MS bounds the whole exchange.
   */
  send(message: MailMessage): Promise<string>;
  /**
   * Whether the mail server accepts us now (connects, greets, authenticates; sends nothing): for health
   * checks. Rejects with the same safe reasons as `send`; `log` resolves, `off` rejects.
   */
  verify(): Promise<void>;
  /** Closes the connections a pooled transport (`?pool=true`) keeps open. */
  close(): void;
}

/** How the errors name the mail server (`extensions.serviceName`). */
export const SMTP_SERVICE = 'smtp';

/**
 * Services call this at boot for each feature that is on and needs email (identity's password reset,
 * observability's email notifications). Outside production it lets everything through, since the
 * mailer writes to the log there; in production it refuses to start without SMTP_URL, naming it, and
 * with the development sender, which receiving servers would reject as coming from `localhost`.
 */
export function requireMail(
  config: Pick<MailConfig, 'NODE_ENV' | 'SMTP_URL' | 'MAIL_FROM'>,
  feature: string,
) {
  if (config.NODE_ENV !== 'production') return;
  const lines: string[] = [];
  if (!config.SMTP_URL) lines.push(`  SMTP_URL: required in production by ${feature}`);
  if (config.MAIL_FROM === DEV_MAIL_FROM)
    lines.push(`  MAIL_FROM: is the development default; ${feature} needs a sender of its own`);
  if (lines.length) throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
}

/** Every service's email sender, on nodemailer: one per process, built at boot. */
export interface MailerOptions {
  /** The service's Metrics (or a registry merged into it): sends are counted as the `smtp` integration. */
  metrics?: { registry: Registry };
}

export function createMailer(config: MailConfig, logger: Logger, options: MailerOptions = {}): Mailer {
  const log = logger.child({ component: 'mail' });
  const metrics = options.metrics && integrationMetrics(options.metrics.registry);
  if (config.SMTP_URL) return smtpMailer(config.SMTP_URL, config, log, metrics);
  if (config.NODE_ENV === 'production') return offMailer(log);
  return logMailer(config, log);
}

/** The same `integration_*` series as the HTTP integrations, so dashboards read email like Base44. */
function observe(metrics: IntegrationMetrics | undefined, err?: unknown) {
  const code = (err as { code?: unknown } | undefined)?.code;
  const outcome = err === undefined ? 'ok' : code === 'ETIMEDOUT' || code === 'EABORT' ? 'timeout' : 'error';
  metrics?.requests.inc({ integration: SMTP_SERVICE, method: 'SEND', outcome });
  if (err !== undefined) metrics?.failures.inc({ integration: SMTP_SERVICE, reason: outcome });
}

function smtpMailer(smtpUrl: string, config: MailConfig, log: Logger, metrics?: IntegrationMetrics): Mailer {
  const ms = config.SMTP_TIMEOUT_MS;
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport(
    {
      url: smtpUrl,
      connectionTimeout: ms,
      greetingTimeout: ms,
      socketTimeout: ms,
      dnsTimeout: ms,
      // In production, smtp:// to another machine must upgrade with STARTTLS: the credentials and the
      // one-time links in bodies would cross the network in clear otherwise. A relay on loopback may
      // stay plain, and `?requireTLS=false` in the URL (whose options win) opts out.
      requireTLS: config.NODE_ENV === 'production' && url.protocol === 'smtp:' && !isLoopback(url.hostname),
      // Messages are our own text: never let a field make nodemailer read a file or fetch a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    },
    { from: config.MAIL_FROM },
  );
  return {
    mode: 'smtp',
    async send(message) {
      checkRecipient(message.to);
      const end = metrics?.duration.startTimer({ integration: SMTP_SERVICE, method: 'SEND' });
      try {
        // The timeouts above each bound one wait (connecting, the greeting, a silent socket); the signal
        // bounds the whole exchange, however slowly a server trickles, and closes its connection.
        const info = await transport.sendMail({ ...message, signal: AbortSignal.timeout(ms) });
        log.debug({ messageId: info.messageId }, 'email sent');
        observe(metrics);
        return info.messageId;
      } catch (err) {
        // `host` has no credentials; the error a caller sees has neither (nor the host).
        log.warn({ err, host: url.host }, 'email not sent');
        observe(metrics, err);
        throw unavailable(reasonOf(err, ms), err);
      } finally {
        end?.();
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (err) {
        throw unavailable(reasonOf(err, ms), err);
      }
    },
    close: () => transport.close(),
  };
}

function logMailer(config: MailConfig, log: Logger): Mailer {
  // Only builds the message (its Message-ID, the sender): nothing leaves the process.
  const transport: Transporter<{ messageId: string }> = nodemailer.createTransport(
    { jsonTransport: true },
    { from: config.MAIL_FROM },
  );
  return {
    mode: 'log',
    async send(message) {
      checkRecipient(message.to);
      const { messageId } = await transport.sendMail(message);
      // Outside production only (production without SMTP_URL is `off`): showing a developer the message
      // is the point, one-time links included. Still, these lines are shipped and stored, and a user can
      // read their own requests' lines, so the logger replaces a link's `token=` (or `code=`, `key=`, ...)
      // query value: services put one-time tokens in such a parameter, never in the path.
      log.info(
        { mail: { messageId, to: message.to, subject: message.subject, text: message.text } },
        'email not sent: SMTP_URL is unset, so it is written here',
      );
      return messageId;
    },
    verify: async () => {},
    close: () => transport.close(),
  };
}

function offMailer(log: Logger): Mailer {
  return {
    mode: 'off',
    async send() {
      log.error(
        'email refused: SMTP_URL is unset in production (a feature needing email skipped requireMail)',
      );
      throw unavailable('not configured');
    },
    verify: async () => {
      throw unavailable('not configured');
    },
    close: () => {},
  };
}

/** One address per message: a comma in `to` would otherwise quietly add recipients. */
function checkRecipient(to: string) {
  const parsed = addressparser(to, { flatten: true });
  if (parsed.length !== 1 || !parsed[0]?.address?.includes('@'))
    throw Errors.badInput('to', 'expected one email address');
}

/** A reason safe for a client: what went wrong, never where or with which credentials. */
function reasonOf(err: unknown, ms: number): string {
  switch ((err as { code?: unknown }).code) {
    case 'EABORT':
    case 'ETIMEDOUT':
      return `no answer within ${ms} ms`;
    case 'EAUTH':
    case 'ENOAUTH':
      return 'credentials refused';
    case 'ETLS':
      return 'TLS failed';
    case 'EENVELOPE':
    case 'EMESSAGE':
      return 'message refused';
    default:
      return 'unreachable';
  }
}

function unavailable(reason: string, cause?: unknown): GraphQLError {
  return new GraphQLError(`The ${SMTP_SERVICE} service is unavailable (${reason}); retry shortly`, {
    originalError: new Error(`${SMTP_SERVICE}: ${reason}`, { cause }),
    extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: SMTP_SERVICE },
  });
}

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || host.startsWith('127.');
