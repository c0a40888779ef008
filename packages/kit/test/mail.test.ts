import { networkInterfaces } from 'node:os';
import type { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { baseEnv, ConfigError, loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { createMailer, type Mailer, requireMail } from '../src/mail.js';
import { html, mailTemplate } from '../src/mail-template.js';
import { Metrics } from '../src/metrics.js';
import { REDACTED } from '../src/redact.js';
import { type Listening, type Received, smtpServer, tcpServer } from '../src/testing/smtp.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A server stopped after the test. */
async function serve<T extends Listening>(server: Promise<T>): Promise<T> {
  const listening = await server;
  stops.push(() => listening.close());
  return listening;
}

/** A kit logger writing to memory, its raw lines and their parsed form. */
function capture() {
  const raw: string[] = [];
  const logger = createLogger('svc', 'trace', { write: (line: string) => void raw.push(line) });
  return { logger, raw, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function mailer(env: Record<string, string>, logger = capture().logger): Mailer {
  const m = createMailer(loadConfig(baseEnv, env), logger);
  stops.push(async () => m.close());
  return m;
}

const welcome = mailTemplate<{ name: string; link: string }>({
  subject: ({ name }) => `Welcome, ${name}`,
  text: ({ name, link }) => `Hello ${name},\n\nConfirm your address: ${link}\n`,
  html: ({ name, link }) =>
    html`<p>Hello <b>${name}</b>,</p><p><a href="${link}">Confirm your address</a></p>`,
});

describe('mailer over SMTP', () => {
  it('sends text and HTML from a template, escaping what it interpolates into the HTML', async () => {
    const { port, received } = await serve(smtpServer());
    const send = mailer({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Platform <ops@example.com>' });
    const name = `Ann <script>alert("x")</script> & 'co'`;

    const messageId = await send.send(
      welcome('Ann <ann@example.com>', { name, link: 'https://app.example.com/v?token=t1' }),
    );

    expect(send.mode).toBe('smtp');
    expect(received).toHaveLength(1);
    const [{ envelopeFrom, envelopeTo, mail }] = received as [Received];
    expect(envelopeFrom).toBe('ops@example.com');
    expect(envelopeTo).toEqual(['ann@example.com']);
    expect(mail.messageId).toBe(messageId);
    expect(mail.from?.value).toEqual([{ name: 'Platform', address: 'ops@example.com' }]);
    expect(mail.subject).toBe(`Welcome, ${name}`);
    expect(mail.text).toBe(`Hello ${name},\n\nConfirm your address: https://app.example.com/v?token=t1\n`);
    expect(mail.html).toContain(
      '<p>Hello <b>Ann &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</b>,</p>',
    );
    expect(mail.html).toContain('<a href="https://app.example.com/v?token=t1">');
    expect(mail.html).toContain('<meta charset="utf-8">');
    expect(mail.html).not.toContain('<script>');
  });

  it('sends only the text part when the template has no HTML', async () => {
    const { port, received } = await serve(smtpServer());
    const plain = mailTemplate<{ n: number }>({
      subject: ({ n }) => `${n} tasks failed`,
      text: ({ n }) => `${n}`,
    });

    await mailer({ SMTP_URL: `smtp://127.0.0.1:${port}` }).send(plain('ops@example.com', { n: 3 }));

    expect(received[0]?.mail.from?.value).toEqual([{ name: 'TRAE.AI', address: 'no-reply@localhost' }]);
    expect(received[0]?.mail.subject).toBe('3 tasks failed');
    expect(received[0]?.mail.html).toBe(false);
  });

  it('refuses more than one recipient in `to`, sending nothing', async () => {
    const { port, received } = await serve(smtpServer());
    const send = mailer({ SMTP_URL: `smtp://127.0.0.1:${port}` });

    const error = await send
      .send({ to: 'ann@example.com, eve@evil.example', subject: 's', text: 't' })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'to' } });
    expect(received).toHaveLength(0);
  });
});

describe('SMTP in production', () => {
  const production = {
    NODE_ENV: 'production',
    INTERNAL_SECRET: 'x'.repeat(40),
    MAIL_FROM: 'ops@example.com',
  };
  const message = { to: 'ann@example.com', subject: 's', text: 't' };
  /** An address of this machine that is not loopback: to the mailer, a server there is "another machine". */
  const lanAddress = () => {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
    if (!lan) throw new Error('this test needs a network interface with a non-loopback IPv4 address');
    return lan;
  };

  it('refuses to send in clear to another machine that offers no STARTTLS', async () => {
    const lan = lanAddress();
    const { port, received } = await serve(smtpServer({ host: lan }));

    const error = await mailer({ ...production, SMTP_URL: `smtp://${lan}:${port}` })
      .send(message)
      .catch((e) => e);
    await mailer({ ...production, SMTP_URL: `smtp://${lan}:${port}?requireTLS=false` }).send(message);

    expect(error).toMatchObject({
      message: 'The smtp service is unavailable (TLS failed); retry shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'smtp' },
    });
    expect(received).toHaveLength(1);
  });

  it('sends plain SMTP to a relay on loopback, and demands STARTTLS where the URL asks', async () => {
    const { port, received } = await serve(smtpServer());

    await mailer({ ...production, SMTP_URL: `smtp://127.0.0.1:${port}` }).send(message);
    const error = await mailer({ ...production, SMTP_URL: `smtp://127.0.0.1:${port}?requireTLS=true` })
      .send(message)
      .catch((e) => e);

    expect(received).toHaveLength(1);
    expect(error).toMatchObject({
      message: 'The smtp service is unavailable (TLS failed); retry shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'smtp' },
    });
  });
});

describe('SMTP authentication', () => {
  const PASSWORD = 'correct-horse-battery';
  const authServer = () =>
    serve(
      smtpServer({
        authOptional: false,
        onAuth(auth, _session, done) {
          if (auth.username === 'mailer' && auth.password === PASSWORD) done(null, { user: auth.username });
          else done(new Error('Invalid username or password'));
        },
      }),
    );

  it('logs in with the user and password of SMTP_URL', async () => {
    const { port, received } = await authServer();

    await mailer({ SMTP_URL: `smtp://mailer:${PASSWORD}@127.0.0.1:${port}` }).send({
      to: 'ann@example.com',
      subject: 'hi',
      text: 'hello',
    });

    expect(received[0]?.user).toBe('mailer');
  });

  it('answers a wrong password with SERVICE_UNAVAILABLE naming neither password nor host', async () => {
    const { port, received } = await authServer();
    const { logger, raw } = capture();
    const wrong = 'wrong-horse-staple-9';
    const send = mailer({ SMTP_URL: `smtp://mailer:${wrong}@127.0.0.1:${port}` }, logger);

    const error = (await send
      .send({ to: 'ann@example.com', subject: 's', text: 't' })
      .catch((e) => e)) as Error;

    expect(error).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'smtp' } });
    expect(error.message).toBe('The smtp service is unavailable (credentials refused); retry shortly');
    expect(received).toHaveLength(0);
    // The cause is logged for operators, with the password nowhere, base64 of the AUTH exchange included.
    expect(raw.join('')).toContain('email not sent');
    for (const secret of [wrong, Buffer.from(`\0mailer\0${wrong}`).toString('base64')])
      expect(`${raw.join('')}${error.message}${JSON.stringify(error)}`).not.toContain(secret);
  });

  it('keeps the password of SMTP_URL out of a logged config and out of a refused one', () => {
    const { logger, raw } = capture();
    const config = loadConfig(baseEnv, { SMTP_URL: 'smtps://mailer:s3cret-pass@smtp.example.com:465' });
    logger.info({ config }, 'config');
    expect(raw[0]).not.toContain('s3cret-pass');
    expect(JSON.parse(raw[0] as string).config.SMTP_URL).toBe(
      `smtps://mailer:${REDACTED}@smtp.example.com:465`,
    );

    const refuse = () => loadConfig(baseEnv, { SMTP_URL: 'http://mailer:s3cret-pass@smtp.example.com' });
    expect(refuse).toThrow(ConfigError);
    expect(refuse).toThrow(/SMTP_URL: expected an smtp:\/\/ or smtps:\/\/ URL/);
    expect(refuse).not.toThrow(/s3cret-pass/);
  });
});

