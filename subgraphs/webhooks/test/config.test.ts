import { createLogger } from '@trae/kit';
import { describe, expect, it } from 'vitest';
import { loadWebhooksConfig } from '../src/config.js';
import { createWebhooks } from '../src/server.js';

const production = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/never-opened',
  INTERNAL_SECRET: 'a-production-internal-secret-0123456789',
};

describe('webhooks config', () => {
  it('refuses to boot in production with owner notices on and no SMTP_URL, naming it', async () => {
    const config = loadWebhooksConfig(production);

    await expect(createWebhooks(config, createLogger('webhooks', 'silent'))).rejects.toThrow(/SMTP_URL/);
  });

  it('reads the disabling threshold and the notice switch', () => {
    const config = loadWebhooksConfig({
      ...production,
      WEBHOOK_DISABLE_AFTER_FAILURES: '5',
      WEBHOOK_NOTICE_EMAIL: 'false',
    });

    expect(config).toMatchObject({ WEBHOOK_DISABLE_AFTER_FAILURES: 5, WEBHOOK_NOTICE_EMAIL: false });
    expect(loadWebhooksConfig({}).WEBHOOK_DISABLE_AFTER_FAILURES).toBe(20);
    expect(() => loadWebhooksConfig({ WEBHOOK_DISABLE_AFTER_FAILURES: '0' })).toThrow(
      /WEBHOOK_DISABLE_AFTER_FAILURES/,
    );
  });
});
