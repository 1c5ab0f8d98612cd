/**
 * The lead routing of issue 12 — vip (boolean), score (integer), amount (number), region (enum)
 * through one four-branch decision — on 400 generated CSV rows: simulate's branch for each row
 * (its condition table, read in branch order as the engine does) equals the branch the Camunda 8
 * export's FEEL takes for that row (feelin, in the gateway's flow order, else the default flow).
 */
import { fileURLToPath } from 'node:url';
import { evaluate } from 'feelin';
import { describe, expect, test } from 'vitest';
import { loadProject } from '../../src/model/load.js';
import { DECISION, compileModel } from '../../src/simulate/model.js';
import { parseCsvCases, type CaseRecord } from '../../src/simulate/data.js';
import { createModdle } from '../../src/bpmn/moddle.js';
import { exportXml } from './helpers.js';
import { Rng } from '../../src/simulate/random.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/typed-routing/', import.meta.url));
const ROWS = 400;

/** A CSV as a CRM exports it: booleans in several spellings, amounts with thousands separators. */
function leadsCsv(rows: number, seed: number): string {
  const rng = new Rng(seed); // the simulator's own seeded source: the same rows on every run
  const next = () => rng.next();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const lines = ['vip,score,amount,region'];
  for (let i = 0; i < rows; i++) {
    const vip = next() < 0.1 ? pick(['true', 'yes', '是', '1']) : pick(['false', 'no', '否', '0']);
    // Scores around the thresholds 50, 70 and 90; amounts either side of 100,000.
    const score = pick([Math.floor(next() * 101), pick([49, 50, 51, 69, 70, 71, 89, 90])]);
    const cents = Math.floor(next() * 25_000_000);
    const amount = next() < 0.5 ? `"${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}"` : (cents / 100).toFixed(2);
    lines.push(`${vip},${score},${next() < 0.05 ? '100000' : amount},${pick(['east', 'north', 'south', 'west'])}`);
  }
  return `${lines.join('\n')}\n`;
}

/** What Zeebe receives as process variables: JSON, so integers are plain numbers. */
function variables(row: CaseRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]));
}

describe('issue 12: typed lead routing, simulate and Camunda 8 case by case', async () => {
  const project = await loadProject({ cwd: FIXTURE });
  const process = project.processes.get('lead-routing')!;
  const rows = parseCsvCases(leadsCsv(ROWS, 20261201), 'leads.csv', { fields: project.config.fields });

  /** simulate's branch per row: the first exit whose condition holds, else the else branch. */
  function simulateRoutes(): string[] {
    const model = compileModel(project, 'lead-routing', { data: rows, origin: 0 });
    expect(model.conditionErrors).toEqual([]);
    const node = model.nodes.find((n) => n.kind === DECISION && n.step === 'route')!;
    const nc = model.conditions.length;
    return rows.map((_, r) => {
      for (const e of node.exits) {
        const v = model.table[r * nc + e.cond];
        if (v === 1) return model.nodes[e.node]!.step;
        if (v !== 0) return `undecided (${model.conditions[e.cond]})`;
      }
      return model.nodes[node.elseNode]!.step;
    });
  }

  /** The exported gateway's branch per row: the first outgoing flow whose FEEL is true, else the default. */
  async function feelRoutes(): Promise<{ routes: string[]; bodies: string[] }> {
    const moddle = await createModdle();
    const { rootElement } = await moddle.fromXML(await exportXml(project, process, 'camunda8'));
    const bp = rootElement.rootElements.find((e: { $type: string }) => e.$type === 'bpmn:Process');
    const gateway = bp.flowElements.find((e: { id: string }) => e.id === 'route');
    const flows: { id: string; targetRef: { id: string }; conditionExpression?: { body: string } }[] = gateway.outgoing;
    const bodies = flows.flatMap((f) => (f.conditionExpression ? [f.conditionExpression.body] : []));
    const routes = rows.map((row) => {
      const context = variables(row);
      for (const f of flows) {
        if (f === gateway.default) continue;
        const value = evaluate(f.conditionExpression!.body.slice(1), context).value;
        // Zeebe raises an incident for a condition that is not true or false.
        if (value === true) return f.targetRef.id;
        if (value !== false) return `incident (${f.conditionExpression!.body} gives ${String(value)})`;
      }
      return gateway.default.targetRef.id;
    });
    return { routes, bodies };
  }

  test('the data is read typed: vip booleans, score integers, amounts with separators', () => {
    expect(rows).toHaveLength(ROWS);
    expect(rows.every((r) => typeof r.vip === 'boolean' && typeof r.score === 'bigint' && typeof r.amount === 'number' && typeof r.region === 'string')).toBe(true);
  });

  test('integer arithmetic on the integer field is exported as FEEL, not refused', async () => {
    const { bodies } = await feelRoutes();
    expect(bodies).toEqual(['=vip = true or score >= 90', '=(if amount > 100000 then score else score + 20) >= 70', '=list contains(["east", "north"], region)']);
  });

  test('all 400 rows take the same branch in simulate and in the exported FEEL: 0 mismatches', async () => {
    const bySimulate = simulateRoutes();
    const { routes: byFeel } = await feelRoutes();
    const mismatches = rows.flatMap((row, i) => (bySimulate[i] === byFeel[i] ? [] : [`row ${i + 1} ${JSON.stringify(variables(row))}: simulate ${bySimulate[i]}, FEEL ${byFeel[i]}`]));
    expect(mismatches).toEqual([]);
    // Every branch is taken by many rows, so agreement is not agreement on one branch.
    const counts = new Map<string, number>();
    for (const r of bySimulate) counts.set(r, (counts.get(r) ?? 0) + 1);
    for (const step of ['key-account', 'sales-rep', 'regional', 'nurture']) expect(counts.get(step) ?? 0, step).toBeGreaterThan(20);
  });

  test('the second condition by hand: a 50-point lead under 100,000 reaches 70 with the bonus, above it not', () => {
    const model = compileModel(project, 'lead-routing', {
      data: [
        { vip: false, score: 50n, amount: 99_999.5, region: 'south' },
        { vip: false, score: 50n, amount: 100_000.5, region: 'south' },
      ],
      origin: 0,
    });
    const c = model.conditions.indexOf('(case.amount > 100000 ? case.score : case.score + 20) >= 70');
    expect([model.table[c], model.table[model.conditions.length + c]]).toEqual([1, 0]);
    const feel = '(if amount > 100000 then score else score + 20) >= 70';
    expect([evaluate(feel, { score: 50, amount: 99_999.5 }).value, evaluate(feel, { score: 50, amount: 100_000.5 }).value]).toEqual([true, false]);
  });
});
