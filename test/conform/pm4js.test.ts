/**
 * crmflow's conformance against pm4js on the same logs and the same models: pm4js imports the
 * BPMN file and converts it to a Petri net itself; crmflow imports the BPMN file into YAML and
 * replays on that. Token replay and alignment fitness must agree, on the real logs and on logs
 * with one seeded deviation (skip, insert or swap) per case.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNet, caseLabels, conform, mapLog, tokenReplay } from '../../src/conform/index.js';
import { readEventLog } from '../../src/log/index.js';
import type { EventLog } from '../../src/log/types.js';
import { Rng } from '../../src/simulate/random.js';
import { LOGS, importedProject } from './helpers.js';
import { pm4jsAlignments, pm4jsLog, pm4jsLogOf, pm4jsNet, pm4jsSlipped, pm4jsTokenReplay } from './pm4js.js';

const CASES = [
  { bpmn: 'running-example.bpmn', xes: 'running-example.xes', cases: 6 },
  { bpmn: 'receipt.bpmn', xes: 'receipt.xes.gz', cases: 1434 },
] as const;

describe.each(CASES)('$xes on crmflow import of $bpmn', ({ bpmn, xes, cases }) => {
  it('has the fitness and fitting cases pm4js computes', async () => {
    const { project, processId } = await importedProject(bpmn);
    expect(project.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const log = await readEventLog(join(LOGS, xes));
    const report = conform(project, processId, log);
    expect(report.cases).toBe(cases);
    expect(report.unmapped).toEqual([]);

    const net = pm4jsNet(join(LOGS, bpmn));
    const ref = pm4jsLog(join(LOGS, xes));
    const tbr = pm4jsTokenReplay(ref, net);
    const al = pm4jsAlignments(ref, net);
    expect(report.fitness.tokenReplay).toBeCloseTo(tbr.logFitness, 12);
    expect(report.fitness.alignment).toBeCloseTo(al.logFitness, 12);
    expect(report.fittingCases).toBe(al.fitTraces);
    expect(report.deviations.length === 0).toBe(al.fitTraces === cases);
  }, 120_000);
});

/** One seeded deviation per case: an event left out, an activity put in, or two neighbours swapped. */
function perturb(log: EventLog, seed: number, limit: number) {
  const rng = new Rng(seed);
  const alphabet = [...new Set(log.cases.flatMap((c) => c.events.map((e) => e.activity)))].sort();
  const pick = (n: number) => Math.floor(rng.next() * n);
  const changed: Array<{ kind: 'skip' | 'insert' | 'swap'; activities: string[]; at: number }> = [];
  const cases = log.cases.slice(0, limit).map((c) => {
    const events = c.events.map((e) => ({ ...e }));
    const kind = events.length < 2 ? 'insert' : (['skip', 'insert', 'swap'] as const)[pick(3)]!;
    const i = pick(events.length - (kind === 'swap' ? 1 : 0));
    if (kind === 'skip') changed.push({ kind, activities: [events.splice(i, 1)[0]!.activity], at: i });
    else if (kind === 'insert') {
      const activity = alphabet[pick(alphabet.length)]!;
      events.splice(i, 0, { ...events[i]!, activity });
      changed.push({ kind, activities: [activity], at: i });
    } else {
      [events[i], events[i + 1]] = [events[i + 1]!, events[i]!];
      changed.push({ kind, activities: [events[i]!.activity, events[i + 1]!.activity], at: i });
    }
    return { id: c.id, events };
  });
  const events = cases.reduce((n, c) => n + c.events.length, 0);
  return { log: { ...log, cases, stats: { ...log.stats, cases: cases.length, events } }, changed };
}

describe.each([
  { ...CASES[0], seed: 7, limit: 6 },
  { ...CASES[1], seed: 13, limit: 400 },
])('$xes with one injected deviation per case (seed $seed)', ({ bpmn, xes, seed, limit }) => {
  it('agrees with pm4js on fitness and fitting cases, and reports each deviation at its step', async () => {
    const { project, processId } = await importedProject(bpmn);
    const { log, changed } = perturb(await readEventLog(join(LOGS, xes)), seed, limit);
    const report = conform(project, processId, log);

    const net = pm4jsNet(join(LOGS, bpmn));
    const ref = pm4jsLogOf(log.cases.map((c) => c.events.map((e) => e.activity)));
    const al = pm4jsAlignments(ref, net);
    const tbr = pm4jsTokenReplay(ref, net);
    expect(Math.abs(report.fitness.alignment - al.logFitness)).toBeLessThanOrEqual(0.005);
    // pm4js's token replay has two slips pm4py does not (a missing token overwrites the input's
    // count instead of adding to it; firing sets an output place to 1 instead of adding 1), and
    // it moves tokens along the first chain of invisible transitions it finds where pm4py (and
    // crmflow) take the shortest, which changes the consumed and produced counts but not what
    // is missing or left. Where pm4js did not slip, a case's missing and remaining tokens and
    // whether it fits must be ours exactly.
    const net2 = buildNet(project, processId);
    const mine = tokenReplay(net2, caseLabels(log, mapLog(log, net2.steps).steps));
    expect(mine.fitness).toBe(report.fitness.tokenReplay);
    let compared = 0;
    tbr.result.forEach((r, i) => {
      if (pm4jsSlipped(r)) return;
      compared++;
      const m = mine.cases[i]!;
      expect([m.missing, m.remaining, m.fit], log.cases[i]!.events.map((e) => e.activity).join(' > ')).toEqual([r.missing, r.remaining, r.isFit]);
    });
    expect(compared).toBeGreaterThan(log.cases.length / 2);
    const unfit = new Set(log.cases.filter((_, i) => al.overallResult[i]!.cost > 0).map((c) => c.id));
    expect(new Set(report.deviations.map((d) => d.case))).toEqual(unfit);
    expect(report.fittingCases).toBe(al.fitTraces);
    expect(unfit.size).toBeGreaterThan(0);

    // Each unfit case has a deviation at a step the injected change touched, or close to where
    // it was made: an optimal alignment may explain a change by a move nearby that costs as
    // little (a skipped alternative of the step left out, an activity the swap made impossible).
    const stepName = new Map(report.steps.map((s) => [s.step, s.name]));
    let exact = 0;
    log.cases.forEach((c, i) => {
      if (!unfit.has(c.id)) return;
      const found = report.deviations.filter((d) => d.case === c.id);
      const names = found.map((d) => stepName.get(d.step!) ?? d.activity);
      const atStep = names.some((n) => changed[i]!.activities.includes(n!));
      if (atStep) exact++;
      const near = found.some((d) => Math.abs(d.at - changed[i]!.at) <= 2);
      expect(atStep || near, `${c.id}: ${changed[i]!.kind} ${changed[i]!.activities} at ${changed[i]!.at} vs ${JSON.stringify(found)}`).toBe(true);
      expect(found.length).toBe(al.overallResult[i]!.cost - found.filter((d) => d.kind === 'wrong-order').length);
    });
    expect(exact).toBeGreaterThanOrEqual(unfit.size * 0.75);
  }, 300_000);
});
