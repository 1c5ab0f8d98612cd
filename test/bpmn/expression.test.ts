import { describe, expect, test } from 'vitest';
import { ExpressionError, celToFeel, conditionToCel } from '../../src/bpmn/expression.js';
import { fromIsoDuration, toIsoDuration } from '../../src/bpmn/iso-duration.js';

describe('CEL → FEEL (export --target camunda8)', () => {
  const cases: [string, string][] = [
    ['case.discount_pct <= 5', 'discount_pct <= 5'],
    ['case.discount_pct <= 15 && case.amount < 300000', 'discount_pct <= 15 and amount < 300000'],
    ['case.a == "x" || !case.vip', 'a = "x" or not(vip)'],
    ['case.region in ["cn", "hk"]', 'list contains(["cn", "hk"], region)'],
    ['case.customer.tier != "gold"', 'customer.tier != "gold"'],
    ['(case.a || case.b) && case.c', '(a or b) and c'],
    ['case.score >= -1.5', 'score >= -1.5'],
    ['case["amount"] > 2u', 'amount > 2'],
    ['case.note == "say \\"hi\\""', 'note = "say \\"hi\\""'],
  ];
  for (const [cel, feel] of cases) test(cel, () => expect(celToFeel(cel)).toBe(feel));

  test('an untranslatable condition is an error naming it', () => {
    expect(() => celToFeel('size(case.items) > 2')).toThrow(ExpressionError);
    expect(() => celToFeel('size(case.items) > 2')).toThrow(/"size\(case.items\) > 2" calls size\(\)/);
    expect(() => celToFeel('case.name.startsWith("A")')).toThrow(/startsWith/);
    expect(() => celToFeel('x > 1')).toThrow(/only case.<field>/);
  });
});

describe('FEEL / JUEL / CEL → CEL (import)', () => {
  test('FEEL round-trips the subset', () => {
    for (const cel of ['case.discount_pct <= 15 && case.amount < 300000', '!(case.a in ["x", "y"]) || case.b == "z"', 'case.a - (case.b - case.c) > -2.5']) {
      expect(conditionToCel(`=${celToFeel(cel)}`).cel).toBe(cel);
    }
  });
  test('Camunda 7 JUEL', () => {
    expect(conditionToCel('${approved}').cel).toBe('case.approved');
    expect(conditionToCel('#{!approved}').cel).toBe('!case.approved');
    expect(conditionToCel("${amount gt 1000 and region eq 'EU'}").cel).toBe('case.amount > 1000 && case.region == "EU"');
  });
  test('CEL by its language attribute is kept as written', () => {
    expect(conditionToCel('case.a  >  1', 'https://github.com/google/cel-spec').cel).toBe('case.a  >  1');
  });
  test('what does not translate is an ExpressionError', () => {
    expect(() => conditionToCel('=some x in xs satisfies x > 1')).toThrow(ExpressionError);
    expect(() => conditionToCel('=count(items) > 1')).toThrow(/count\(\)/);
    expect(() => conditionToCel('return x > 1', 'javascript')).toThrow(/javascript/);
    expect(() => conditionToCel('${a == }')).toThrow(ExpressionError);
  });
});

describe('ISO 8601 durations', () => {
  test.each([
    [480, 'PT8H'],
    [2880, 'P2D'],
    [90, 'PT1H30M'],
    [0.5, 'PT30S'],
    [1440 * 30, 'P30D'],
  ])('%d minutes ↔ %s', (minutes, iso) => {
    expect(toIsoDuration(minutes)).toBe(iso);
    expect(fromIsoDuration(iso)).toBe(minutes);
  });
  test('weeks, and what is not a duration', () => {
    expect(fromIsoDuration('P1W')).toBe(10080);
    expect(fromIsoDuration('R3/PT1H')).toBeUndefined();
    expect(fromIsoDuration('2026-01-01T00:00:00Z')).toBeUndefined();
    expect(fromIsoDuration('P')).toBeUndefined();
  });
});
