/**
 * Sample data read by the declared `fields:` types (test/simulate/fixtures/typed): each type,
 * each error path, and the routing of conditions on typed values, checked against hand counts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldInput } from '../../src/model/schema.js';
import { readValue, BAD, LIST_SEPARATOR } from '../../src/simulate/field-values.js';
import { loadCases, parseCsvCases, parseJsonCases, simulate } from '../../src/simulate/index.js';
import { crmflow, noStack } from '../cli/helpers.js';
import { fixture } from './helpers.js';

const FIX = join(import.meta.dirname, 'fixtures', 'typed');
const read = (field: FieldInput, value: unknown) => readValue(field, value);

describe('values by type', () => {
  it('booleans: true/false, yes/no, 是/否, 1/0 in any case; anything else is bad', () => {
    const f: FieldInput = { type: 'boolean' };
    for (const t of ['true', 'TRUE', 'Yes', 'yes', '是', '1', ' true ']) expect(read(f, t)).toBe(true);
    for (const t of ['false', 'False', 'NO', 'no', '否', '0']) expect(read(f, t)).toBe(false);
    for (const t of ['maybe', 't', '2', '对']) expect(read(f, t)).toBe(BAD);
    expect(read(f, true)).toBe(true); // JSON
    expect(read(f, 1)).toBe(BAD); // a JSON number is not a boolean
  });

  it('integers become BigInt (CEL int), with "," thousands separators; decimals are bad', () => {
    const f: FieldInput = { type: 'integer' };
    expect(read(f, '50')).toBe(50n);
    expect(read(f, '-7')).toBe(-7n);
    expect(read(f, '1,250,000')).toBe(1250000n);
    expect(read(f, 42)).toBe(42n); // JSON
    for (const t of ['50.0', '1,25', '12,3456', 'abc', '9223372036854775808']) expect(read(f, t)).toBe(BAD);
    expect(read(f, 4.5)).toBe(BAD);
  });

  it('integer and number fields honour min and max', () => {
    expect(read({ type: 'integer', min: 0, max: 100 }, '100')).toBe(100n);
    expect(read({ type: 'integer', min: 0, max: 100 }, '101')).toBe(BAD);
    expect(read({ type: 'number', min: 0 }, '-0.5')).toBe(BAD);
  });

  it('numbers become JS numbers (CEL double), with "," thousands separators', () => {
    const f: FieldInput = { type: 'number' };
    expect(read(f, '103000')).toBe(103000);
    expect(read(f, '1,234.50')).toBe(1234.5);
    expect(read(f, '-.5')).toBe(-0.5);
    expect(read(f, '2e3')).toBe(2000);
    expect(read(f, 9.5)).toBe(9.5);
    for (const t of ['1.2.3', '12,34.5', 'NaN', 'Infinity', '¥100']) expect(read(f, t)).toBe(BAD);
  });

  it('dates: ISO or YYYY/MM/DD at 00:00 UTC; impossible days are bad', () => {
    const f: FieldInput = { type: 'date' };
    expect((read(f, '2026-03-01') as Date).getTime()).toBe(Date.UTC(2026, 2, 1));
    expect((read(f, '2026/03/01') as Date).getTime()).toBe(Date.UTC(2026, 2, 1));
    for (const t of ['2026-02-30', '2026/13/01', '2026-03/01', '01/03/2026', '2026-03-01T09:00:00Z']) expect(read(f, t)).toBe(BAD);
  });

  it('datetimes: ISO with or without offset, or YYYY-MM-DD HH:MM; without an offset UTC', () => {
    const f: FieldInput = { type: 'datetime' };
    expect((read(f, '2026-03-02T09:00:00+08:00') as Date).getTime()).toBe(Date.UTC(2026, 2, 2, 1));
    expect((read(f, '2026-03-02T09:30Z') as Date).getTime()).toBe(Date.UTC(2026, 2, 2, 9, 30));
    expect((read(f, '2026-03-02 10:00') as Date).getTime()).toBe(Date.UTC(2026, 2, 2, 10));
    expect((read(f, '2026/03/02 10:00:30') as Date).getTime()).toBe(Date.UTC(2026, 2, 2, 10, 0, 30));
    for (const t of ['2026-03-02', '2026-03-02T25:00', 'yesterday', '2026-02-30T09:00']) expect(read(f, t)).toBe(BAD);
  });

  it('enums: only the declared values, exactly', () => {
    const f: FieldInput = { type: 'enum', values: ['east', 'west'] };
    expect(read(f, 'east')).toBe('east');
    for (const t of ['East', 'central', '']) expect(read(f, t)).toBe(BAD);
  });

  it(`lists: items separated by "${LIST_SEPARATOR}", each read by the item type`, () => {
    expect(read({ type: 'list' }, 'a; b ;c')).toEqual(['a', 'b', 'c']);
    expect(read({ type: 'list', items: 'integer' }, '1;2,000')).toEqual([1n, 2000n]);
    expect(read({ type: 'list', items: 'integer' }, '1;x')).toBe(BAD);
    expect(read({ type: 'list', items: 'boolean' }, ['yes', false])).toEqual([true, false]); // JSON array
  });
});

describe('reading a CSV by the declared fields', () => {
  const fields: Record<string, FieldInput> = {
    vip: { type: 'boolean' },
    score: { type: 'integer' },
    amount: { type: 'number' },
    region: { type: 'enum', values: ['east', 'west'] },
    tags: { type: 'list' },
  };

  it('types every declared column; leaves empty cells out (an empty list is []); reads undeclared columns as before', () => {
    const warnings: string[] = [];
    const rows = parseCsvCases('vip,score,amount,region,tags,note,extra\nyes,50,"1,000.5",east,a;b,hello,12\nno,,7,west,,,\n', 'c.csv', { fields, onWarning: (w) => warnings.push(w) });
    expect(rows).toEqual([
      { vip: true, score: 50n, amount: 1000.5, region: 'east', tags: ['a', 'b'], note: 'hello', extra: 12 },
      { vip: false, amount: 7, region: 'west', tags: [] },
    ]);
    expect(warnings).toEqual([]);
  });

  it('a value that does not fit names file, line, row, column, value and type', () => {
    expect(() => parseCsvCases('vip,score\ntrue,1\nmaybe,2\n', 'leads.csv', { fields })).toThrow('leads.csv:3: row 2, column "vip": "maybe" is not a boolean (true/false, yes/no, 是/否, 1/0)');
    expect(() => parseCsvCases('region\neast\ncentral\n', 'leads.csv', { fields })).toThrow('leads.csv:3: row 2, column "region": "central" is not one of east, west');
    expect(() => parseCsvCases('score\n12.5\n', 'leads.csv', { fields })).toThrow(/leads\.csv:2: row 1, column "score": "12\.5" is not an integer/);
  });

  it('the line is where the row starts, after blank lines and multi-line cells', () => {
    const text = 'note,score\n"two\nlines",1\n\nok,x\n';
    // header 1, row 1 on lines 2–3, blank line 4, row 2 on line 5
    expect(() => parseCsvCases(text, 'c.csv', { fields })).toThrow('c.csv:5: row 2, column "score": "x" is not an integer');
  });

  it('with skipBadRows leaves bad rows out and warns once with the count and the first', () => {
    const warnings: string[] = [];
    const rows = parseCsvCases('vip,score\ntrue,1\nmaybe,2\nfalse,x\nno,4\n', 'leads.csv', { fields, skipBadRows: true, onWarning: (w) => warnings.push(w) });
    expect(rows).toEqual([
      { vip: true, score: 1n },
      { vip: false, score: 4n },
    ]);
    expect(warnings.filter((w) => w.startsWith('skipped'))).toEqual(['skipped 2 of 4 rows of leads.csv with a value that does not fit its field; the first: leads.csv:3: row 2, column "vip": "maybe" is not a boolean (true/false, yes/no, 是/否, 1/0)']);
  });

  it('fails when every row is bad, even with skipBadRows', () => {
    expect(() => parseCsvCases('vip\nmaybe\n', 'leads.csv', { fields: { vip: { type: 'boolean' } }, skipBadRows: true })).toThrow(/every row of leads\.csv has a value that does not fit/);
  });

  it('reports declared fields missing from the data once', () => {
    const warnings: string[] = [];
    parseCsvCases('vip,score,amount\ntrue,1,2\nfalse,3,4\n', 'leads.csv', { fields, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual(['leads.csv has no column for the declared fields "region", "tags"; conditions that read them use their branches\' probabilities']);
  });

  it('a header without rows still names its columns', () => {
    const warnings: string[] = [];
    expect(parseCsvCases('vip,score,amount,region\n', 'h.csv', { fields, onWarning: (w) => warnings.push(w) })).toEqual([]);
    expect(warnings).toEqual(['h.csv has no column for the declared field "tags"; conditions that read it use their branches\' probabilities']);
  });

  it('JSON values are checked the same way', () => {
    expect(parseJsonCases('[{"vip": true, "score": 5, "amount": 2.5, "region": "east", "tags": ["x"]}]', 'd.json', { fields })).toEqual([{ vip: true, score: 5n, amount: 2.5, region: 'east', tags: ['x'] }]);
    expect(() => parseJsonCases('[{"score": 5.5}]', 'd.json', { fields })).toThrow('d.json: row 1, column "score": 5.5 is not an integer');
  });

  it('without fields: keeps guessing (numeric text → number, the rest text)', () => {
    expect(parseCsvCases('vip,score\ntrue,50\n')).toEqual([{ vip: 'true', score: 50 }]);
  });

  it('loadCases reads the fixture with its crmflow.yaml fields', async () => {
    const project = await fixture('typed');
    const rows = await loadCases(join(FIX, 'cases.csv'), { fields: project.config.fields });
    expect(rows[0]).toMatchObject({ vip: true, score: 50n, amount: 120000.5, region: 'east', tags: ['a', 'b'], ref: '150', extra: 'x' });
    expect((rows[0]!.created_at as Date).getTime()).toBe(Date.UTC(2026, 2, 2, 1));
    expect((rows[0]!.signed_on as Date).getTime()).toBe(Date.UTC(2026, 2, 1));
    expect(rows.map((r) => r.vip)).toEqual([true, false, true, false, true, false, true, false]);
  });
});

describe('conditions on typed data', () => {
  it('case.vip == true || case.score >= 90 takes the rows with vip true or score ≥ 90', async () => {
    // cases.csv by hand: vip true on T-1, T-3 (是), T-5 (YES), T-7 (1); score ≥ 90 on T-2 (95), T-4 (92).
    const r = await simulate(await fixture('typed'), 'vip', {});
    expect(r.outcomes).toEqual({ fast: 6, normal: 2 });
    expect(r.conditionErrors).toEqual([]);
    // read from crmflow.yaml simulate.data: its warnings are in the report
    expect(r.warnings.filter((w) => w.includes('declared field'))).toEqual([expect.stringMatching(/cases\.csv has no column for the declared field "customer"/)]);
  });

  it('integer score + 20 and number amount > 100000 evaluate without overload errors', async () => {
    // amount > 100000: T-1 (score 50), T-5 (10), T-7 (60) → none ≥ 70.
    // else score + 20: T-2 115, T-3 60, T-4 112 (amount 100000 is not > 100000), T-6 50, T-8 75 → 3 hot.
    const r = await simulate(await fixture('typed'), 'bonus', {});
    expect(r.outcomes).toEqual({ hot: 3, cold: 5 });
    expect(r.conditionErrors).toEqual([]);
  });

  it('approval tiers compare an integer field: scores below 50 go to the junior', async () => {
    // scores below 50: T-3 (40), T-5 (10), T-6 (30); the other five go to the senior. One case
    // at a time, so the role that did the work is the one with utilisation above 0.
    const project = await fixture('typed');
    const rows = await loadCases(join(FIX, 'cases.csv'), { fields: project.config.fields });
    const served: string[] = [];
    for (const row of rows) {
      const r = await simulate(project, 'tiers', { data: [row], cases: 1 });
      served.push(r.roles.filter((x) => x.utilisation > 0).map((x) => x.role).join());
    }
    expect(served).toEqual(['senior', 'senior', 'junior', 'senior', 'junior', 'junior', 'senior', 'senior']);
  });

  it('the same data without fields: fails on every row, and simulate says so', async () => {
    const project = await fixture('typed');
    const rows = parseCsvCases('score,amount\n50,80000\n95,200000\n');
    const r = await simulate(project, 'bonus', { data: rows, cases: 2 });
    expect(r.conditionErrors).toEqual([
      { process: 'bonus', step: 'route', condition: '(case.amount > 100000 ? case.score : case.score + 20) >= 70', rows: 1, firstError: 'row 1: no such overload: dyn<double> + int' },
    ]);
  });
});

describe('crmflow simulate --data with declared fields', () => {
  it('exits 2 on a value that does not fit, naming file, line, row, column, value and type', () => {
    const r = crmflow(['simulate', 'vip', '--data', 'bad.csv'], { cwd: FIX });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.csv:3: row 2, column "vip": "maybe" is not a boolean (true/false, yes/no, 是/否, 1/0)');
    expect(r.stderr).toContain('--skip-bad-rows');
    expect(noStack(r.stderr)).toBe(true);
  });

  it('--skip-bad-rows simulates the good rows and warns on stderr with the count', () => {
    // bad.csv: B-2 vip "maybe", B-3 score over two lines, B-4 region "central"; B-1 and B-5 are fine.
    const r = crmflow(['simulate', 'vip', '--data', 'bad.csv', '--skip-bad-rows', '--format', 'json'], { cwd: FIX });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).cases).toBe(2);
    expect(r.stderr).toContain('warning: skipped 3 of 5 rows of bad.csv');
    expect(r.stderr).toContain('warning: bad.csv has no column for the declared fields "signed_on", "tags", "ref", "customer"');
  });

  it('without fields: suggests crmflow fields --infer', () => {
    const r = crmflow(['simulate', 'discount', '--format', 'json'], { cwd: join(import.meta.dirname, 'fixtures', 'routing') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("crmflow.yaml declares no fields:, so the data's column types are guessed; run crmflow fields --infer cases.csv");
  });
});
