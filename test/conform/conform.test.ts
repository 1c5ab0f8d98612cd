/**
 * Conformance on crmflow's own constructs — an exception path (`on`), a parallel block, a
 * subprocess whose steps the log records — with alignment costs and deviations worked out by
 * hand, and the `crmflow conform` command around it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conform } from '../../src/conform/index.js';
import type { EventLog } from '../../src/log/types.js';
import { crmflow } from '../cli/helpers.js';
import { projectOf } from './helpers.js';

const QUOTE = `crmflow: 1
id: quote
layer: operation
steps:
  - { id: received, type: start, next: qualify }
  - { id: qualify, type: task, name: Qualify lead, on: { rejected: lost }, next: split }
  - { id: split, type: parallel, branches: [credit-check, prepare-quote], join: joined }
  - { id: credit-check, type: subprocess, process: credit, next: joined }
  - { id: prepare-quote, type: task, next: joined }
  - { id: joined, type: join, next: send-quote }
  - { id: send-quote, type: task, next: won }
  - { id: won, type: end, outcome: won }
  - { id: lost, type: end, outcome: lost }
`;
const CREDIT = `crmflow: 1
id: credit
layer: operation
steps:
  - { id: asked, type: start, next: pull-report }
  - { id: pull-report, type: task, activity: Pull credit report, next: score }
  - { id: score, type: task, next: done }
  - { id: done, type: end }
`;

/** The cases, each with its alignment cost worked out by hand. */
const CASES: Array<{ events: string[]; cost: number }> = [
  { events: ['Qualify lead', 'Pull credit report', 'prepare quote', 'Score', 'Send quote'], cost: 0 }, // branches interleaved
  { events: ['Qualify lead'], cost: 0 }, // rejected: the `on` path to lost
  { events: ['Qualify lead', 'Pull credit report', 'Score', 'Send quote'], cost: 1 }, // prepare-quote skipped
  { events: ['Qualify lead', 'Call customer', 'Pull credit report', 'Score', 'prepare-quote', 'Send quote'], cost: 1 }, // no step is "Call customer"
  { events: ['Qualify lead', 'Pull credit report', 'Score', 'Send quote', 'prepare quote'], cost: 2 }, // sent before the quote was prepared
  { events: ['Qualify lead', 'Qualify lead'], cost: 1 }, // qualified twice
];

function logOf(cases: typeof CASES): EventLog {
  const t0 = Date.UTC(2026, 0, 5, 9);
  const list = cases.map((c, i) => ({ id: `c${i + 1}`, events: c.events.map((activity, j) => ({ case: `c${i + 1}`, activity, end: t0 + j * 3_600_000 })) }));
  const events = list.reduce((n, c) => n + c.events.length, 0);
  return { name: 'quote.csv', cases: list, stats: { rows: events, cases: list.length, events, timestamps: 'single', columns: {} } };
}

