import { smtpServer } from '@trae/kit/testing/smtp';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observability } from '../src/server.js';
import { type Harness, startObservability, TrustedWebSocket } from './setup.js';

type Event = {
  data?: { alertChanged: Record<string, unknown> };
  errors?: { extensions: { code: string } }[];
};

describe('alert notifications: dashboard across instances, and email', () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let evaluator: Observability | undefined;
  const clients: Client[] = [];

  const subscribe = (token: string) => {
    const client = createClient({
      url: `${h.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: TrustedWebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    clients.push(client);
    const events: Event[] = [];
    client.subscribe(
      {
        query:
          'subscription { alertChanged { id name status severity summary silenced rule { name state } } }',
      },
      { next: (v) => void events.push(v as Event), error: () => undefined, complete: () => undefined },
    );
    return events;
  };

  beforeAll(async () => {
    smtp = await smtpServer();
    h = await startObservability({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      ALERT_EMAIL_TO: 'ops@example.com, On Call <oncall@example.com>',
      // Nothing listens there: the scraper finds it down.
      SCRAPE_TARGETS: 'files=http://127.0.0.1:9',
      SCRAPE_INTERVAL_MS: '200',
      ALERT_EVAL_INTERVAL_MS: '200',
      HEALTH_INTERVAL_MS: '60000',
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await h.stop();
    await smtp.close();
  });

  it('evaluates on the instance holding the job, tells subscribers on another, and emails each recipient', async () => {
    const created = await h.gql<{ createAlertRule: { id: string } }>(
      `mutation ($input: AlertRuleInput!) { createAlertRule(input: $input) { id } }`,
      {
        input: {
          name: 'Files down',
          kind: 'SERVICE_DOWN',
          service: 'files',
          threshold: 0,
          forSeconds: 0,
          severity: 'CRITICAL',
          notify: ['DASHBOARD', 'EMAIL'],
        },
      },
      h.admin,
    );
    expect(created.errors).toBeUndefined();
    const admin = subscribe(h.admin);
    const user = subscribe(h.user);
    await expect.poll(() => user.length).toBe(1);
    expect(user[0].errors?.[0].extensions.code).toBe('FORBIDDEN');

    // The first instance (which the subscribers are on) runs no jobs; a second one scrapes and evaluates.
    evaluator = await h.restart({}, { background: true });
    await expect
      .poll(() => admin.find((e) => e.data?.alertChanged.name === 'Files down'), { timeout: 10_000 })
      .toBeDefined();
    const fired = admin.find((e) => e.data?.alertChanged.name === 'Files down')?.data?.alertChanged;
    expect(fired).toMatchObject({
      status: 'FIRING',
      severity: 'CRITICAL',
      summary: 'Down: files',
      silenced: false,
      rule: { name: 'Files down', state: 'FIRING' },
    });

    await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(2);
    expect(smtp.received.map((r) => r.envelopeTo).sort()).toEqual([
      ['oncall@example.com'],
      ['ops@example.com'],
    ]);
    const { mail } = smtp.received[0];
    expect(mail.subject).toBe('[FIRING] CRITICAL Files down');
    expect(mail.text).toContain('Files down is FIRING (CRITICAL).\n\nDown: files');
    expect(mail.html).toContain('<h2>Files down is FIRING</h2>');
    expect(mail.html).toContain(`<code>${created.data?.createAlertRule.id}</code>`);
    await h.stopInstance(evaluator);
    // Once: later evaluations of a rule still FIRING send nothing more.
    expect(smtp.received).toHaveLength(2);
  });
});
