import { describe, expect, it } from 'vitest';
import { assertUuid, isUuid } from '../src/ids.js';

describe('ids', () => {
  it('knows a UUID in either case from anything else', () => {
    expect(isUuid('0b6c1c3e-5d7a-4f0e-9a51-3c2d1e0f9a8b')).toBe(true);
    expect(isUuid('0B6C1C3E-5D7A-4F0E-9A51-3C2D1E0F9A8B')).toBe(true);
    for (const value of [
      '',
      'abc',
      '0b6c1c3e5d7a4f0e9a513c2d1e0f9a8b',
      ' 0b6c1c3e-5d7a-4f0e-9a51-3c2d1e0f9a8b',
      7,
      null,
    ]) {
      expect(isUuid(value)).toBe(false);
    }
  });

  it('refuses a malformed id argument as BAD_USER_INPUT naming the field', () => {
    expect(() => assertUuid('channelId', 'nope')).toThrow(
      expect.objectContaining({
        message: 'channelId is not a valid id',
        extensions: { code: 'BAD_USER_INPUT', field: 'channelId' },
      }),
    );
    expect(() => assertUuid('channelId', '0b6c1c3e-5d7a-4f0e-9a51-3c2d1e0f9a8b')).not.toThrow();
  });
});