describe('an unreachable SMTP server', () => {
  it('is SERVICE_UNAVAILABLE within SMTP_TIMEOUT_MS when it never answers', async () => {
    const { port } = await serve(tcpServer());
    const send = mailer({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_TIMEOUT_MS: '300' });

    const started = Date.now();
    const error = (await send
      .send({ to: 'a@example.com', subject: 's', text: 't' })
      .catch((e) => e)) as Error;

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'smtp' } });
    expect(error.message).toBe('The smtp service is unavailable (no answer within 300 ms); retry shortly');
  });

  it('is cut at SMTP_TIMEOUT_MS in all when it answers each command just in time', async () => {
    // Every reply comes 250 ms after its command, inside each per-wait timeout of 400 ms.
    const { port } = await serve(
      tcpServer((socket) => {
        const reply = (line: string) => setTimeout(() => socket.writable && socket.write(`${line}\r\n`), 250);
        reply('220 slow.example ESMTP');
        socket.on('data', () => reply('250 ok'));
      }),
    );
    const send = mailer({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_TIMEOUT_MS: '400' });

    const started = Date.now();
    const error = (await send
      .send({ to: 'a@example.com', subject: 's', text: 't' })
      .catch((e) => e)) as Error;

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.message).toBe('The smtp service is unavailable (no answer within 400 ms); retry shortly');
  });

  it('is SERVICE_UNAVAILABLE at once when nothing listens', async () => {
    const { port, close } = await smtpServer();
    await close();
    const send = mailer({ SMTP_URL: `smtp://127.0.0.1:${port}` });

    const error = (await send
      .send({ to: 'a@example.com', subject: 's', text: 't' })
      .catch((e) => e)) as Error;

    expect(error).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'smtp' } });
    expect(error.message).toBe('The smtp service is unavailable (unreachable); retry shortly');
  });
});

