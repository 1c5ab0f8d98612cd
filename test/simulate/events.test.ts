/**
 * `simulate --events`: the simulated cases as an event log, checked against times worked out
 * by hand on a process with fixed durations, and the CSV read back with csv-parse.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate, type EventRow } from '../../src/simulate/index.js';
import { EventLogBuilder } from '../../src/simulate/event-log.js';
import type { Model } from '../../src/simulate/model.js';
import { crmflow } from '../cli/helpers.js';
import { fixture } from './helpers.js';

const DIR = join(import.meta.dirname, 'fixtures', 'events');
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5) + minutes * 60000).toISOString();

/*
 * By hand (arrivals every 20 min from Monday 2026-01-05 00:00 UTC; 30 min qualify by one of two
 * reps, a 1 h wait, 45 min approval by the one manager):
 * case 1 arrives 0:  qualify 0–30 by rep 1, waits 30–90, approval 90–135.
 * case 2 arrives 20: qualify 20–50 by rep 2 (rep 1 busy), waits 50–110, approval waits for the
 *                    manager until 135: 135–180.
 * case 3 arrives 40: qualify 40–70 by rep 1 (free again at 30), waits 70–130, approval 180–225.
 * The wait is no row: it is time between activities.
 */
const EXPECTED = [
  ['1', 'Qualify lead', 'qualify', 'sales-rep-1', 'sales-rep', at(0), at(30)],
  ['1', 'Approve, "discount"', 'approve', 'manager-1', 'manager', at(90), at(135)],
  ['2', 'Qualify lead', 'qualify', 'sales-rep-2', 'sales-rep', at(20), at(50)],
  ['2', 'Approve, "discount"', 'approve', 'manager-1', 'manager', at(135), at(180)],
  ['3', 'Qualify lead', 'qualify', 'sales-rep-1', 'sales-rep', at(40), at(70)],
  ['3', 'Approve, "discount"', 'approve', 'manager-1', 'manager', at(180), at(225)],
];
const HEADER = ['case_id', 'activity', 'step', 'resource', 'role', 'start_time', 'end_time'];

const temp = mkdtempSync(join(tmpdir(), 'crmflow-events-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the event log of a simulation', () => {
  it('has one row per task or approval instance, times and resources as worked out by hand', async () => {
    const rows: EventRow[] = [];
    await simulate(await fixture('events'), 'quote', { cases: 3, seed: 1, data: [], onEvents: (r) => rows.push(...r) });
    const iso = (m: number) => new Date(m * 60000).toISOString();
    expect(rows.map((r) => [r.caseId, r.activity, r.step, r.resource, r.role, iso(r.start), iso(r.end)])).toEqual(EXPECTED);
  });

  it('an SLA breach that interrupts a step ends its row at the breach', async () => {
    // fixtures/sla escalating: a 3 h system check with a 2 h SLA that breaches to a 10 min escalation.
    const rows: EventRow[] = [];
    await simulate(await fixture('sla'), 'escalating', { cases: 1, data: [], onEvents: (r) => rows.push(...r) });
    const t0 = Date.UTC(2026, 0, 5) / 60000;
    expect(rows.map((r) => [r.caseId, r.step, r.resource, r.role, r.start - t0, r.end - t0])).toEqual([
      ['1', 'check', 'system', 'system', 0, 120],
      ['1', 'escalate', 'system', 'system', 120, 130],
    ]);
  });

  it('with several runs, case ids name the run, the runs follow each other, and the report is the same', async () => {
    const ids: string[] = [];
    const project = await fixture('events');
    const withLog = await simulate(project, 'quote', { cases: 2, runs: 2, data: [], onEvents: (r) => ids.push(...r.map((x) => x.caseId)) });
    expect(ids).toEqual(['1-1', '1-1', '1-2', '1-2', '2-1', '2-1', '2-2', '2-2']);
    // Writing the log changes nothing in the report.
    expect(withLog).toEqual(await simulate(project, 'quote', { cases: 2, runs: 2, data: [], workers: false }));
  });

  it('holds a case that ended early until the cases before it have ended, then hands on both in order', () => {
    const model = { process: 'p', nodes: [{ process: 'p', step: 's', stat: 0 }], steps: [{ process: 'p', step: 's', name: 'S', role: 'r' }], pools: [{ role: 'r' }] } as unknown as Model;
    const got: string[][] = [];
    const log = new EventLogBuilder(model, (rows) => got.push(rows.map((r) => `${r.caseId}@${r.start}`)));
    log.step(1, 0, 0, 0, 10, 20);
    log.caseEnd(1);
    expect(got).toEqual([]);
    log.step(0, 0, 0, 1, 30, 40);
    log.step(0, 0, 0, 1, 5, 8); // ended later, started earlier: sorted by start
    log.caseEnd(0);
    expect(got).toEqual([['1@5', '1@30'], ['2@10']]);
  });
});

describe('crmflow simulate --events', () => {
  it('writes the CSV with its header; csv-parse reads back the hand-computed rows', () => {
    const file = join(temp, 'out', 'sim.csv');
    const r = crmflow(['simulate', 'quote', '--cases', '3', '--no-data', '--events', file, '--no-progress'], { cwd: DIR });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`wrote ${file}`);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe(HEADER.join(','));
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records.map((x) => HEADER.map((h) => x[h]))).toEqual(EXPECTED);
    expect(readdirSync(join(temp, 'out'))).toEqual(['sim.csv']); // no temporary file left
  });

  it('exits 2 with a message for a folder, and for a path it cannot write, before simulating', () => {
    const folder = crmflow(['simulate', 'quote', '--cases', '3', '--events', temp], { cwd: DIR });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`--events ${temp} is a folder, not a file`);
    expect(folder.stdout).toBe('');
    const blocker = join(temp, 'a-file');
    writeFileSync(blocker, 'x');
    const bad = crmflow(['simulate', 'quote', '--cases', '3', '--events', join(blocker, 'sim.csv')], { cwd: DIR });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--events ${join(blocker, 'sim.csv')}: cannot write there`);
    expect(bad.stdout).toBe('');
  });

  it('refuses --events with --compare', () => {
    const r = crmflow(['simulate', 'quote', '--set', 'roles.manager.headcount=2', '--compare', '--events', join(temp, 'x.csv')], { cwd: DIR });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--events writes the cases of one simulation, not of --compare');
  });
});
