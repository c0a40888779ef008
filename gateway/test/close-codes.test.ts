import { isDocumentedCloseCode } from '@trae/kit';
import { describe, expect, it } from 'vitest';
import { GatewayClose } from '../src/subscriptions/ws-server.js';

describe('gateway close codes', () => {
  it('are all in the kit registry docs/errors.md is generated from', () => {
    const missing = Object.entries(GatewayClose).filter(([, code]) => !isDocumentedCloseCode(code));
    expect(missing).toEqual([]);
  });
});
