/**
 * A command started outside any project must not pass by checking nothing: a CI job in the
 * wrong folder has to go red (exit 2), while a folder of process files without crmflow.yaml
 * still works with the defaults (DESIGN §1).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crmflow, noStack } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'crmflow-noproject-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PROCESS = `crmflow: 1
id: quote
layer: operation
steps:
  - { id: start, type: start, next: done }
  - { id: done, type: end }
`;

describe('no project here', () => {
  const empty = join(tmp, 'empty', 'deeper');
  mkdirSync(empty, { recursive: true });

  for (const args of [['validate'], ['lint'], ['lint', '--format', 'json'], ['render', '-o', join(tmp, 'out')], ['simulate', 'quote'], ['export', 'quote']]) {
    it(`${args.join(' ')} exits 2 and says where it looked`, () => {
      const r = crmflow(args, { cwd: empty });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`no crmflow project here (looked for crmflow.yaml from ${empty} up to /`);
      expect(r.stderr).toContain('hint: run crmflow init');
      expect(noStack(r.stderr)).toBe(true);
    });
  }

  it('-C pointing at an empty folder exits 2 as well', () => {
    const r = crmflow(['validate', '-C', empty], { cwd: tmp });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no crmflow project here');
  });

  it('a named folder without process files exits 2', () => {
    const dir = join(tmp, 'with-config');
    mkdirSync(join(dir, 'processes', 'empty'), { recursive: true });
    writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\n');
    writeFileSync(join(dir, 'processes', 'quote.yaml'), PROCESS);
    const r = crmflow(['validate', 'processes/empty'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('processes/empty: no process files');
  });

  it('process files without crmflow.yaml still validate with the defaults', () => {
    const dir = join(tmp, 'bare');
    mkdirSync(join(dir, 'processes'), { recursive: true });
    writeFileSync(join(dir, 'processes', 'quote.yaml'), PROCESS);
    const r = crmflow(['validate'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('1 process file');
    expect(r.code).toBe(0);
  });
});
