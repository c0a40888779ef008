import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRecoveryCli } from '../src/commands.js';
import { assertSafeBackupConfig, backupSafetyIssues, loadRecoveryConfig } from '../src/index.js';
import { REPO_ROOT } from './support/fixture.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
// A folder outside the repository and every temporary folder, as production would use.
const safeRoot = mkdtempSync(join(homedir(), '.trae-safety-'));
afterAll(() => rmSync(safeRoot, { recursive: true, force: true }));

const production = (env: NodeJS.ProcessEnv) =>
  loadRecoveryConfig(REPO_ROOT, {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://u@127.0.0.1:5432/x',
    FILES_DIR: join(safeRoot, 'files'),
    ...env,
  });

describe('the backup configuration production refuses', () => {
  it('accepts a backup folder of its own outside the repository and temporary folders', () => {
    const config = production({ BACKUP_DIR: join(safeRoot, 'backups') });
    expect(backupSafetyIssues(config, REPO_ROOT)).toEqual([]);
    expect(() => assertSafeBackupConfig(config, REPO_ROOT)).not.toThrow();
  });

  it('refuses the default BACKUP_DIR (inside the repository), naming the variable', () => {
    const config = production({});
    expect(() => assertSafeBackupConfig(config, REPO_ROOT)).toThrow(
      /BACKUP_DIR: .*\.data\/backups is inside the repository/,
    );
  });

  it('refuses a temporary folder and an overlap with FILES_DIR', () => {
    expect(backupSafetyIssues(production({ BACKUP_DIR: join(tmpdir(), 'b') }), REPO_ROOT)).toEqual([
      expect.stringMatching(/^BACKUP_DIR: .* is in the temporary folder/),
    ]);
    const inside = production({ BACKUP_DIR: join(safeRoot, 'files', 'backups') });
    expect(backupSafetyIssues(inside, REPO_ROOT)).toEqual([expect.stringMatching(/overlaps FILES_DIR/)]);
  });

  it('requires the key when BACKUP_ENCRYPTION_REQUIRED, in production and elsewhere', () => {
    const dir = join(safeRoot, 'backups');
    const missing = /BACKUP_ENCRYPTION_KEY: required, since BACKUP_ENCRYPTION_REQUIRED is true/;
    const prod = production({ BACKUP_DIR: dir, BACKUP_ENCRYPTION_REQUIRED: 'true' });
    expect(() => assertSafeBackupConfig(prod, REPO_ROOT)).toThrow(missing);
    const dev = loadRecoveryConfig(REPO_ROOT, { BACKUP_DIR: dir, BACKUP_ENCRYPTION_REQUIRED: 'true' });
    expect(() => assertSafeBackupConfig(dev, REPO_ROOT)).toThrow(missing);
    const keyed = production({
      BACKUP_DIR: dir,
      BACKUP_ENCRYPTION_REQUIRED: 'true',
      BACKUP_ENCRYPTION_KEY: KEY,
    });
    expect(backupSafetyIssues(keyed, REPO_ROOT)).toEqual([]);
  });

  it('the CLI stops before any work, with the CONFIG code', async () => {
    const err: string[] = [];
    const code = await runRecoveryCli(
      ['backup'],
      { out: () => {}, err: (l) => err.push(l) },
      { NODE_ENV: 'production', DATABASE_URL: 'postgres://u@127.0.0.1:1/none', BACKUP_DIR: '/tmp/backups' },
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/BACKUP_DIR: \/tmp\/backups is in the temporary folder .*\(CONFIG\)/s);
  });
});
