/** Case fields named in Chinese (fixtures/chinese-fields): declared, read as case["区域"], simulated from a CSV with Chinese headers. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { templateFields } from '../../src/model/fields.js';
import { crmflow } from '../cli/helpers.js';

const FIX = join(import.meta.dirname, 'fixtures', 'chinese-fields');
const tmp = mkdtempSync(join(tmpdir(), 'crmflow-zh-fields-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Chinese field names', () => {
  it('validate and lint accept them', () => {
    expect(crmflow(['validate', '-C', FIX]).code).toBe(0);
    expect(crmflow(['lint', '-C', FIX]).code).toBe(0);
  });
  it('simulate routes by them: two of the five rows are 华东 above 100,000', () => {
    const r = crmflow(['simulate', 'fen-pei', '-C', FIX, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const steps = (JSON.parse(r.stdout) as { steps: { step: string; count: number }[] }).steps;
    expect(Object.fromEntries(steps.map((s) => [s.step, s.count]))).toEqual({ east: 2, others: 3 });
  });
  it('templates read them with brackets, and an unknown one is reported', () => {
    expect(templateFields('新线索：{case["区域"]} {case.amount}').map((f) => f.name)).toEqual(['区域', 'amount']);
    const dir = join(tmp, 'unknown');
    cpSync(FIX, dir, { recursive: true });
    const file = join(dir, 'processes', 'fen-pei.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{case["区域"]}', '{case["地区"]}'));
    const r = crmflow(['validate', '-C', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('地区');
  });
});
