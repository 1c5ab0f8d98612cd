/**
 * `render` with a broken process file: exit 1 naming the file, the others drawn, and the
 * broken process's old diagram replaced by a placeholder that says so, never left stale.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crmflow, noStack } from '../cli/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'crmflow-render-broken-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PARENT = `crmflow: 1
id: sales
layer: core
steps:
  - { id: start, type: start, next: approve }
  - { id: approve, type: subprocess, process: discount, next: done }
  - { id: done, type: end }
`;
const CHILD = `crmflow: 1
id: discount
name: Discount approval
layer: operation
refines: sales/approve
steps:
  - id: start
    type: start
    next: done
  - id: done
    type: end
`;

function setup(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'processes'), { recursive: true });
  writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\n');
  writeFileSync(join(dir, 'processes', 'sales.yaml'), PARENT);
  writeFileSync(join(dir, 'processes', 'discount.yaml'), CHILD);
  return dir;
}

describe('render with a broken file', () => {
  it('exits 1, names the file, replaces the stale diagram and lists it in the index', () => {
    const dir = setup('svg');
    const first = crmflow(['render', '-o', 'out'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'discount.svg'), 'utf8')).toContain('Discount approval');

    writeFileSync(join(dir, 'processes', 'discount.yaml'), CHILD.replace('    next: done\n  - id: done', '    next: { done\n  - id: done'));
    const r = crmflow(['render', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: processes\/discount\.yaml:\d+:\d+: not drawn: .*yaml/m);
    expect(noStack(r.stderr)).toBe(true);
    expect(r.stdout).toContain(`wrote ${join('out', 'discount.svg')} (placeholder: not drawn)`);

    const placeholder = readFileSync(join(dir, 'out', 'discount.svg'), 'utf8');
    expect(placeholder).not.toContain('Discount approval');
    expect(placeholder).toContain('discount: diagram not drawn');
    expect(placeholder).toContain('processes/discount.yaml:');
    // The caller is still drawn and still links to it: the link leads to the placeholder.
    expect(readFileSync(join(dir, 'out', 'sales.svg'), 'utf8')).toContain('href="discount.svg"');
    const index = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
    expect(index).toMatch(/Not drawn: files with errors[\s\S]*<a href="discount\.svg">discount<\/a> <small>processes\/discount\.yaml:/);
  });

  it('says the same in --json and for a file named on the command line', () => {
    const dir = setup('json');
    writeFileSync(join(dir, 'processes', 'discount.yaml'), CHILD.replace('layer: operation', 'layer: operations'));
    const r = crmflow(['render', 'processes/discount.yaml', '-o', 'out', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { broken: unknown[]; files: { process: string | null; path: string }[] };
    expect(report.broken).toEqual([
      { file: 'processes/discount.yaml', id: 'discount', line: 4, column: 8, message: 'layer "operations" is not one of strategy, core, operation; did you mean "operation"?' },
    ]);
    expect(report.files.map((f) => f.process)).toEqual(['discount', null]);
  });

  it('writes a Mermaid placeholder and index entry too', () => {
    const dir = setup('mermaid');
    writeFileSync(join(dir, 'processes', 'discount.yaml'), 'crmflow: 1\nid: discount\nsteps: [ {id: a\n');
    const r = crmflow(['render', '--format', 'mermaid', '-o', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'out', 'discount.md'), 'utf8')).toMatch(/^## discount: not drawn\n\nprocesses\/discount\.yaml:\d+:\d+ has errors/);
    expect(readFileSync(join(dir, 'out', 'index.md'), 'utf8')).toContain('## Not drawn: files with errors');
  });
});
