/**
 * CEL numbers are binary doubles; Zeebe's FEEL numbers are decimals (DMN FEEL: IEEE 754
 * Decimal128, Java BigDecimal in feel-scala), so 0.1 + 0.2 = 0.3 is true in Zeebe and false in
 * CEL. feelin computes with JavaScript numbers and cannot show it; the reference here is exact
 * decimal arithmetic on the numbers as Zeebe receives them (JSON text), done with BigInt.
 */
import { describe, expect, test } from 'vitest';
import { compileCondition } from '../../src/model/cel.js';
import { ExpressionError, celToFeel, type FieldTypes } from '../../src/bpmn/expression.js';

const FIELDS: FieldTypes = { a: { type: 'number' }, b: { type: 'number' }, amount: { type: 'number' }, score: { type: 'integer' } };

/** A decimal as an integer and a power of ten: '0.25' → 25n / 10^2. */
function dec(text: string): { n: bigint; scale: number } {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a plain decimal: ${text}`);
  const frac = m[3] ?? '';
  return { n: BigInt(`${m[1]}${m[2]}${frac}`), scale: frac.length };
}
const align = (x: { n: bigint; scale: number }, scale: number) => x.n * 10n ** BigInt(scale - x.scale);
/** Exact decimal x + y compared with z, as FEEL decides `x + y <op> z`. */
function exactSum(x: string, y: string): { n: bigint; scale: number } {
  const [p, q] = [dec(x), dec(y)];
  const scale = Math.max(p.scale, q.scale);
  return { n: align(p, scale) + align(q, scale), scale };
}
function exactProduct(x: string, y: string): { n: bigint; scale: number } {
  const [p, q] = [dec(x), dec(y)];
  return { n: p.n * q.n, scale: p.scale + q.scale };
}
function cmp(x: { n: bigint; scale: number }, y: { n: bigint; scale: number }): number {
  const scale = Math.max(x.scale, y.scale);
  const d = align(x, scale) - align(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

describe('double arithmetic against Zeebe decimals', () => {
  test('the cases route differently: CEL (as simulate) against exact decimals (as Zeebe)', () => {
    // 0.1 + 0.2 == 0.3
    expect(compileCondition('case.a + case.b == 0.3')({ a: 0.1, b: 0.2 })).toBe(false);
    expect(cmp(exactSum('0.1', '0.2'), dec('0.3'))).toBe(0);
    // A 10% surcharge at the bound: 100 * 1.1 > 110.0
    expect(compileCondition('case.amount * 1.1 > 110.0')({ amount: 100 })).toBe(true);
    expect(cmp(exactProduct('100', '1.1'), dec('110.0'))).toBe(0); // not greater: FEEL says false
  });

  test.each([
    ['case.a + case.b == 0.3', 'case.a + case.b'],
    ['case.amount * 1.1 > 110.0', 'case.amount * 1.1'],
    ['case.amount - 0.5 >= case.a', 'case.amount - 0.5'],
    ['case.a * case.b < 1.0', 'case.a * case.b'],
  ])('%s is refused with the reason and the fix', (cel, part) => {
    let err: unknown;
    try {
      celToFeel(cel, FIELDS);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ExpressionError);
    expect((err as Error).message).toBe(
      `condition "${cel}" computes with numbers that are not integers in "${part}": CEL rounds each step to binary floating point (0.1 + 0.2 is 0.30000000000000004), Zeebe's FEEL computes in decimals (0.3), so a case at the bound routes differently; compare the field itself (case.amount * 1.1 > 110.0 is case.amount > 100.0) or declare integer fields (amounts in cents)`,
    );
  });

  test('what stays exported decides as exact decimals do: comparisons without arithmetic, integer arithmetic', () => {
    expect(celToFeel('case.amount > 0.3', FIELDS)).toBe('amount > 0.3');
    expect(celToFeel('case.score + 20 >= 70', FIELDS)).toBe('score + 20 >= 70');
    expect(celToFeel('-case.amount < -0.1', FIELDS)).toBe('-amount < -0.1');
    // Values as a CRM sends them in JSON: each number's shortest text, which is what a double reads back to.
    const values = [0.3, 0.30000000000000004, 0.29999999999999993, 0.1, 0.2, 100, 1e-7, 299999.99, 0];
    const text = (v: number) => (Math.abs(v) === 1e-7 ? `${v < 0 ? '-' : ''}0.0000001` : String(v));
    for (const v of values) {
      expect(compileCondition('case.amount > 0.3')({ amount: v }), String(v)).toBe(cmp(dec(text(v)), dec('0.3')) > 0);
      expect(compileCondition('-case.amount < -0.1')({ amount: v }), String(v)).toBe(cmp(dec(text(v === 0 ? 0 : -v)), dec('-0.1')) < 0);
    }
    for (const score of [49n, 50n, 51n, 0n, 100n]) {
      expect(compileCondition('case.score + 20 >= 70')({ score })).toBe(cmp(exactSum(String(score), '20'), dec('70')) >= 0);
    }
  });
});