describe('conform on a process with an exception path, a parallel block and a subprocess', () => {
  it('has the alignment fitness, fitting cases and deviations worked out by hand', async () => {
    const project = await projectOf({ quote: QUOTE, credit: CREDIT });
    expect(project.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const r = conform(project, 'quote', logOf(CASES));
    // worst = case length + the shortest way through the model (Qualify lead, then lost: 1 step).
    const cost = CASES.reduce((n, c) => n + c.cost, 0);
    const worst = CASES.reduce((n, c) => n + c.events.length + 1, 0);
    expect(r.fitness.alignment).toBeCloseTo(1 - cost / worst, 12);
    expect(r.fittingCases).toBe(2);
    expect(r.fitness.tokenReplay).toBeLessThan(1);
    expect(r.unmapped).toEqual([{ activity: 'Call customer', count: 1 }]);
    expect(r.timestamps).toBe('single');

    const of = (id: string) => r.deviations.filter((d) => d.case === id).map(({ kind, step, activity, at }) => ({ kind, step, activity, at }));
    expect(of('c1')).toEqual([]);
    expect(of('c2')).toEqual([]);
    expect(of('c3')).toEqual([{ kind: 'skipped', step: 'prepare-quote', activity: undefined, at: expect.any(Number) }]);
    expect(of('c4')).toEqual([{ kind: 'inserted', step: undefined, activity: 'Call customer', at: 1 }]);
    const swapped = of('c5');
    expect(swapped).toHaveLength(1);
    expect(swapped[0]).toMatchObject({ kind: 'wrong-order' });
    expect(['send-quote', 'prepare-quote']).toContain(swapped[0]!.step);
    expect(of('c6')).toEqual([{ kind: 'inserted', step: 'qualify', activity: 'Qualify lead', at: 1 }]);

    const step = (key: string) => r.steps.find((s) => s.step === key)!;
    expect(step('qualify')).toMatchObject({ observed: 6, inserted: 1, reworked: 1 });
    expect(step('prepare-quote')).toMatchObject({ skipped: 1 });
    // The subprocess's steps are replayed inside the call, matched by `activity:` and by id.
    expect(step('credit-check/pull-report')).toMatchObject({ observed: 4, process: 'credit' });
    expect(step('credit-check/score')).toMatchObject({ observed: 4 });
  });
});

describe('conform on a log that records a subprocess step itself', () => {
  it('replays the call as one step when the log has none of the called steps', async () => {
    const project = await projectOf({ quote: QUOTE, credit: CREDIT });
    const r = conform(project, 'quote', logOf([{ events: ['Qualify lead', 'credit check', 'prepare quote', 'Send quote'], cost: 0 }, { events: ['Qualify lead', 'prepare quote', 'Send quote'], cost: 1 }]));
    expect(r.fittingCases).toBe(1);
    expect(r.deviations).toEqual([{ case: 'c2', kind: 'skipped', step: 'credit-check', at: expect.any(Number) }]);
    expect(r.steps.map((s) => s.step)).not.toContain('credit-check/score');
  });
});

describe('conform with an end step inside a parallel branch', () => {
  it('ends the case there: the other branch is withdrawn, not skipped', async () => {
    const project = await projectOf({
      offer: `crmflow: 1
id: offer
layer: operation
steps:
  - { id: asked, type: start, next: fork }
  - { id: fork, type: parallel, branches: [legal-review, pricing], join: both-done }
  - { id: legal-review, type: task, on: { cancelled: withdrawn }, next: both-done }
  - { id: pricing, type: task, next: both-done }
  - { id: both-done, type: join, next: sent }
  - { id: sent, type: end }
  - { id: withdrawn, type: end }
`,
    });
    const r = conform(project, 'offer', logOf([{ events: ['legal review'], cost: 0 }, { events: ['pricing', 'legal review'], cost: 0 }, { events: ['pricing'], cost: 1 }]));
    expect(r.fittingCases).toBe(2);
    expect(r.unaligned).toEqual([]);
    expect(r.deviations).toEqual([{ case: 'c3', kind: 'skipped', step: 'legal-review', at: 1 }]);
    // worst = length + 1 (the shortest way: legal review, then withdrawn)
    expect(r.fitness.alignment).toBeCloseTo(1 - 1 / (2 + 3 + 2), 12);
  });
});

describe('crmflow conform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmflow-conform-cli-'));
  mkdirSync(join(dir, 'processes'));
  writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\n');
  writeFileSync(join(dir, 'processes', 'quote.yaml'), QUOTE);
  writeFileSync(join(dir, 'processes', 'credit.yaml'), CREDIT);
  const rows = CASES.flatMap((c, i) => c.events.map((a, j) => `Q-${i + 1},${a},2026-01-05T${String(9 + j).padStart(2, '0')}:00:00Z`));
  writeFileSync(join(dir, 'events.csv'), `Opportunity,Stage,When\n${rows.join('\n')}\n`);
  const map = ['--map', 'case=Opportunity,activity=Stage,end=When'];

  it('prints the stable JSON shape and gates on --min-fitness', () => {
    const r = crmflow(['conform', 'quote', '--log', 'events.csv', ...map, '--format', 'json', '--min-fitness', '0.5'], { cwd: dir });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['process', 'cases', 'events', 'fitness', 'fittingCases', 'steps', 'deviations', 'unmapped', 'timestamps']));
    expect(json).toMatchObject({ process: 'quote', cases: 6, events: 23, fittingCases: 2, unmapped: [{ activity: 'Call customer', count: 1 }] });
    expect(Object.keys(json.fitness)).toEqual(['tokenReplay', 'alignment']);
    expect(crmflow(['conform', 'quote', '--log', 'events.csv', ...map, '--min-fitness', '0.95'], { cwd: dir }).code).toBe(1);
  });

  it('writes text and Markdown reports that say which timestamps the log had', () => {
    const text = crmflow(['conform', 'quote', '--log', 'events.csv', ...map], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('one timestamp per event');
    expect(text.stdout).toMatch(/skipped "prepare-quote"/);
    expect(text.stdout).toContain('"Call customer"');
    const markdown = crmflow(['conform', 'quote', '--log', 'events.csv', ...map, '--format', 'markdown'], { cwd: dir });
    expect(markdown.stdout).toContain('| step | observed | skipped | inserted | wrong order | reworked |');
  });

  it('exits 2 with a hint for bad input', () => {
    for (const args of [['conform', 'quote'], ['conform', 'quote', '--log', 'events.csv', '--min-fitness', '2'], ['conform', 'nope', '--log', 'events.csv', ...map], ['conform', 'quote', '--log', 'missing.csv']]) {
      const r = crmflow(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
