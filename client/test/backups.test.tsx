import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFragmentData } from '../src/gql';
import type { BackupTable_BackupFragment } from '../src/gql/graphql';
import { BackupTable, BackupTable_backup } from '../src/pages/system/BackupTable';

afterEach(cleanup);

const fields = (over: Partial<BackupTable_BackupFragment>): BackupTable_BackupFragment => ({
  __typename: 'Backup',
  id: '20261201T020000Z-3f9a',
  kind: 'FULL',
  status: 'COMPLETE',
  size: 48_211_000,
  startedAt: '2026-12-01T02:00:00.000Z',
  duration: 4_200,
  encrypted: false,
  verified: null,
  verifiedAt: null,
  problems: [],
  ...over,
});
const backup = (over: Partial<BackupTable_BackupFragment>) =>
  makeFragmentData(fields(over), BackupTable_backup);

describe('BackupTable', () => {
  const rows = [
    backup({ id: '20261203T020000Z-aaaa', verified: true, verifiedAt: '2026-12-03T02:01:00.000Z' }),
    backup({
      id: '20261202T020000Z-bbbb',
      verified: false,
      verifiedAt: '2026-12-02T02:01:00.000Z',
      problems: ['artifact database.dump: expected sha256 5b1c…, got 9e07…'],
    }),
    backup({ id: '20261201T020000Z-cccc', encrypted: true }),
    backup({ id: '20261204T020000Z-dddd', status: 'INCOMPLETE', duration: null, size: 0 }),
  ];
  const row = (id: string) => screen.getByText(id, { selector: 'code' }).closest('tr') as HTMLElement;

  it('shows each backup with its verification, and the problems of a refused one', () => {
    render(<BackupTable backups={rows} onVerify={() => undefined} />);

    expect(within(row('20261203T020000Z-aaaa')).getByText('passed')).toBeTruthy();
    const refused = row('20261202T020000Z-bbbb');
    expect(within(refused).getByText('refused')).toBeTruthy();
    expect(refused.textContent).toContain('artifact database.dump: expected sha256');
    expect(row('20261201T020000Z-cccc').textContent).toContain('never verified');
    expect(row('20261201T020000Z-cccc').textContent).toContain('(encrypted)');
    expect(row('20261203T020000Z-aaaa').textContent).toContain('46 MiB');
  });

  it('offers Verify on complete backups only, and says which one was asked for', () => {
    const asked: string[] = [];
    render(<BackupTable backups={rows} onVerify={(id) => asked.push(id)} />);

    expect(within(row('20261204T020000Z-dddd')).queryByRole('button')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Verify 20261202T020000Z-bbbb' }));
    expect(asked).toEqual(['20261202T020000Z-bbbb']);
  });

  it('disables Verify while a backup task of the page runs', () => {
    render(<BackupTable backups={rows} />);
    const button = screen.getByRole('button', { name: 'Verify 20261203T020000Z-aaaa' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
  });
});
