/**
 * Nothing lost: a render killed with SIGKILL in the middle of 500 diagrams leaves no
 * truncated file under a real output name, and a failed command never deletes or
 * half-writes an output that was already there.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, filesUnder, hasStack, HOSTILE, requireCommand, run, sandbox } from './run.js';

const boxes: string[] = [];
afterAll(() => {
  for (const b of boxes) rmSync(b, { recursive: true, force: true });
});

/** Temporary names of writeFileAtomic: `.<name>.<pid>.<hex>.tmp`. */
const TEMP = /^\..+\.\d+\.[0-9a-f]+\.tmp$/;

/** A small process; `i` varies names and durations so the diagrams differ. */
function smallProcess(i: number): string {
  return [
    'crmflow: 1',
    `id: p${i}`,
    `name: Process ${i}`,
    'layer: operation',
    'owner: sales-manager',
    'steps:',
    '  - { id: start, type: start, next: draft }',
    `  - { id: draft, type: task, name: Draft ${i}, role: sales-rep, duration: ${1 + (i % 5)}h, next: approve }`,
    '  - { id: approve, type: approval, role: sales-manager, duration: 30m, on: { rejected: draft }, next: done }',
    '  - { id: done, type: end, outcome: won }',
    '',
  ].join('\n');
}

function complete(file: string): boolean {
  const text = readFileSync(file, 'utf8').trimEnd();
  if (file.endsWith('.svg')) return text.startsWith('<') && text.endsWith('</svg>');
  if (file.endsWith('.html')) return /<\/html>$/i.test(text);
  if (file.endsWith('.bpmn')) return text.endsWith('>');
  if (file.endsWith('.md') || file.endsWith('.mmd')) return text.length > 0;
  return true;
}

describe('SIGKILL in the middle of rendering 500 diagrams', () => {
  beforeAll(() => requireCommand('render'));
  it('leaves every real output name complete (temporary files may remain)', async () => {
    const b = sandbox();
    boxes.push(b.root);
    const dir = join(b.project, 'processes', 'operation');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 500; i++) writeFileSync(join(dir, `p${i}.yaml`), smallProcess(i));
    const out = join(b.project, 'docs');
    const child = spawn(process.execPath, [BIN, 'render', '-o', 'docs'], { cwd: b.project, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    let exited = false;
    child.on('exit', () => { exited = true; });
    const started = Date.now();
    // Kill once a few diagrams are written (so the kill lands mid-way), or after 45 s.
    while (!exited && Date.now() - started < 45_000) {
      const n = existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.svg')).length : 0;
      if (n >= 20) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const killedMidway = !exited;
    child.kill('SIGKILL');
    await new Promise((r) => (exited ? r(undefined) : child.on('exit', r)));
    const names = existsSync(out) ? readdirSync(out) : [];
    const real = names.filter((f) => !TEMP.test(f));
    expect(killedMidway, 'render finished before it could be killed; the test proves less').toBe(true);
    expect(real.filter((f) => f.endsWith('.svg')).length, 'killed before any diagram was written').toBeGreaterThan(0);
    expect(real.filter((f) => f.endsWith('.svg')).length, 'all 500 written before the kill').toBeLessThan(500);
    for (const f of real) expect(complete(join(out, f)), `${f} is truncated`).toBe(true);
    for (const f of names.filter((n) => !TEMP.test(n) && !/\.(svg|html|png|md|mmd|json)$/.test(n))) expect.fail(`unexpected file ${f}`);
  }, 90_000);
});

describe('a failed command leaves existing outputs as they were', () => {
  it('render with a broken process keeps the other diagrams and marks the broken one', async () => {
    requireCommand('render');
    const b = sandbox(join(HOSTILE, 'output-paths'));
    boxes.push(b.root);
    const first = await run(['render', '-o', 'out'], b.project);
    expect(first.code, first.stderr).toBe(0);
    const before = new Map(filesUnder(b.out).map((f) => [f, readFileSync(f, 'utf8')]));
    expect(before.size).toBeGreaterThan(0);
    writeFileSync(join(b.project, 'processes', 'operation', 'quote.yaml'), 'crmflow: 1\nid: quote\nsteps: [ {id: a, type: nope\n');
    const second = await run(['render', '-o', 'out'], b.project);
    expect(second.code, second.stderr).toBe(1);
    expect(second.stderr).toContain('processes/operation/quote.yaml:');
    expect(hasStack(second.stderr + second.stdout)).toBe(false);
    for (const [f, text] of before) {
      expect(existsSync(f), `${f} was deleted`).toBe(true);
      // The broken process's old diagram must not look current: a placeholder replaces it.
      if (f.endsWith('/quote.svg')) expect(readFileSync(f, 'utf8')).toContain('quote: diagram not drawn');
      else if (!f.endsWith('/index.html')) expect(readFileSync(f, 'utf8'), `${f} was changed by the run`).toBe(text);
    }
  });

  it('export of an unknown process does not touch the existing -o file', async () => {
    requireCommand('export');
    const b = sandbox(join(HOSTILE, 'output-paths'));
    boxes.push(b.root);
    const target = join(b.project, 'quote.bpmn');
    const ok = await run(['export', 'quote', '-o', 'quote.bpmn'], b.project);
    expect(ok.code, ok.stderr).toBe(0);
    const text = readFileSync(target, 'utf8');
    const bad = await run(['export', 'no-such-process', '-o', 'quote.bpmn'], b.project);
    expect(bad.code, bad.stderr).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe(text);
    const flags = await run(['export', 'quote', '--target', 'nonsense', '-o', 'quote.bpmn'], b.project);
    expect(flags.code, flags.stderr).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe(text);
  });

  it('import does not overwrite an existing file without --force', async () => {
    requireCommand('import');
    const b = sandbox(join(HOSTILE, 'output-paths'));
    boxes.push(b.root);
    const e = await run(['export', 'quote', '-o', 'quote.bpmn'], b.project);
    expect(e.code, e.stderr).toBe(0);
    mkdirSync(join(b.project, 'imported'));
    const first = await run(['import', 'quote.bpmn', '-o', 'imported'], b.project);
    expect([0, 1], first.stderr).toContain(first.code);
    const files = filesUnder(join(b.project, 'imported'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) writeFileSync(f, '# my edits\n');
    const again = await run(['import', 'quote.bpmn', '-o', 'imported'], b.project);
    expect(again.code, again.stderr).toBe(2);
    for (const f of files) expect(readFileSync(f, 'utf8')).toBe('# my edits\n');
  });

  it('simulate with a bad override does not replace an existing chart', async () => {
    requireCommand('simulate');
    const b = sandbox(join(HOSTILE, 'output-paths'));
    boxes.push(b.root);
    writeFileSync(join(b.project, 'chart.svg'), '<svg>mine</svg>');
    const r = await run(['simulate', 'quote', '--cases', '20', '--set', 'roles.nobody.headcount=x', '--chart', 'chart.svg'], b.project);
    expect(r.code, r.stderr).toBe(2);
    expect(hasStack(r.stderr + r.stdout)).toBe(false);
    expect(readFileSync(join(b.project, 'chart.svg'), 'utf8')).toBe('<svg>mine</svg>');
  });
});
