/** Output folders: created with their parents, and refused quickly where they cannot be. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDir, writeFileAtomic } from '../../src/model/write.js';
import { ROOT, crmflow, noStack } from '../cli/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'crmflow-write-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('writing outputs', () => {
  it('creates missing parent folders and writes the whole file', () => {
    const target = join(tmp, 'a', 'b', 'c', 'x.svg');
    writeFileAtomic(target, '<svg/>');
    expect(readFileSync(target, 'utf8')).toBe('<svg/>');
  });
  it('refuses a folder behind a file', () => {
    writeFileSync(join(tmp, 'file'), 'x');
    expect(() => ensureDir(join(tmp, 'file', 'sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });
  it.skipIf(!existsSync('/proc/self'))('ends at once where the folder cannot exist (under /proc)', () => {
    expect(() => ensureDir('/proc/crmflow-cannot-exist/x')).toThrow();
    const r = crmflow(['render', '-o', '/proc/crmflow-cannot-exist'], { cwd: ROOT, timeout: 20_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write diagrams to /proc/crmflow-cannot-exist');
    expect(noStack(r.stderr)).toBe(true);
  });
});
