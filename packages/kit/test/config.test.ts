import { describe, expect, it } from 'vitest';
import {
  baseEnv,
  ConfigError,
  DEV_MAIL_FROM,
  loadConfig,
  logEnv,
  MIN_SECRET_BYTES,
  secret,
  z,
} from '../src/config.js';
import { logDestination, logShippingEnabled } from '../src/log-shipping.js';

describe('loadConfig', () => {
  const shape = baseEnv.extend({ PORT: z.coerce.number().int().default(4001) });

  it('applies defaults and freezes the result', () => {
    const config = loadConfig(shape, {});
    expect(config.PORT).toBe(4001);
    expect(config.REDIS_PREFIX).toBe('trae:');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('fails naming every bad variable', () => {
    expect(() => loadConfig(shape, { PORT: 'eighty', DATABASE_URL: 'not a url' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
  });
});

describe('secrets in production', () => {
  const shape = baseEnv.extend({ SIGNING_KEY: secret('dev-signing-key-from-the-source') });
  const strong = (tag: string) => `${tag}-${'x'.repeat(40)}`;
  const production = {
    NODE_ENV: 'production',
    INTERNAL_SECRET: strong('internal'),
    SIGNING_KEY: strong('key'),
  };

  it('keeps the development defaults outside production', () => {
    const config = loadConfig(shape, {});
    expect(config.SIGNING_KEY).toBe('dev-signing-key-from-the-source');
  });

  it('accepts long secrets of its own in production', () => {
    expect(loadConfig(shape, production).SIGNING_KEY).toBe(production.SIGNING_KEY);
  });

  it('refuses a missing secret naming the variable', () => {
    expect(() => loadConfig(shape, { ...production, INTERNAL_SECRET: undefined })).toThrow(
      /INTERNAL_SECRET: required in production/,
    );
  });

  it('refuses the development default from the source', () => {
    expect(() =>
      loadConfig(shape, { ...production, SIGNING_KEY: 'dev-signing-key-from-the-source' }),
    ).toThrow(/SIGNING_KEY: is the development default/);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => loadConfig(shape, { ...production, INTERNAL_SECRET: 'a'.repeat(31) })).toThrow(
      new RegExp(`INTERNAL_SECRET: must be at least ${MIN_SECRET_BYTES} bytes`),
    );
  });

  it('names every bad secret at once, without a stack trace', () => {
    const error = (() => {
      try {
        loadConfig(shape, { NODE_ENV: 'production' });
      } catch (err) {
        return err as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toMatch(/INTERNAL_SECRET[\s\S]*SIGNING_KEY/);
    expect(error?.stack).not.toMatch(/\n\s+at /);
  });
});

describe('logging variables', () => {
  it('refuses a bad LOG_* number at boot, naming the variable, where it once fell back to the default', () => {
    expect(() => loadConfig(baseEnv, { LOG_STREAM_MAXLEN: 'lots' })).toThrow(/LOG_STREAM_MAXLEN/);
    expect(() => loadConfig(baseEnv, { LOG_SHIPPING_BUFFER: '-5' })).toThrow(/LOG_SHIPPING_BUFFER/);
    // The kit's loggers read them too (one shipper per process), as strictly, even with shipping off.
    const env = { LOG_SHIPPING: 'off', LOG_STREAM_MAXLEN: '1.5' };
    expect(() => logDestination('svc', env)).toThrow(ConfigError);
    expect(() => logDestination('svc', env)).toThrow(/LOG_STREAM_MAXLEN/);
    expect(() => loadConfig(logEnv, { LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('takes LOG_SHIPPING as a yes or a no in any case, and refuses anything else', () => {
    expect(loadConfig(baseEnv, {}).LOG_SHIPPING).toBeUndefined();
    expect(loadConfig(baseEnv, { LOG_SHIPPING: '' }).LOG_SHIPPING).toBeUndefined();
    expect(loadConfig(baseEnv, { LOG_SHIPPING: 'ON' }).LOG_SHIPPING).toBe(true);
    expect(loadConfig(baseEnv, { LOG_SHIPPING: 'No' }).LOG_SHIPPING).toBe(false);
    expect(() => logShippingEnabled({ LOG_SHIPPING: 'maybe' })).toThrow(/LOG_SHIPPING: expected true\/false/);
  });
});

describe('mail config', () => {
  it('treats an empty SMTP_URL as unset and checks MAIL_FROM is an address', () => {
    expect(loadConfig(baseEnv, { SMTP_URL: '' }).SMTP_URL).toBeUndefined();
    expect(loadConfig(baseEnv, {}).MAIL_FROM).toBe(DEV_MAIL_FROM);
    expect(loadConfig(baseEnv, { MAIL_FROM: 'ops@example.com' }).MAIL_FROM).toBe('ops@example.com');
    expect(() => loadConfig(baseEnv, { MAIL_FROM: 'TRAE.AI' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig(baseEnv, { SMTP_URL: 'smtp://' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig(baseEnv, { SMTP_TIMEOUT_MS: '0' })).toThrow(/SMTP_TIMEOUT_MS/);
  });
});
