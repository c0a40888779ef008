import { describe, expect, it } from 'vitest';
import { baseEnv, loadConfig, z } from '../src/config.js';

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
