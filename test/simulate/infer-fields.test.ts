/**
 * `crmflow fields --infer`: the fields: block proposed from a CSV, checked against a block
 * written by hand from data/leads-sample.csv, against the config schema, and rule by rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/model/schema.js';
import { fieldsYaml, inferField, inferFieldsFromCsv } from '../../src/simulate/infer-fields.js';
import { parseCsvCases } from '../../src/simulate/index.js';
import { ROOT, crmflow } from '../cli/helpers.js';

const SAMPLE = join(ROOT, 'data', 'leads-sample.csv');

// Written by hand from the file: region and channel have 5 values each, score and amount are
// whole numbers, discount_pct has decimals, created_at is ISO with an offset.
const EXPECTED = `# Inferred from data/leads-sample.csv (737 rows): check the types, then paste into crmflow.yaml.
fields:
  case_id:      { type: string }
  created_at:   { type: datetime }
  customer:     { type: string }
  region:       { type: enum, values: [east, north, overseas, south, west] }
  channel:      { type: enum, values: [event, outbound, partner, referral, web] }
  score:        { type: integer }
  amount:       { type: integer }
  discount_pct: { type: number }
`;

describe('fields --infer', () => {
  it('proposes the hand-written block for data/leads-sample.csv', () => {
    const text = readFileSync(SAMPLE, 'utf8');
    expect(fieldsYaml(inferFieldsFromCsv(text, 'data/leads-sample.csv'), 'data/leads-sample.csv')).toBe(EXPECTED);
  });

  it('the block is valid crmflow.yaml and reads its own file without a bad row', () => {
    const text = readFileSync(SAMPLE, 'utf8');
    const block = parseYaml(fieldsYaml(inferFieldsFromCsv(text), 'x')) as { fields: unknown };
    const config = configSchema.safeParse({ crmflow: 1, fields: block.fields });
    expect(config.success, JSON.stringify(config.error?.issues)).toBe(true);
    const rows = parseCsvCases(text, 'sample', { fields: config.data!.fields });
    expect(rows).toHaveLength(737);
    expect(rows[0]).toMatchObject({ case_id: 'L-2026-0001', region: 'south', score: 81n, amount: 103000n, discount_pct: 0 });
  });

  it('rules: boolean words, 1/0 as integer, number, date vs datetime, enum with repeats, text', () => {
    expect(inferField(['yes', 'NO', '是', '', 'false'])).toEqual({ type: 'boolean' });
    expect(inferField(['1', '0', '1'])).toEqual({ type: 'integer' });
    expect(inferField(['1,200', '3'])).toEqual({ type: 'integer' });
    expect(inferField(['1', '2.5'])).toEqual({ type: 'number' });
    expect(inferField(['2026-01-02', '2026/01/03'])).toEqual({ type: 'date' });
    expect(inferField(['2026-01-02 09:00', '2026-01-03T10:00:00+08:00'])).toEqual({ type: 'datetime' });
    expect(inferField(['2026-01-02', '2026-01-03T10:00:00Z'])).toEqual({ type: 'string' });
    expect(inferField(['west', 'east', 'west'])).toEqual({ type: 'enum', values: ['east', 'west'] });
    expect(inferField(['Acme', 'Globex'])).toEqual({ type: 'string' }); // all different: names, not a picklist
    const many = Array.from({ length: 42 }, (_, i) => `v${i % 21}`);
    expect(inferField(many)).toEqual({ type: 'string' }); // 21 distinct values
    expect(inferField(many.map((v) => (v === 'v20' ? 'v0' : v)))).toMatchObject({ type: 'enum' }); // 20
    expect(inferField(['', ''])).toEqual({ type: 'string' });
  });

  it('quotes enum values YAML would read as something else, and leaves out columns that cannot be field names', () => {
    const inferred = inferFieldsFromCsv('level,Deal Amount\nyes-ish,1\nno,2\nno,3\n"a, b",4\n"a, b",5\n');
    expect(inferred.skipped).toEqual(['Deal Amount']);
    const yaml = fieldsYaml(inferred, 'd.csv');
    expect(yaml).toContain('# Left out column "Deal Amount"');
    expect((parseYaml(yaml) as { fields: { level: { values: string[] } } }).fields.level.values).toEqual(['a, b', 'no', 'yes-ish']);
  });

  it('crmflow fields --infer prints YAML or JSON; exits 2 on an unreadable file or no --infer', () => {
    const yaml = crmflow(['fields', '--infer', 'data/leads-sample.csv'], { cwd: ROOT });
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(yaml.stdout).toBe(EXPECTED);
    const json = crmflow(['fields', '--infer', 'data/leads-sample.csv', '--format', 'json'], { cwd: ROOT });
    expect(JSON.parse(json.stdout).fields.region).toEqual({ type: 'enum', values: ['east', 'north', 'overseas', 'south', 'west'] });
    const missing = crmflow(['fields', '--infer', 'no-such.csv'], { cwd: ROOT });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such.csv: cannot read the sample data');
    expect(crmflow(['fields'], { cwd: ROOT }).code).toBe(2);
    expect(crmflow(['fields', '--help'], { cwd: ROOT }).stdout).toContain('crmflow fields --infer data/leads-sample.csv');
  });
});
