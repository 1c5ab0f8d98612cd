/**
 * `crmflow simulate` end to end: the real CLI (dist/, built by `npm test`) on the example
 * project in the repository root and on the fixtures beside this file.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/model/load.js';
import { simulate } from '../../src/simulate/index.js';
import { ROOT, crmflow, noStack } from '../cli/helpers.js';

const FIX = join(import.meta.dirname, 'fixtures');

describe('crmflow simulate', () => {
  it('simulates the example lead-to-cash project on its sample data (JSON shape of DESIGN §7)', () => {
    const r = crmflow(['simulate', 'lead-to-cash', '--format', 'json', '--cases', '400'], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ process: 'lead-to-cash', cases: 400, seed: 42 });
    expect(Object.keys(report.cycleTime)).toEqual(['mean', 'p50', 'p90', 'p95', 'max']);
    for (const key of ['outcomes', 'steps', 'roles', 'slas', 'kpis', 'efficiency', 'throughput']) expect(report).toHaveProperty(key);
    expect(report.steps[0]).toHaveProperty('waiting.p90');
    expect(report.kpis.map((k: { id: string }) => k.id)).toContain('lead-response-time');
    expect(report.stopped.cases).toBe(0);
  });

  it('prints the same report for the same seed, and replications on workers match the in-process run', async () => {
    const a = crmflow(['simulate', 'lead-to-cash', '--format', 'json', '--cases', '300', '--runs', '2'], { cwd: ROOT });
    const b = crmflow(['simulate', 'lead-to-cash', '--format', 'json', '--cases', '300', '--runs', '2'], { cwd: ROOT });
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const project = await loadProject({ cwd: ROOT });
    const inProcess = await simulate(project, 'lead-to-cash', { cases: 300, runs: 2, workers: false });
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(JSON.stringify(inProcess)));
  });

  it('--seed sets the seed: the same seed the same report, another seed another one', () => {
    const run = (...extra: string[]) => crmflow(['simulate', 'lead-to-cash', '--format', 'json', '--cases', '200', ...extra], { cwd: ROOT });
    const seven = run('--seed', '7');
    expect(seven.code, seven.stderr).toBe(0);
    expect(JSON.parse(seven.stdout).seed).toBe(7);
    expect(run('--seed', '7').stdout).toBe(seven.stdout);
    const eight = JSON.parse(run('--seed', '8').stdout);
    expect(eight.seed).toBe(8);
    expect(eight.cycleTime).not.toEqual(JSON.parse(seven.stdout).cycleTime);
    // Without --seed the seed of crmflow.yaml (simulate.seed: 42) applies.
    expect(run().stdout).toBe(run('--seed', '42').stdout);
  });

  it('--no-data ignores simulate.data: cases arrive from the start step, the CSV is never read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crmflow-no-data-'));
    try {
      cpSync(join(ROOT, 'crmflow.yaml'), join(dir, 'crmflow.yaml'));
      cpSync(join(ROOT, 'processes'), join(dir, 'processes'), { recursive: true });
      cpSync(join(ROOT, 'data'), join(dir, 'data'), { recursive: true });
      const run = (...extra: string[]) => crmflow(['simulate', 'lead-to-cash', '--format', 'json', '--cases', '50', ...extra], { cwd: dir });
      // With the data, the first case arrives at the earliest created_at of the CSV.
      const csv = readFileSync(join(dir, 'data', 'leads-sample.csv'), 'utf8').trim().split('\n').slice(1);
      const earliest = Math.min(...csv.map((l) => Date.parse(l.split(',')[1]!)));
      const withData = run();
      expect(withData.code, withData.stderr).toBe(0);
      expect(Date.parse(JSON.parse(withData.stdout).window.start)).toBe(earliest);
      const noData = run('--no-data');
      expect(noData.code, noData.stderr).toBe(0);
      expect(Date.parse(JSON.parse(noData.stdout).window.start)).not.toBe(earliest);
      // Without the CSV: the data run fails, the --no-data run is unchanged.
      rmSync(join(dir, 'data'), { recursive: true });
      const missing = run();
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('leads-sample.csv');
      expect(run('--no-data').stdout).toBe(noData.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a text report, a Markdown handout and an SVG chart', () => {
    const text = crmflow(['simulate', 'lead-to-cash', '--cases', '200'], { cwd: ROOT });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Cycle time\s+mean/);
    expect(text.stdout).toContain('Where the time goes');
    // The utilisation window is stated: first to last arrival, not to the last completion.
    expect(text.stdout).toMatch(/Roles \(utilisation of their working hours from the first to the last arrival, \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d\)/);
    const dir = mkdtempSync(join(tmpdir(), 'crmflow-sim-'));
    const md = crmflow(['simulate', 'lead-to-cash', '--cases', '200', '--format', 'markdown', '--chart', join(dir, 'c.svg')], { cwd: ROOT });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout.startsWith('# Simulation: lead-to-cash')).toBe(true);
    expect(readFileSync(join(dir, 'c.svg'), 'utf8')).toMatch(/^<svg[^>]+xmlns/);
  });

  it('compares a scenario with the baseline', () => {
    const r = crmflow(['simulate', 'discount-approval', '--cases', '300', '--runs', '2', '--set', 'roles.sales-manager.headcount=3', '--compare', '--format', 'json'], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.scenario.roles.find((x: { role: string }) => x.role === 'sales-manager').headcount).toBe(3);
    // Every change carries a verdict of Welch's test: true or false, never missing or null.
    for (const d of out.differences) if (d.change !== null) expect(typeof d.significant, d.figure).toBe('boolean');
    const text = crmflow(['simulate', 'discount-approval', '--cases', '300', '--runs', '2', '--set', 'roles.sales-manager.headcount=3', '--compare'], { cwd: ROOT });
    expect(text.stdout).toContain('baseline vs scenario');
    expect(text.stdout).toContain('2 runs each on common random numbers');
    const rows = text.stdout.split('\n').filter((l) => /^(cycleTime|throughput|efficiency|roles|slas|kpis)/.test(l));
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row, row).toMatch(/(not )?significant$/);
  }, 120_000);

  it('exits 2 on bad flags, bad data and unknown names, without a stack trace', () => {
    const cases = crmflow(['simulate', 'lead-to-cash', '--cases', 'many'], { cwd: ROOT });
    expect(cases.code).toBe(2);
    expect(cases.stderr).toContain('--cases must be a whole number');
    const csv = crmflow(['simulate', 'discount', '--data', join(FIX, 'routing', 'malformed.csv')], { cwd: join(FIX, 'routing') });
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/malformed\.csv:3: row 2/);
    const unknown = crmflow(['simulate', 'no-such-process'], { cwd: ROOT });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no process "no-such-process"');
    const set = crmflow(['simulate', 'lead-to-cash', '--set', 'roles.nobody.headcount=2'], { cwd: ROOT });
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('no role "nobody"');
    for (const r of [cases, csv, unknown, set]) expect(noStack(r.stderr)).toBe(true);
  });

  it('refuses a project with validation errors (branch probabilities that do not sum to 1): exit 1', () => {
    const r = crmflow(['simulate', 'split'], { cwd: join(FIX, 'bad-probability') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('probability-sum');
  });

  it('has help with examples', () => {
    const r = crmflow(['simulate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
  });
});

describe('crmflow simulate scenarios', () => {
  it('applies a named scenario from crmflow.yaml and compares it with the baseline', () => {
    const r = crmflow(['simulate', 'measured', '--cases', '10', '--scenario', 'two-approvers', '--compare', '--format', 'json'], { cwd: join(FIX, 'sla') });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    // --compare runs 5 replications by default; fixed arrivals and durations breach 6 of 10 in each.
    expect(out.method).toEqual({ runs: 5, randomNumbers: 'common', test: 'welch', level: 0.05 });
    expect(out.baseline.slas[0].breached).toBe(30);
    expect(out.scenario.slas[0].breached).toBe(0);
    // 0.6 in every baseline run, 0 in every scenario run: no spread, a real change.
    expect(out.differences.find((d: { figure: string }) => d.figure === 'slas.measured/approve.rate')).toMatchObject({ baseline: 0.6, scenario: 0, change: -0.6, significant: true });
    const missing = crmflow(['simulate', 'measured', '--scenario', 'nope'], { cwd: join(FIX, 'sla') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('known scenarios: two-approvers');
  });
});
