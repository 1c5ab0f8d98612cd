/**
 * pm4js as the reference: its own BPMN import, BPMN-to-Petri-net conversion, token-based replay
 * and alignments, loaded file by file (the whole package keeps handles open that stop the test
 * run from ending).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
for (const f of [
  'objects/log/importer/xes/importer.js',
  'objects/bpmn/importer/bpmn_importer.js',
  'objects/conversion/bpmn/to_petri_net.js',
  'algo/conformance/tokenreplay/algorithm.js',
  'algo/conformance/alignments/petri_net/algorithm.js',
]) require(`pm4js/pm4js/${f}`);

interface Pm4jsLog {
  traces: Array<{ attributes: Record<string, { value: unknown }>; events: Array<{ attributes: Record<string, { value: unknown }> }> }>;
}
type Net = unknown;
interface Pm4jsTransition {
  inArcs: Record<string, { source: { toString(): string } }>;
  outArcs: Record<string, { target: { toString(): string } }>;
}
export interface Pm4jsTraceReplay {
  isFit: boolean;
  missing: number;
  remaining: number;
  consumed: number;
  produced: number;
  visitedTransitions: Pm4jsTransition[];
  visitedMarkings: Array<{ tokens: Record<string, number> }>;
}
const g = globalThis as unknown as {
  XesImporter: { apply(xml: string): Pm4jsLog };
  BpmnImporter: { apply(xml: string): unknown };
  BpmnToPetriNetConverter: { apply(graph: unknown): Net };
  TokenBasedReplay: { apply(log: Pm4jsLog, net: Net): { logFitness: number; fitTraces: number; result: Pm4jsTraceReplay[] } };
  PetriNetAlignments: { apply(log: Pm4jsLog, net: Net): { logFitness: number; fitTraces: number; overallResult: Array<{ cost: number; alignment: string } | null> } };
};

/** Reads an XES file (or .xes.gz) with pm4js's DOM importer. */
export function pm4jsLog(path: string): Pm4jsLog {
  const bytes = readFileSync(path);
  return g.XesImporter.apply((path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
}

/** A log from activity sequences, for pm4js. */
export function pm4jsLogOf(cases: ReadonlyArray<readonly string[]>): Pm4jsLog {
  const at = (v: string) => ({ value: v });
  return {
    traces: cases.map((acts, i) => ({
      attributes: { 'concept:name': at(String(i)) },
      events: acts.map((a, j) => ({ attributes: { 'concept:name': at(a), 'time:timestamp': { value: new Date(Date.UTC(2026, 0, 1) + j * 60_000) } } })),
    })),
  };
}

/** pm4js's accepting Petri net for a BPMN file. */
export function pm4jsNet(bpmnPath: string): Net {
  return g.BpmnToPetriNetConverter.apply(g.BpmnImporter.apply(readFileSync(bpmnPath, 'utf8')));
}

export function pm4jsTokenReplay(log: Pm4jsLog, net: Net) {
  return g.TokenBasedReplay.apply(log, net);
}

export function pm4jsAlignments(log: Pm4jsLog, net: Net) {
  return g.PetriNetAlignments.apply(log, net);
}

/**
 * Whether pm4js's replay of a trace hit one of its two slips: a place with 0 or fewer tokens
 * left in a marking (a missing token overwrote a marked input), or a transition that put a token
 * into a place already marked (pm4js sets the count to 1 instead of adding).
 */
export function pm4jsSlipped(r: Pm4jsTraceReplay): boolean {
  if (r.visitedMarkings.some((m) => Object.values(m.tokens).some((n) => n <= 0))) return true;
  return r.visitedTransitions.some((t, i) => {
    const before = r.visitedMarkings[i]!.tokens;
    const pre = new Set(Object.values(t.inArcs).map((a) => String(a.source)));
    return Object.values(t.outArcs).some((a) => !pre.has(String(a.target)) && (before[String(a.target)] ?? 0) >= 1);
  });
}
