import { describe, expect, it } from 'vitest';
import { baseEnv, ConfigError, loadConfig, MIN_SECRET_BYTES, secret, z } from '../src/config.js';

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
