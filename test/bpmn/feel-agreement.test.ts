/**
 * Camunda 8 conditions route like simulate: every CEL condition the exporter writes as FEEL is
 * evaluated by crmflow's CEL (@marcbachmann/cel-js, as simulate does) and by feelin, bpmn-io's
 * FEEL interpreter, on the example's sample data and on generated cases, both typed by the
 * declared fields as simulate reads them. Wherever CEL decides (true or false), FEEL must decide
 * the same; what would not is refused at export.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { evaluate } from 'feelin';
import { describe, expect, test } from 'vitest';
import { compileCondition } from '../../src/model/cel.js';
import type { FieldInput } from '../../src/model/schema.js';
import { parseCsvCases } from '../../src/simulate/data.js';
import { ExpressionError, celToFeel } from '../../src/bpmn/expression.js';
import { createModdle } from '../../src/bpmn/moddle.js';
import { REPO, exampleProject, exportXml } from './helpers.js';

type Row = Record<string, unknown>;

/** CEL as simulate reads it: true, false, or undefined when the condition fails on the row. */
function cel(expression: string): (row: Row) => boolean | undefined {
  const fn = compileCondition(expression);
  return (row) => {
    try {
      const r = fn(row);
      return typeof r === 'boolean' ? r : undefined;
    } catch {
      return undefined;
    }
  };
}

/** FEEL on a case as Zeebe receives it: JSON variables, so integers are plain numbers and dates text. */
function feel(expression: string, row: Row): unknown {
  const variables = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString() : v]));
  return evaluate(expression, variables).value;
}

describe('the example project on its sample data', async () => {
  const project = await exampleProject();
  // Read as simulate --data reads it: each column by its declared field type.
  const rows = parseCsvCases(readFileSync(join(REPO, 'data/leads-sample.csv'), 'utf8'), 'data/leads-sample.csv', { fields: project.config.fields });

  // Each CEL-derived condition of the Camunda 8 export, with the CEL it came from (the flow's name).
  const conditions: { process: string; cel: string; feel: string }[] = [];
  const moddle = await createModdle();
  for (const p of project.processes.values()) {
    const { rootElement } = await moddle.fromXML(await exportXml(project, p, 'camunda8'));
    const bp = rootElement.rootElements.find((e: { $type: string }) => e.$type === 'bpmn:Process');
    for (const f of bp.flowElements) {
      const body: string | undefined = f.conditionExpression?.body;
      if (!body || /^=(outcome|route) = "/.test(body)) continue;
      conditions.push({ process: p.id, cel: String(f.name).replace(/ \(\d+(\.\d+)?%\)$/, ''), feel: body.slice(1) });
    }
  }

  test('the sample has rows, read typed, and the export has CEL conditions', () => {
    expect(rows.length).toBeGreaterThan(700);
    expect(project.config.fields?.score?.type).toBe('integer');
    expect(rows.every((r) => typeof r.score === 'bigint' && typeof r.amount === 'number')).toBe(true);
    expect(conditions.length).toBeGreaterThanOrEqual(8);
  });

  test('every exported condition routes every row as CEL does', () => {
    const disagreements: string[] = [];
    for (const c of conditions) {
      const byCel = cel(c.cel);
      let decided = 0;
      rows.forEach((row, i) => {
        const want = byCel(row);
        if (want === undefined) return;
        decided++;
        const got = feel(c.feel, row);
        if (got !== want) disagreements.push(`${c.process}: ${c.cel} on row ${i + 1}: CEL ${want}, FEEL ${String(got)}`);
      });
      // A condition CEL never decides would make this test vacuous.
      expect(decided, c.cel).toBe(rows.length);
    }
    expect(disagreements).toEqual([]);
  });
});

// ------------------------------------------------------------------ generated conditions and cases

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261123 : undefined;

/** The declared fields of the generated cases, one of each kind a condition compares. */
const REGIONS = ['east', 'north', 'south', 'west', '区域'];
const FIELDS: Record<string, FieldInput> = {
  amount: { type: 'number' },
  discount_pct: { type: 'number' },
  score: { type: 'integer', min: 0, max: 100 },
  region: { type: 'enum', values: REGIONS },
  channel: { type: 'string' },
  vip: { type: 'boolean' },
};
const WORDS = ['east', 'north', 'referral', '区域', 'say "hi"', 'back\\slash', 'tab\there', 'line\nbreak', ''];

const doubleText = (n: number) => (Number.isInteger(n) ? `${n}.0` : String(n));
const numberValue = fc.oneof(fc.integer({ min: -1000, max: 300000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 5, 15, 70, 0.1, 0.2, 0.3, 1e-7));
const intValue = fc.oneof(fc.integer({ min: -1000, max: 300000 }), fc.constantFrom(0, 20, 50, 70, 90, 100));
/** Small factors, so that integer products stay below 2^53, where feelin's JavaScript numbers are exact like CEL's int. */
const factor = fc.integer({ min: -10, max: 10 });
const stringValue = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 }));

