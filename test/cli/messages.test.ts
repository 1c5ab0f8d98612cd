/** First-hour messages that used to mislead: each says what happened and what to do. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crmflow, noStack } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'crmflow-messages-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'processes'), { recursive: true });
  writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\n');
  writeFileSync(
    join(dir, 'processes', 'quote.yaml'),
    'crmflow: 1\nid: quote\nlayer: operation\nsteps:\n  - { id: start, type: start, next: done }\n  - { id: done, type: end }\n',
  );
  return dir;
}

describe('export -o <existing folder>', () => {
  it('writes <id>.bpmn into the folder, as cp would', () => {
    const dir = project('export-folder');
    mkdirSync(join(dir, 'bpmn'));
    const r = crmflow(['export', 'quote', '-o', 'bpmn'], { cwd: dir });
    expect(r.stderr).toContain(`wrote ${join('bpmn', 'quote.bpmn')}`);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'bpmn'))).toEqual(['quote.bpmn']);
    expect(readFileSync(join(dir, 'bpmn', 'quote.bpmn'), 'utf8')).toMatch(/^<\?xml[\s\S]*<bpmn:process id="quote"/);
  });
  it('treats a path ending in / as a folder to create', () => {
    const dir = project('export-slash');
    const r = crmflow(['export', 'quote', '-o', 'out/'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'out', 'quote.bpmn'))).toBe(true);
  });
});

describe('schema --check', () => {
  it('without the folder exits 2 and says the folder is missing, not "out of date"', () => {
    const dir = join(tmp, 'no-schemas');
    mkdirSync(dir);
    const r = crmflow(['schema', '--check'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error: no schemas folder at schemas');
    expect(r.stderr).toContain('hint: write the schemas with crmflow schema -o schemas');
    expect(r.stderr).not.toContain('out of date');
    expect(noStack(r.stderr)).toBe(true);
  });
  it('with an empty folder names each missing file, exit 1', () => {
    const dir = join(tmp, 'empty-schemas');
    mkdirSync(join(dir, 'schemas'), { recursive: true });
    const r = crmflow(['schema', '--check'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${join('schemas', 'process.schema.json')} is missing`);
    expect(r.stdout).not.toContain('out of date');
  });
});
