import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyIdOf } from '../src/crypto.js';
import { archiveSegment, fetchSegment } from '../src/wal-archive.js';

const sealing = (key: Buffer) => ({ key, keyId: keyIdOf(key) });

describe('the WAL archive command', () => {
  const root = mkdtempSync(join(tmpdir(), 'trae-wal-'));
  const backupDir = join(root, 'backups');
  const name = '000000010000000000000007';
  const segment = join(root, name);
  const key = randomBytes(32);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('archives once, accepts the same segment again, and never overwrites another', async () => {
    const bytes = randomBytes(4096);
    writeFileSync(segment, bytes);
    const archive = { backupDir, sealing: sealing(key) };
    await archiveSegment(archive, segment, name);
    await archiveSegment(archive, segment, name);
    writeFileSync(segment, randomBytes(4096));
    await expect(archiveSegment(archive, segment, name)).rejects.toThrow(
      `WAL ${name} is already archived with other content; not overwritten`,
    );

    const back = join(root, 'back');
    expect(await fetchSegment(archive, name, back)).toBe(true);
    expect(readFileSync(back).equals(bytes)).toBe(true);
    expect(await fetchSegment(archive, '000000010000000000000008', back)).toBe(false);
    await expect(archiveSegment(archive, segment, '../../etc/passwd')).rejects.toThrow('not a WAL file name');
  });

  it('names the key a segment needs when another or none is given', async () => {
    const other = sealing(randomBytes(32));
    await expect(fetchSegment({ backupDir, sealing: other }, name, join(root, 'x'))).rejects.toThrow(
      `WAL ${name} was encrypted with key ${keyIdOf(key)}, not with BACKUP_ENCRYPTION_KEY (key ${other.keyId})`,
    );
    await expect(fetchSegment({ backupDir }, name, join(root, 'x'))).rejects.toThrow(
      `WAL ${name} is encrypted (key ${keyIdOf(key)}); set BACKUP_ENCRYPTION_KEY`,
    );
  });
});