const celString = (s: string) => JSON.stringify(s);
/** Bounded depth, shared by the four kinds, so generated conditions stay readable and products small. */
const depth = { depthSize: 'small', maxDepth: 5, depthIdentifier: 'condition', withCrossShrink: true } as const;

/**
 * CEL text of four types: int (the integer field, integer literals), double (number fields,
 * double literals), string and bool; with arithmetic, division and mixes of int and double.
 */
const { bool } = fc.letrec<{ int: string; dbl: string; num: string; str: string; bool: string }>((tie) => ({
  int: fc.oneof(
    depth,
    fc.constant('case.score'),
    intValue.map(String),
    fc.tuple(tie('int'), fc.constantFrom('+', '-'), tie('int')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('int'), factor).map(([a, k]) => `(${a} * ${k})`),
    tie('int').map((a) => `-(${a})`),
    fc.tuple(tie('bool'), tie('int'), tie('int')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
  ),
  dbl: fc.oneof(
    depth,
    fc.constantFrom('case.amount', 'case.discount_pct'),
    numberValue.map(doubleText),
    fc.tuple(tie('dbl'), fc.constantFrom('+', '-', '*'), tie('dbl')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('dbl').map((a) => `-(${a})`),
    fc.tuple(tie('bool'), tie('dbl'), tie('dbl')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
  ),
  num: fc.oneof(
    depth,
    tie('int'),
    tie('dbl'),
    // What is refused: int and double in one arithmetic, division of either, a mixed conditional.
    fc.tuple(tie('int'), fc.constantFrom('+', '-', '*', '/'), tie('dbl')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('dbl'), fc.constantFrom('+', '*'), tie('int')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('int'), tie('int')).map(([a, b]) => `(${a} / ${b})`),
    fc.tuple(tie('bool'), tie('int'), tie('dbl')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
  ),
  str: fc.oneof(
    depth,
    fc.constantFrom('case.region', 'case.channel'),
    stringValue.map(celString),
    fc.tuple(tie('bool'), tie('str'), tie('str')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
  ),
  bool: fc.oneof(
    depth,
    fc.constant('case.vip'),
    fc.boolean().map(String),
    fc.tuple(tie('num'), fc.constantFrom('==', '!=', '<', '<=', '>', '>='), tie('num')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('str'), fc.constantFrom('==', '!=', '<', '>='), tie('str')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('bool'), fc.constantFrom('==', '!=', '<'), fc.boolean()).map(([a, op, b]) => `(${a}) ${op} ${b}`),
    // == across types: false in CEL, null in FEEL, so refused.
    fc.tuple(fc.constantFrom('case.vip', 'case.region'), fc.constantFrom('==', '!='), tie('num')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('str'), fc.array(stringValue, { maxLength: 3 })).map(([a, l]) => `${a} in [${l.map(celString).join(', ')}]`),
    fc.tuple(tie('num'), fc.array(numberValue, { maxLength: 3 })).map(([a, l]) => `${a} in [${l.map(doubleText).join(', ')}]`),
    fc.tuple(tie('int'), fc.array(intValue, { maxLength: 3 })).map(([a, l]) => `${a} in [${l.join(', ')}]`),
    fc.tuple(tie('bool'), fc.constantFrom('&&', '||'), tie('bool')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('bool').map((a) => `!(${a})`),
  ),
}));

/** A case as simulate reads it by the declared types (score a BigInt, CEL int); some fields left out, like an empty CSV cell. */
const row: fc.Arbitrary<Row> = fc.record(
  {
    amount: numberValue,
    score: fc.bigInt({ min: 0n, max: 100n }),
    discount_pct: numberValue,
    region: fc.constantFrom(...REGIONS),
    channel: stringValue,
    vip: fc.boolean(),
  },
  { requiredKeys: ['score', 'region', 'vip'] },
);

describe('generated conditions on generated cases', () => {
  test('the exporter refuses a condition, or FEEL decides every case as CEL does', () => {
    let compared = 0;
    let refused = 0;
    // Conditions with integer arithmetic that are exported: what declared integer fields allow.
    let intArithmetic = 0;
    fc.assert(
      fc.property(bool, fc.array(row, { minLength: 1, maxLength: 12 }), (condition, rows) => {
        let translated: string;
        try {
          translated = celToFeel(condition, FIELDS);
        } catch (e) {
          if (!(e instanceof ExpressionError)) throw e;
          refused++;
          return;
        }
        if (/case\.score [+-] |case\.score \* /.test(condition)) intArithmetic++;
        const byCel = cel(condition);
        for (const r of rows) {
          const want = byCel(r);
          if (want === undefined) continue;
          compared++;
          expect(feel(translated, r), `${condition} → ${translated} on ${fc.stringify(r)}`).toBe(want);
        }
      }),
      { numRuns: 400, seed },
    );
    // Both sides of the property ran: conditions that translate and decide, and refusals.
    expect(compared).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(0);
    expect(intArithmetic).toBeGreaterThan(2);
  });
});

describe('what has no faithful FEEL form is refused with the reason', () => {
  // Without declared fields, as before: case numbers are doubles.
  const refusals: [string, RegExp][] = [
    ['case.amount / 2.0 > 1000.0', /divides \("case.amount \/ 2.0"\): CEL truncates integer division/],
    ['case.score + 20 >= 70', /mixes the integer 20 with a field in "case.score \+ 20".*declare the field as an integer under fields: in crmflow.yaml, or move 20 to the other side of the comparison/],
    ['case.vip < true', /orders booleans/],
    ['has(case.vip)', /calls has\(\)/],
    ['case.region.startsWith("e")', /calls startsWith\(\)/],
    ['case["if"] == 1', /field "if" is not a valid FEEL variable name/],
    ['case.amount == 9007199254740993', /beyond 2\^53/],
    ['case.region == "bell\\a"', /control character/],
  ];
  for (const [condition, message] of refusals) {
    test(condition, () => {
      expect(() => celToFeel(condition)).toThrow(ExpressionError);
      expect(() => celToFeel(condition)).toThrow(message);
    });
  }

  const typed: Record<string, FieldInput> = { ...FIELDS, created_at: { type: 'datetime' }, closed_on: { type: 'date' } };
  const typedRefusals: [string, RegExp][] = [
    ['case.score / 2 > 40', /divides integers \("case.score \/ 2"\): CEL truncates \(7 \/ 2 is 3\), FEEL divides exactly/],
    ['case.amount + 20 > 100.0', /mixes an integer and a number in "case.amount \+ 20": CEL has no int and double overload.*move 20 to the other side of the comparison/],
    ['case.score * 1.5 > 100.0', /mixes an integer and a number in "case.score \* 1.5".*write 1.5 without .0|mixes an integer and a number/],
    ['case.score + case.amount > 100.0', /give both sides one type \(validate reports it as type-mismatch\)/],
    ['(case.vip ? case.score : case.amount) + 1.0 > 2.0', /computes with "case.vip \? case.score : case.amount", an integer on some cases and a number on others/],
    ['case.vip == (case.vip ? case.score : case.amount)', /compares a bool with a number/],
    ['(case.vip ? case.region : 1) == 1', /gives a string or an int from "case.vip \? case.region : 1"/],
    ['case.vip == 1', /compares a bool with an int in "case.vip == 1": CEL says they differ, FEEL gives null/],
    ['case.region != 2.5', /compares a string with a double/],
    ['case.vip > case.vip', /orders booleans/],
    ['case.created_at < case.created_at', /reads the datetime field created_at: Zeebe process variables are JSON/],
    ['case.closed_on == null', /reads the date field closed_on/],
  ];
  for (const [condition, message] of typedRefusals) {
    test(`with declared fields: ${condition}`, () => {
      expect(() => celToFeel(condition, typed)).toThrow(ExpressionError);
      expect(() => celToFeel(condition, typed)).toThrow(message);
    });
  }

  test('with declared fields, integer arithmetic on an integer field is exported and agrees', () => {
    expect(celToFeel('case.score + 20 >= 70', FIELDS)).toBe('score + 20 >= 70');
    expect(celToFeel('(case.amount > 100000 ? case.score : case.score + 20) >= 70', FIELDS)).toBe('(if amount > 100000 then score else score + 20) >= 70');
    expect(celToFeel('case.score * -3 - 1 < case.amount', FIELDS)).toBe('score * -3 - 1 < amount');
    expect(celToFeel('case.vip == true && case.region == "east"', FIELDS)).toBe('vip = true and region = "east"');
    // 50 + 20 = 70 in both; CEL with score as the int 50, FEEL with 50 as Zeebe's JSON number.
    for (const [score, want] of [
      [50n, true],
      [49n, false],
    ] as const) {
      expect(cel('case.score + 20 >= 70')({ score })).toBe(want);
      expect(feel('score + 20 >= 70', { score })).toBe(want);
    }
  });

  test('numbers FEEL cannot write in exponent form are written out in digits', () => {
    expect(celToFeel('case.amount < 1e21')).toBe('amount < 1000000000000000000000');
    expect(celToFeel('case.amount > 1e-7')).toBe('amount > 0.0000001');
    expect(feel(celToFeel('case.amount > 1e-7'), { amount: 2e-7 })).toBe(true);
  });
});
