/**
 * Under LANG=zh_CN.UTF-8, the refusals of `export --target camunda8` for conditions that FEEL
 * would route differently from CEL, and the calendar errors of simulate, are Chinese
 * (`englishIn` finds English catalog text, `englishRuns` English that never went through the
 * catalog); under --lang en they read as before, word for word.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toYaml } from '../../src/bpmn/import.js';
import { msg } from '../../src/i18n/index.js';
import { crmflow } from '../cli/helpers.js';
import { ZH, englishIn, englishRuns } from './scan.js';

const tmp = mkdtempSync(join(tmpdir(), 'crmflow-zh-c-'));
const project = join(tmp, 'p');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Replaces `from` (which must be there) with `to` in a file of the project. */
function edit(file: string, from: string, to: string): void {
  const path = join(project, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

beforeAll(() => {
  // The example project, with two conditions the exporter must refuse (division of an integer
  // field, arithmetic on a number field) and an office calendar on holiday for ten years.
  expect(crmflow(['init', project]).code).toBe(0);
  edit('processes/operation/lead-assignment.yaml', 'when: case.score >= 70', 'when: case.score / 2 >= 35');
  edit('processes/operation/discount-approval.yaml', 'when: case.discount_pct <= 5\n', 'when: case.discount_pct * 1.1 <= 5.5\n');
  edit('crmflow.yaml', 'hours: "Mon-Fri 09:00-18:00"\n    holidays: [2026-10-01..2026-10-07]', 'hours: "Mon-Fri 09:00-18:00"\n    holidays: [2020-01-01..2029-12-31]');
});

/** Runs crmflow in the project under zh-CN and under --lang en. */
function both(args: string[]) {
  const zh = crmflow(args, { cwd: project, env: ZH });
  const en = crmflow([...args, '--lang', 'en'], { cwd: project, env: ZH });
  return { zh, en, zhOut: zh.stdout + zh.stderr };
}

function expectAllChinese(output: string): void {
  expect(englishIn(output), output).toEqual([]);
  expect(englishRuns(output), output).toEqual([]);
}

describe('condition refusals of export in zh-CN', () => {
  const exportArgs = (p: string) => ['export', p, '--target', 'camunda8', '--camunda-version', '8.8', '-o', join(tmp, `${p}.bpmn`)];

  const cases: [string, string, string, string[]][] = [
    [
      'integer division',
      'lead-assignment',
      'error  condition "case.score / 2 >= 35" divides integers ("case.score / 2"): CEL truncates (7 / 2 is 3), FEEL divides exactly (3.5), so the two can route differently; multiply instead, e.g. case.a * 2 > case.b (process "lead-assignment", step "contact-result")',
      ['错误  条件 "case.score / 2 >= 35" 对整数做除法（"case.score / 2"）：CEL 截断取整（7 / 2 得 3），FEEL 精确相除（3.5）', '（流程 "lead-assignment"，步骤 "contact-result"）'],
    ],
    [
      'arithmetic on numbers that are not integers',
      'discount-approval',
      'condition "case.discount_pct * 1.1 <= 5.5" computes with numbers that are not integers in "case.discount_pct * 1.1": CEL rounds each step to binary floating point (0.1 + 0.2 is 0.30000000000000004)',
      ['条件 "case.discount_pct * 1.1 <= 5.5" 在 "case.discount_pct * 1.1" 中用非整数计算', '或声明整数字段（金额以分为单位）'],
    ],
  ];
  for (const [name, process, english, chinese] of cases) {
    it(`${name}: same exit code, Chinese message, English unchanged under --lang en`, () => {
      const { zh, en, zhOut } = both(exportArgs(process));
      expect(en.code, en.stderr).toBe(1);
      expect(zh.code, zhOut).toBe(en.code);
      expect(en.stderr).toContain(english);
      for (const text of chinese) expect(zh.stderr).toContain(text);
      expectAllChinese(zhOut);
    });
  }
});

describe('calendar errors of simulate in zh-CN', () => {
  it('a calendar with no working time: exit 2 in both languages, Chinese message and hint', () => {
    const { zh, en, zhOut } = both(['simulate', 'discount-approval']);
    expect(en.code, en.stderr).toBe(2);
    expect(zh.code, zhOut).toBe(2);
    expect(en.stderr).toContain('error: calendar "workdays" has no working time in 1098 days; check its hours and holidays');
    expect(zh.stderr).toMatch(/^错误：日历 "workdays" 在 1098 天内没有工作时间；请检查它的工作时间和节假日$/m);
    expectAllChinese(zhOut);
  });
});

describe('BPMN conditions import keeps in a description', () => {
  it('are written in the language of the import, the BPMN text as it is', () => {
    const condition = '${amount > 100}.bad';
    const data = {
      id: 'p',
      steps: [{ id: 'route', type: 'decision', description: ['From the modeler.', msg('expr.pathDescription', { key: 'big', condition }), msg('expr.branchDescription', { to: 'review', condition })].join('\n') }],
    };
    const yaml = (lang: 'en' | 'zh-CN') => toYaml({ id: 'p', data, notes: [] }, { schemaPath: 's.json', lang });
    expect(yaml('en')).toContain(`Condition of the "big" path in the BPMN: ${condition}`);
    expect(yaml('en')).toContain(`Condition of the branch to "review" in the BPMN: ${condition}`);
    const zh = yaml('zh-CN');
    expect(zh).toContain('From the modeler.');
    expect(zh).toContain(`BPMN 中 "big" 路径的条件：${condition}`);
    expect(zh).toContain(`BPMN 中通往 "review" 的分支的条件：${condition}`);
    expect(englishIn(zh), zh).toEqual([]);
  });
});
