/**
 * Case fields: the fields a condition reads (from its syntax tree), and the type check against
 * `fields:`. The type check is compared with what cel-js's evaluator does with values of the
 * declared types (integers as BigInt, numbers as JS numbers), an independent code path.
 */
import { parse } from '@marcbachmann/cel-js';
import { describe, expect, it } from 'vitest';
import { compileCondition, fieldRefs, fieldsOf, nodeSpan, parseCondition } from '../../src/model/cel.js';
import { FieldChecker, templateFields } from '../../src/model/fields.js';
import type { FieldInput } from '../../src/model/schema.js';

describe('fields a condition reads', () => {
  it('takes them from the syntax tree, not from the text', () => {
    expect(fieldsOf('case.customer == "case.nickname"')).toEqual(['customer']);
    expect(fieldsOf('case["amount"] > 5 && case.score > 1')).toEqual(['amount', 'score']);
    expect(fieldsOf("r'case.x' == case['y']")).toEqual(['y']);
    expect(fieldsOf('has(case.vip) && case.tags.exists(t, t == case.region)')).toEqual(['vip', 'tags', 'region']);
    expect(fieldsOf('mycase.amount > 1 || case.amount.cents > 2')).toEqual(['amount']);
    expect(fieldsOf('case["区域"] == "华东"')).toEqual(['区域']);
    expect(fieldsOf('case.amount >')).toEqual([]);
  });
  it('walks a syntax tree thousands of levels deep', () => {
    const e = Array.from({ length: 4000 }, (_, i) => `case.f${i % 7} > 1`).join(' || ');
    const refs = fieldRefs(e, parse(e).ast);
    expect(refs).toHaveLength(4000);
    expect(refs[3]!.name).toBe('f3');
  });
  it('says where each field name is', () => {
    const e = 'case.a > 1 || case["bb"] == "x"';
    expect(fieldRefs(e).map((r) => [r.name, e.slice(r.offset, r.offset + r.name.length)])).toEqual([
      ['a', 'a'],
      ['bb', 'bb'],
    ]);
  });
  it('spans a sub-expression with its parentheses', () => {
    const e = '(case.a > 1 ? case.b : (case.c)) >= 70';
    const ast = parseCondition(e)!;
    const span = nodeSpan(e, ast);
    expect(e.slice(span.start, span.end)).toBe(e);
  });
  it('reads template placeholders', () => {
    expect(templateFields('新商机 {case.customer} 金额 { case.amount }, {other}')).toEqual([
      { name: 'customer', offset: 10 },
      { name: 'amount', offset: 30 },
    ]);
  });
});

const FIELDS: Record<string, FieldInput> = {
  amount: { type: 'number' },
  score: { type: 'integer' },
  region: { type: 'enum', values: ['east', 'west'] },
  vip: { type: 'boolean' },
};

describe('type check', () => {
  const checker = new FieldChecker(FIELDS);
  const rules = (e: string) => checker.condition(e).map((p) => p.rule);

  it('accepts the cases of the issue with score an integer and amount a number', () => {
    expect(rules('(case.amount > 100000 ? case.score : case.score + 20) >= 70')).toEqual([]);
    expect(rules('case.amount > 100000')).toEqual([]);
    expect(rules('case.vip == true || case.score >= 90')).toEqual([]);
  });
  it('refuses score + 20 when score is a number, and names the fix', () => {
    const c = new FieldChecker({ ...FIELDS, score: { type: 'number' } });
    const e = '(case.amount > 100000 ? case.score : case.score + 20) >= 70';
    const [p, ...rest] = c.condition(e);
    expect(rest).toEqual([]);
    expect(p!.rule).toBe('type-mismatch');
    expect(e.slice(p!.offset, p!.offset + p!.length)).toBe('+');
    expect(p!.message).toContain('double and int');
    expect(p!.message).toContain('20.0');
    expect(p!.message).toContain('int(case.score)');
  });
  it('reports every unknown field and still type-checks the rest', () => {
    const problems = checker.condition('case.amout > 1 && case.scor > 2 && case.amount + 1 > 0');
    expect(problems.map((p) => p.rule)).toEqual(['unknown-field', 'unknown-field', 'type-mismatch']);
    expect(problems[0]!.message).toContain('did you mean "amount"?');
  });
  it('checks enum values in ==, != and in', () => {
    expect(rules('case.region == "east" && case.region != "west"')).toEqual([]);
    expect(rules('case.region in ["east", "norht"]')).toEqual(['unknown-enum-value']);
    expect(rules('"wst" == case.region')).toEqual(['unknown-enum-value']);
  });
  it('wants a condition to give true or false, and a tier field a number', () => {
    expect(rules('case.score')).toEqual(['type-mismatch']);
    expect(checker.condition('case.amount', 'number')).toEqual([]);
    expect(checker.condition('case.region', 'number').map((p) => p.rule)).toEqual(['type-mismatch']);
  });
  it('finds nothing in a condition that does not parse (cel-syntax reports it)', () => {
    expect(checker.condition('case.amout >> 1')).toEqual([]);
  });
  it('checks template placeholders', () => {
    const [p] = checker.template('won {case.amout} from {case.region}');
    expect(p).toMatchObject({ rule: 'unknown-field', offset: 10, length: 5 });
  });

  // The evaluator is the reference: a condition the checker accepts must evaluate on rows of
  // the declared types, and one it refuses as a type mismatch must fail there.
  const rows = [
    { amount: 50000, score: 50n, region: 'east', vip: true },
    { amount: 250000.5, score: 95n, region: 'west', vip: false },
  ];
  const evaluates = (e: string) => {
    const fn = compileCondition(e);
    try {
      for (const r of rows) fn(r);
      return true;
    } catch {
      return false;
    }
  };
  const cases = [
    'case.score + 20 >= 70',
    'case.amount + 20 > 0',
    'case.amount + 20.0 > 0',
    '(case.amount > 100000 ? case.score : case.score + 20) >= 70',
    'case.amount > 100000',
    'case.score >= 70.5',
    'case.amount == 50000',
    'case.score != 3.0',
    'case.score * 1.5 > 3.0',
    'double(case.score) * 1.5 > 3.0',
    'int(case.amount) + case.score > 0',
    'case.score / 2 > 1',
    'case.amount - case.score > 0.0',
    'case.region + "x" == "eastx"',
    'case.region + 1 == "x"',
    'case.vip && case.score > 1',
    'size(case.region) > 2',
    'case.score % 7 == 1',
  ];
  for (const e of cases) {
    it(`agrees with the evaluator on ${e}`, () => {
      expect(rules(e).includes('type-mismatch')).toBe(!evaluates(e));
    });
  }
});
