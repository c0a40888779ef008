import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, startIdentity } from './setup.js';

describe('identity: first admin', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await h?.stop();
  });

  it('generates an admin once, prints its password on stdout (not through the logger), and it works', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    h = await startIdentity({ ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
    vi.restoreAllMocks();
    const printed = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'first admin created');
    expect(printed).toMatchObject({ username: 'admin', email: 'admin@localhost' });
    expect(printed.password.length).toBeGreaterThanOrEqual(20);

    const login = await h.gql<{ login: { user: { role: string } } }>(
      'mutation ($i: LoginInput!) { login(input: $i) { user { role } } }',
      { i: { login: 'admin', password: printed.password } },
    );
    expect(login.data?.login.user.role).toBe('ADMIN');
  });
});
