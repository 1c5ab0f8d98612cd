/**
 * The attack corpus (test/fixtures/hostile/) against every command, through the real CLI.
 * Each run must use at most 10 s of CPU time (and end within two minutes), exit 0, 1 or 2,
 * print no stack trace, write nothing outside its output folder and leave no live markup in
 * what it writes or prints.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepNesting, hugeProcess } from '../fixtures/hostile/generated.js';
import { changed, commitTwice, filesUnder, GIT_ENV, hasStack, HOSTILE, kindOf, LAYOUT_CACHE, listedCommands, liveMarkup, requireCommand, run, sandbox, snapshot, type Run } from './run.js';

const LIMIT_MS = 10_000;

interface Attack {
  name: string;
  /** Fixture folder to copy, or a generator writing into a copy of base/. */
  from?: string;
  generate?: (dir: string) => void;
  /** The process `simulate` and `export` are run on. */
  process: string;
  /** Outputs worth checking for this attack only (pure Mermaid from export, JSON). */
  markup?: boolean;
}

const ATTACKS: Attack[] = [
  { name: 'alias-bomb', from: 'alias-bomb', process: 'bomb' },
  { name: 'config-alias-bomb', from: 'config-alias-bomb', process: 'quote' },
  { name: 'deep-nesting', generate: deepNesting, process: 'deep' },
  { name: 'huge-process', generate: hugeProcess, process: 'huge' },
  { name: 'cyclic-refs', from: 'cyclic-refs', process: 'ping' },
  { name: 'huge-cel', from: 'huge-cel', process: 'huge-cel' },
  { name: 'proto-keys', from: 'proto-keys', process: 'constructor' },
  { name: 'markup-names', from: 'markup-names', process: 'markup', markup: true },
];

interface Invocation {
  command: string;
  args: string[];
  /** Whether stdout is Markdown/Mermaid that must be inert too. */
  stdoutKind?: 'md' | 'mermaid' | 'xml';
  /** What it writes (project-relative), checked for live markup. */
  output?: string;
}

/**
 * Bugs found by this suite in other areas and not fixed yet, by `<attack>: <args>`: the case
 * fails every time and is marked it.fails until the owning area fixes it. (The limits are
 * CPU time, so a loaded machine does not turn a slow case into a flaky one.)
 */
const KNOWN_BUGS: Record<string, { bug: string }> = {};

/** Every command, pointed at `out/<name>` for what it writes. */
function invocations(process: string, markup = false): Invocation[] {
  const extra: Invocation[] = markup
    ? [
        { command: 'export', args: ['export', process, '--format', 'mermaid'], stdoutKind: 'mermaid' },
        { command: 'export', args: ['export', process, '--target', 'camunda8', '-o', 'out/camunda/process.bpmn'], output: 'out/camunda' },
        { command: 'diff', args: ['diff', 'HEAD~1', 'HEAD'] },
        { command: 'simulate', args: ['simulate', process, '--cases', '50', '--chart', 'out/chart/chart.svg'], output: 'out/chart' },
      ]
    : [];
  return [
    ...extra,
    { command: 'validate', args: ['validate'] },
    { command: 'lint', args: ['lint'] },
    { command: 'render', args: ['render', '-o', 'out/render'], output: 'out/render' },
    { command: 'render', args: ['render', '--format', 'mermaid', '-o', 'out/mermaid'], output: 'out/mermaid' },
    { command: 'simulate', args: ['simulate', process, '--cases', '50', '--format', 'markdown'], stdoutKind: 'md' },
    { command: 'export', args: ['export', process, '-o', 'out/export/process.bpmn'], output: 'out/export' },
    { command: 'diff', args: ['diff', 'HEAD~1', 'HEAD', '--format', 'markdown', '--svg', 'out/diff-svg'], stdoutKind: 'md', output: 'out/diff-svg' },
    { command: 'review', args: ['review', '--since', '2000-01-01', '-o', 'out/review.md'], stdoutKind: 'md', output: 'out/review.md' },
  ];
}

function describeRun(r: Run): string {
  return `exit ${r.code}${r.signal ? ` (${r.signal})` : ''} after ${r.ms} ms wall, ${r.cpuMs ?? '?'} ms CPU${r.timedOut ? ' — TIMED OUT' : ''}\nstderr: ${r.stderr.slice(0, 600)}\nstdout: ${r.stdout.slice(0, 300)}`;
}