describe('without SMTP_URL', () => {
  it('writes each message to the log in development, a one-time link with its token redacted', async () => {
    const { logger, raw, lines } = capture();
    const send = mailer({}, logger);
    const link = 'http://127.0.0.1:4000/reset-password?token=one-time-7f3a9c2e';

    const messageId = await send.send(welcome('ann@example.com', { name: 'Ann', link }));

    expect(send.mode).toBe('log');
    expect(messageId).toMatch(/^<.+@localhost>$/);
    const line = lines().find((l) => l.component === 'mail');
    expect(line).toMatchObject({
      level: 30,
      mail: {
        messageId,
        to: 'ann@example.com',
        subject: 'Welcome, Ann',
        text: `Hello Ann,\n\nConfirm your address: http://127.0.0.1:4000/reset-password?token=${REDACTED}\n`,
      },
    });
    expect(raw.join('')).not.toContain('one-time-7f3a9c2e');
  });

  it('refuses a feature needing email at boot in production, naming SMTP_URL', () => {
    const production = loadConfig(baseEnv, { NODE_ENV: 'production', INTERNAL_SECRET: 'x'.repeat(40) });

    expect(() => requireMail(production, 'password reset')).toThrow(ConfigError);
    expect(() => requireMail(production, 'password reset')).toThrow(
      /SMTP_URL: required in production by password reset[\s\S]*MAIL_FROM: is the development default/,
    );
    expect(() => requireMail(loadConfig(baseEnv, {}), 'password reset')).not.toThrow();
    const configured = loadConfig(baseEnv, {
      NODE_ENV: 'production',
      INTERNAL_SECRET: 'x'.repeat(40),
      SMTP_URL: 'smtps://smtp.example.com',
      MAIL_FROM: 'TRAE.AI <no-reply@example.com>',
    });
    expect(() => requireMail(configured, 'password reset')).not.toThrow();
  });

  it('refuses every message in production, even where requireMail was skipped', async () => {
    const send = mailer({ NODE_ENV: 'production', INTERNAL_SECRET: 'x'.repeat(40) });

    const error = await send.send({ to: 'a@example.com', subject: 's', text: 't' }).catch((e) => e);

    expect(send.mode).toBe('off');
    expect(error).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'smtp' } });
  });
});

describe('mailer health and metrics', () => {
  it('counts and times sends as the smtp integration, and verifies the server without sending', async () => {
    const { port, received } = await serve(smtpServer());
    const { port: silent } = await serve(tcpServer());
    const metrics = new Metrics('svc');
    const config = (url: string, ms = '5000') => loadConfig(baseEnv, { SMTP_URL: url, SMTP_TIMEOUT_MS: ms });
    const good = createMailer(config(`smtp://127.0.0.1:${port}`), capture().logger, { metrics });
    const dead = createMailer(config(`smtp://127.0.0.1:${silent}`, '300'), capture().logger, { metrics });
    stops.push(async () => {
      good.close();
      dead.close();
    });

    await good.send(welcome('ann@example.com', { name: 'Ann', link: 'https://x.example/v' }));
    await dead
      .send(welcome('ann@example.com', { name: 'Ann', link: 'https://x.example/v' }))
      .catch(() => undefined);
    const verified = await good.verify().then(() => 'up');
    const unverified = await dead.verify().catch((e: GraphQLError) => e.extensions);
    const text = await metrics.registry.metrics();

    expect(received).toHaveLength(1);
    expect(verified).toBe('up');
    expect(unverified).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'smtp' });
    expect(text).toContain(
      'integration_requests_total{integration="smtp",method="SEND",outcome="ok",service="svc"} 1',
    );
    expect(text).toMatch(
      /integration_requests_total\{integration="smtp",method="SEND",outcome="(timeout|error)",service="svc"\} 1/,
    );
    expect(text).toContain(
      'integration_request_duration_seconds_count{service="svc",integration="smtp",method="SEND"} 2',
    );
  });
});
