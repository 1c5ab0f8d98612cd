/**
 * Camunda 8 conditions route like simulate: every CEL condition the exporter writes as FEEL is
 * evaluated by crmflow's CEL (@marcbachmann/cel-js, as simulate does) and by feelin, bpmn-io's
 * FEEL interpreter, on the example's sample data and on generated cases. Wherever CEL decides
 * (true or false), FEEL must decide the same; what would not is refused at export.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { evaluate } from 'feelin';
import { describe, expect, test } from 'vitest';
import { compileCondition } from '../../src/model/cel.js';
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

function feel(expression: string, row: Row): unknown {
  return evaluate(expression, row).value;
}

/** The sample data with its columns typed: numbers as numbers, empty cells left out. */
function sampleRows(): Row[] {
  const records = parse(readFileSync(join(REPO, 'data/leads-sample.csv'), 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  const numbers = new Set(['score', 'amount', 'discount_pct']);
  return records.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '').map(([k, v]) => [k, numbers.has(k) ? Number(v) : v])));
}

describe('the example project on its sample data', async () => {
  const project = await exampleProject();
  const rows = sampleRows();

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

  test('the sample has rows and the export has CEL conditions', () => {
    expect(rows.length).toBeGreaterThan(700);
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

/** Case fields with one type each, as declared fields give them. */
const NUMBERS = ['amount', 'score', 'discount_pct'];
const STRINGS = ['region', 'channel'];
const BOOLEANS = ['vip'];
const WORDS = ['east', 'north', 'referral', '区域', 'say "hi"', 'back\\slash', 'tab\there', 'line\nbreak', ''];

const doubleText = (n: number) => (Number.isInteger(n) ? `${n}.0` : String(n));
const numberValue = fc.oneof(fc.integer({ min: -1000, max: 300000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 5, 15, 70, 0.1, 0.2, 0.3, 1e-7));
const stringValue = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 }));

const celString = (s: string) => JSON.stringify(s);

/** CEL text of the three types; integer and double literals, arithmetic, division and all. */
const { bool } = fc.letrec<{ num: string; str: string; bool: string }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...NUMBERS).map((f) => `case.${f}`),
    numberValue.map((n) => (Number.isInteger(n) ? String(n) : doubleText(n))),
    numberValue.map(doubleText),
    fc.tuple(tie('num'), fc.constantFrom('+', '-', '*', '/'), tie('num')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('num').map((a) => `-(${a})`),
    fc.tuple(tie('bool'), tie('num'), tie('num')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
  ),
  str: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...STRINGS).map((f) => `case.${f}`),
    stringValue.map(celString),
    fc.tuple(tie('bool'), tie('str'), tie('str')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
  ),
  bool: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...BOOLEANS).map((f) => `case.${f}`),
    fc.boolean().map(String),
    fc.tuple(tie('num'), fc.constantFrom('==', '!=', '<', '<=', '>', '>='), tie('num')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('str'), fc.constantFrom('==', '!=', '<', '>='), tie('str')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('bool'), fc.constantFrom('==', '!=', '<'), fc.boolean()).map(([a, op, b]) => `(${a}) ${op} ${b}`),
    fc.tuple(tie('str'), fc.array(stringValue, { maxLength: 3 })).map(([a, l]) => `${a} in [${l.map(celString).join(', ')}]`),
    fc.tuple(tie('num'), fc.array(numberValue, { maxLength: 3 })).map(([a, l]) => `${a} in [${l.map(doubleText).join(', ')}]`),
    fc.tuple(tie('bool'), fc.constantFrom('&&', '||'), tie('bool')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('bool').map((a) => `!(${a})`),
  ),
}));

/** A case: every field of its type, some left out (an empty CSV cell). */
const row: fc.Arbitrary<Row> = fc.record(
  {
    amount: numberValue,
    score: fc.integer({ min: 0, max: 100 }),
    discount_pct: numberValue,
    region: stringValue,
    channel: stringValue,
    vip: fc.boolean(),
  },
  { requiredKeys: ['score', 'region', 'vip'] },
);

describe('generated conditions on generated cases', () => {
  test('the exporter refuses a condition, or FEEL decides every case as CEL does', () => {
    let compared = 0;
    let refused = 0;
    fc.assert(
      fc.property(bool, fc.array(row, { minLength: 1, maxLength: 12 }), (condition, rows) => {
        let translated: string;
        try {
          translated = celToFeel(condition);
        } catch (e) {
          if (!(e instanceof ExpressionError)) throw e;
          refused++;
          return;
        }
        const byCel = cel(condition);
        for (const r of rows) {
          const want = byCel(r);
          if (want === undefined) continue;
          compared++;
          expect(feel(translated, r), `${condition} → ${translated} on ${JSON.stringify(r)}`).toBe(want);
        }
      }),
      { numRuns: 400, seed },
    );
    // Both sides of the property ran: conditions that translate and decide, and refusals.
    expect(compared).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(0);
  });
});

describe('what has no faithful FEEL form is refused with the reason', () => {
  const refusals: [string, RegExp][] = [
    ['case.amount / 2.0 > 1000.0', /divides \("case.amount \/ 2.0"\): CEL truncates integer division/],
    ['case.score + 20 >= 70', /mixes the integer 20 with a field in "case.score \+ 20".*write 20.0/],
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

  test('numbers FEEL cannot write in exponent form are written out in digits', () => {
    expect(celToFeel('case.amount < 1e21')).toBe('amount < 1000000000000000000000');
    expect(celToFeel('case.amount > 1e-7')).toBe('amount > 0.0000001');
    expect(feel(celToFeel('case.amount > 1e-7'), { amount: 2e-7 })).toBe(true);
  });
});