for (const attack of ATTACKS) {
  describe(`hostile: ${attack.name}`, () => {
    let box: ReturnType<typeof sandbox>;
    const results = new Map<string, Run>();
    let before: Map<string, string>;
    let after: Map<string, string>;
    const list = invocations(attack.process, attack.markup);

    beforeAll(async () => {
      box = attack.from ? sandbox(join(HOSTILE, attack.from)) : sandbox();
      attack.generate?.(box.project);
      if (list.some((i) => i.command === 'diff' || i.command === 'review')) commitTwice(box.project);
      before = snapshot(box.root, ['project/out', 'project/.git', ...LAYOUT_CACHE]);
      // Two at a time: the machine has two cores, and each run has its own 10 s limit.
      const queue = [...list];
      const worker = async () => {
        for (let inv = queue.shift(); inv; inv = queue.shift()) results.set(inv.args.join(' '), await run(inv.args, box.project, LIMIT_MS, GIT_ENV));
      };
      await Promise.all([worker(), worker()]);
      after = snapshot(box.root, ['project/out', 'project/.git', ...LAYOUT_CACHE]);
      const slow = [...results].filter(([, r]) => (r.cpuMs ?? Infinity) > 4000).map(([a, r]) => `${a}: ${r.cpuMs ?? '?'} ms CPU`);
      if (slow.length) process.stderr.write(`hostile ${attack.name}: slow runs: ${slow.join('; ')}\n`);
    }, 600_000);

    afterAll(() => {
      if (box) rmSync(box.root, { recursive: true, force: true });
    });

    for (const inv of list) {
      const label = `crmflow ${inv.args.join(' ')}`;
      const known = KNOWN_BUGS[`${attack.name}: ${inv.args.join(' ')}`];
      const test = known ? it.fails : it;
      test(`${label} ends in time, exit 0/1/2, no stack trace, inert output${known ? ` — KNOWN BUG: ${known.bug}` : ''}`, () => {
        requireCommand(inv.command);
        const r = results.get(inv.args.join(' '))!;
        expect(r.timedOut, describeRun(r)).toBe(false);
        expect([0, 1, 2], describeRun(r)).toContain(r.code);
        expect(hasStack(r.stderr) || hasStack(r.stdout), describeRun(r)).toBe(false);
        if (r.code !== 0) expect(r.stderr.trim().length + r.stdout.trim().length, 'a failing command says why').toBeGreaterThan(0);
        if (inv.stdoutKind) expect(liveMarkup(r.stdout, inv.stdoutKind), 'live markup on stdout').toEqual([]);
        const written = inv.output ? join(box.project, inv.output) : undefined;
        const files = written && existsSync(written) ? (statSync(written).isDirectory() ? filesUnder(written) : [written]) : [];
        for (const file of files) {
          const kind = kindOf(file);
          if (kind !== 'text') expect(liveMarkup(readFileSync(file, 'utf8'), kind), file).toEqual([]);
        }
      });
    }

    it('nothing outside the output folder is written', () => {
      expect(changed(before, after)).toEqual([]);
      expect(readFileSync(join(box.root, 'outside', 'canary.txt'), 'utf8')).toMatch(/^This file must never change/);
      // Every output lies under out/ (checked per command above); nothing else appeared in the project.
      for (const r of results.values()) expect(r.stdout).not.toMatch(/root:x:0:0/);
    });
  });
}

describe('hostile: no command leaves the sandbox', () => {
  it('runs against a build that has every command it attacks', () => {
    const attacked = new Set(ATTACKS.flatMap((a) => invocations(a.process, a.markup).map((i) => i.command)));
    expect([...attacked].filter((c) => !listedCommands().has(c))).toEqual([]);
  });
  it('the attack corpus has a README line for every attack', () => {
    const readme = readFileSync(join(HOSTILE, 'README.md'), 'utf8');
    for (const a of ATTACKS) expect(readme).toContain(a.from ? `\`${a.from}/\`` : `\`${a.name}\``);
    expect(existsSync(join(HOSTILE, 'base', 'outside', 'canary.txt'))).toBe(true);
  });
});
