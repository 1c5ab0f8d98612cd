/**
 * The semantic diff of two projects (DESIGN §8): a pure function, no git and no I/O.
 * Processes are matched by id and steps by id; a step whose id changed but whose content is
 * alike is reported as renamed, and references to it are read through the rename so that its
 * neighbours do not show up as changed.
 */
import { distance } from 'fastest-levenshtein';
import { edgesOf, outgoing, stepName } from '../model/graph.js';
import type { Finding, Process, Project, Step } from '../model/types.js';
import type { DiffFinding, DiffReport, DiffSummary, FieldChange, ProcessDiff, StepDiff } from './types.js';

export interface DiffOptions {
  /** Label of the "before" side, e.g. `HEAD`. */
  from: string;
  /** Label of the "after" side, e.g. `working tree`. */
  to: string;
  /** Project-relative files or folders: only processes whose file lies in one of them are reported. */
  scopes?: readonly string[];
  /** The findings of a project for the lint delta (default: its validation findings). */
  findings?: (project: Project) => readonly Finding[];
  /** Lowest similarity (0–1) for a removed + added pair of steps to count as a rename. */
  renameThreshold?: number;
}

/** Default lowest similarity for a rename; see `stepSimilarity`. */
export const RENAME_THRESHOLD = 0.6;

const LAYER_ORDER: Record<string, number> = { strategy: 0, core: 1, operation: 2 };
const PROCESS_META = new Set(['steps', 'file', 'source', 'stepById', 'stepIndex', 'crmflow', 'id']);
const CONFIG_KEYS = ['processes', 'roles', 'calendars', 'kpis', 'lint', 'simulate'] as const;

/** Compares two projects. Unchanged processes are left out of the report. */
export function diffProjects(before: Project, after: Project, options: DiffOptions): DiffReport {
  const findingsOf = options.findings ?? ((p: Project) => p.findings);
  // A file that no longer parses has findings without a process: they belong to the process of that file.
  const fileToId = new Map<string, string>();
  for (const p of [...before.processes.values(), ...after.processes.values()]) fileToId.set(p.file, p.id);
  const allBefore = findingsOf(before);
  const allAfter = findingsOf(after);
  const beforeFindings = groupByProcess(allBefore, fileToId);
  const afterFindings = groupByProcess(allAfter, fileToId);
  const scopes = options.scopes ?? [];
  const ids = new Set([...before.processes.keys(), ...after.processes.keys()]);
  // A process whose id changed (usually with its file) but whose steps are alike is the same process, renamed.
  const renamed = findProcessRenames(before, after);
  const renamedTo = new Set(renamed.values());
  const processes: ProcessDiff[] = [];
  for (const id of ids) {
    if (renamedTo.has(id)) continue;
    const a = before.processes.get(id);
    const to = renamed.get(id);
    const b = after.processes.get(to ?? id);
    if (scopes.length && !inScopes(a?.file, scopes) && !inScopes(b?.file, scopes)) continue;
    const d = diffProcess(a, b, beforeFindings.get(id) ?? [], afterFindings.get(to ?? id) ?? [], options.renameThreshold ?? RENAME_THRESHOLD);
    if (d) processes.push(d);
  }
  processes.sort((x, y) => (LAYER_ORDER[x.layer] ?? 9) - (LAYER_ORDER[y.layer] ?? 9) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));

  const config: Record<string, FieldChange> = {};
  for (const key of CONFIG_KEYS) {
    const x = before.config[key];
    const y = after.config[key];
    if (canonical(x) !== canonical(y)) config[key] = { before: plain(x), after: plain(y) };
  }
  const report: DiffReport = { from: options.from, to: options.to, processes, summary: summarize(processes) };
  if (Object.keys(config).length && scopes.length === 0) report.config = config;
  // Findings of no process (crmflow.yaml: a KPI naming a step that is gone) belong to the project.
  const ofProject = (fs: readonly Finding[]) => fs.filter((f) => !(f.process ?? fileToId.get(f.file)) && (scopes.length === 0 || inScopes(f.file, scopes)));
  const lint = lintDelta(ofProject(allBefore), ofProject(allAfter), new Map(), true);
  if (lint.introduced.length || lint.resolved.length) {
    report.lint = lint;
    report.summary.lint.introduced += lint.introduced.length;
    report.summary.lint.resolved += lint.resolved.length;
  }
  return report;
}

/** Whether a diff has anything to show (for `--exit-code`). */
export function hasChanges(report: DiffReport): boolean {
  return report.processes.length > 0 || report.config !== undefined || report.lint !== undefined;
}

function inScopes(file: string | undefined, scopes: readonly string[]): boolean {
  if (file === undefined) return false;
  return scopes.some((s) => s === '' || file === s || file.startsWith(s.endsWith('/') ? s : `${s}/`));
}

function groupByProcess(findings: readonly Finding[], fileToId: Map<string, string>): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) {
    const id = f.process ?? fileToId.get(f.file);
    if (!id) continue;
    const list = m.get(id) ?? [];
    list.push(f);
    m.set(id, list);
  }
  return m;
}

function diffProcess(a: Process | undefined, b: Process | undefined, fa: Finding[], fb: Finding[], threshold: number): ProcessDiff | undefined {
  const p = (b ?? a)!;
  const base = { id: p.id, name: p.name ?? p.id, layer: p.layer, file: p.file };
  if (!a || !b) {
    const only = (b ?? a)!;
    // The file is still there but no longer (or not yet) reads as a process: a change, not a removal.
    const unreadable = (b ? fa : fb).some((f) => f.severity === 'error' && f.file === only.file);
    if (unreadable) {
      const lint = lintDelta(fa, fb, new Map());
      // What can no longer be checked is not resolved.
      if (!b) lint.resolved = [];
      return { ...base, status: 'changed', unreadable: b ? 'before' : 'after', steps: [], flows: { added: [], removed: [] }, lint };
    }
    const status = b ? 'added' : 'removed';
    const edges = pairs(only, new Map());
    return {
      ...base,
      status,
      steps: only.steps.map((s) => ({ id: s.id, status, type: s.type, name: stepName(s) })),
      flows: { added: b ? edges : [], removed: b ? [] : edges },
      lint: lintDelta(fa, fb, new Map()),
    };
  }

  const fields: Record<string, FieldChange> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (PROCESS_META.has(key)) continue;
    const x = (a as unknown as Record<string, unknown>)[key];
    const y = (b as unknown as Record<string, unknown>)[key];
    if (canonical(x) !== canonical(y)) fields[key] = { before: plain(x), after: plain(y) };
  }
  if (a.file !== b.file) fields.file = { before: a.file, after: b.file };
  if (a.id !== b.id) fields.id = { before: a.id, after: b.id };

  const removedIds = a.steps.filter((s) => !b.stepById.has(s.id)).map((s) => s.id);
  const addedIds = b.steps.filter((s) => !a.stepById.has(s.id)).map((s) => s.id);
  const renames = findRenames(a, b, removedIds, addedIds, threshold);
  const renamedFrom = new Map([...renames].map(([from, to]) => [to.id, { from, score: to.score }]));
  const rename = new Map([...renames].map(([from, to]) => [from, to.id]));

  const steps: StepDiff[] = [];
  for (const s of b.steps) {
    if (b.stepById.get(s.id) !== s) continue;
    const r = renamedFrom.get(s.id);
    const old = r ? a.stepById.get(r.from) : a.stepById.get(s.id);
    if (!old) {
      steps.push(addedStep(b, s));
      continue;
    }
    const changed = stepFields(mapRefs(old, rename), s);
    if (r) {
      const d: StepDiff = { id: s.id, status: 'renamed', from: r.from, type: s.type, name: stepName(s), similarity: Math.round(r.score * 100) / 100 };
      if (Object.keys(changed).length) d.fields = changed;
      steps.push(d);
    } else if (Object.keys(changed).length) {
      steps.push({ id: s.id, status: 'changed', type: s.type, name: stepName(s), fields: changed });
    }
  }
  for (const s of a.steps) {
    if (a.stepById.get(s.id) !== s || b.stepById.has(s.id) || rename.has(s.id)) continue;
    steps.push({ id: s.id, status: 'removed', type: s.type, name: stepName(s) });
  }

  markSplits(a, b, steps, rename);

  const ea = pairs(a, rename);
  const eb = pairs(b, new Map());
  const ka = new Set(ea.map(key));
  const kb = new Set(eb.map(key));
  const flows = { added: eb.filter((e) => !ka.has(key(e))), removed: ea.filter((e) => !kb.has(key(e))) };
  const lint = lintDelta(fa, fb, rename);

  const changed = Object.keys(fields).length || steps.length || flows.added.length || flows.removed.length || lint.introduced.length || lint.resolved.length;
  if (!changed) return undefined;
  const d: ProcessDiff = { ...base, status: 'changed', steps, flows, lint };
  if (Object.keys(fields).length) d.fields = fields;
  return d;
}

/** Pairs processes only before with processes only after whose steps are alike (ids and types, Jaccard ≥ 0.6). */
function findProcessRenames(before: Project, after: Project): Map<string, string> {
  const gone = [...before.processes.values()].filter((p) => !after.processes.has(p.id));
  const come = [...after.processes.values()].filter((p) => !before.processes.has(p.id));
  const out = new Map<string, string>();
  if (!gone.length || !come.length) return out;
  const sig = (p: Process) => new Set(p.steps.map((s) => `${s.id}\u0000${s.type}`));
  const candidates: Array<{ from: string; to: string; score: number }> = [];
  for (const a of gone) {
    const sa = sig(a);
    for (const b of come) {
      const sb = sig(b);
      const shared = [...sa].filter((x) => sb.has(x)).length;
      const score = shared / (sa.size + sb.size - shared || 1);
      if (score >= 0.6) candidates.push({ from: a.id, to: b.id, score });
    }
  }
  candidates.sort((p, q) => q.score - p.score || (p.from < q.from ? -1 : 1));
  const used = new Set<string>();
  for (const c of candidates) {
    if (out.has(c.from) || used.has(c.to)) continue;
    out.set(c.from, c.to);
    used.add(c.to);
  }
  return out;
}

/**
 * A removed step replaced by a chain of two or more added steps that takes its place — from
 * one of its predecessors to one of its successors, one of the same type — was split: the
 * removed step gets `splitInto`, the added ones `splitFrom`.
 */
function markSplits(a: Process, b: Process, steps: StepDiff[], rename: Map<string, string>): void {
  const added = new Map(steps.filter((s) => s.status === 'added').map((s) => [s.id, s]));
  if (added.size < 2) return;
  const r = (id: string) => rename.get(id) ?? id;
  for (const gone of steps.filter((s) => s.status === 'removed')) {
    const x = a.stepById.get(gone.id)!;
    const preds = new Set(a.steps.filter((t) => outgoing(t).some((e) => e.to === x.id)).map((t) => r(t.id)));
    const succs = new Set(outgoing(x).map((e) => r(e.to)));
    for (const first of added.values()) {
      if (first.splitFrom || !b.steps.some((t) => preds.has(t.id) && outgoing(t).some((e) => e.to === first.id))) continue;
      const chain = [first.id];
      let cur = b.stepById.get(first.id)!;
      for (;;) {
        const outs = [...new Set(outgoing(cur).map((e) => e.to))];
        const next = outs.length === 1 ? added.get(outs[0]!) : undefined;
        if (!next || next.splitFrom || chain.includes(next.id)) break;
        chain.push(next.id);
        cur = b.stepById.get(next.id)!;
      }
      const ends = outgoing(cur).some((e) => succs.has(e.to));
      if (chain.length >= 2 && ends && chain.some((id) => b.stepById.get(id)!.type === x.type)) {
        gone.splitInto = chain;
        for (const id of chain) added.get(id)!.splitFrom = gone.id;
        break;
      }
    }
  }
}

/** An added step with what a reviewer needs: its fields (role, tiers, SLA, duration, …) and where it connects. */
function addedStep(p: Process, s: Step): StepDiff {
  const fields: Record<string, FieldChange> = {};
  const x = s as unknown as Record<string, unknown>;
  const first = ['role', 'tiers', 'duration', 'sla'];
  const order = (k: string) => (first.includes(k) ? first.indexOf(k) : first.length);
  for (const k of Object.keys(x).sort((p, q) => order(p) - order(q) || (p < q ? -1 : 1))) if (k !== 'id' && k !== 'type' && k !== 'name' && x[k] !== undefined) fields[k] = { before: null, after: plain(x[k]) };
  const from = [...new Set(p.steps.filter((t) => outgoing(t).some((e) => e.to === s.id)).map((t) => t.id))];
  const to = [...new Set(outgoing(s).map((e) => e.to))];
  const d: StepDiff = { id: s.id, status: 'added', type: s.type, name: stepName(s), connects: { from, to } };
  if (Object.keys(fields).length) d.fields = fields;
  return d;
}

const key = (e: [string, string]) => `${e[0]}\u0000${e[1]}`;

/** The distinct `[from, to]` pairs of a process's flows, ids read through `rename`. */
function pairs(p: Process, rename: Map<string, string>): Array<[string, string]> {
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  for (const e of edgesOf(p)) {
    const pair: [string, string] = [rename.get(e.from) ?? e.from, rename.get(e.to) ?? e.to];
    if (seen.has(key(pair))) continue;
    seen.add(key(pair));
    out.push(pair);
  }
  return out;
}

/** The fields of two versions of a step that differ (the id aside). */
function stepFields(before: Step, after: Step): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {};
  const x = before as unknown as Record<string, unknown>;
  const y = after as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
    if (k === 'id') continue;
    if (canonical(x[k]) !== canonical(y[k])) out[k] = { before: plain(x[k]), after: plain(y[k]) };
  }
  return out;
}

/** A copy of `step` whose references to other steps are read through `rename`. */
export function mapRefs(step: Step, rename: Map<string, string>): Step {
  if (rename.size === 0) return step;
  const r = (id: string) => rename.get(id) ?? id;
  const s = structuredClone(step) as Step & Record<string, unknown>;
  if ('next' in s && typeof s.next === 'string') s.next = r(s.next);
  if (s.type === 'decision') s.branches = s.branches.map((b) => ('else' in b ? { ...b, else: r(b.else) } : { ...b, next: r(b.next) }));
  if (s.type === 'parallel') {
    s.branches = s.branches.map(r);
    s.join = r(s.join);
  }
  const sla = (s as { sla?: { breach?: string } }).sla;
  if (sla?.breach) (s as Record<string, unknown>).sla = { ...sla, breach: r(sla.breach) };
  if ('on' in s && s.on) {
    const on: Record<string, unknown> = {};
    for (const [name, path] of Object.entries(s.on)) on[name] = typeof path === 'string' ? r(path) : { ...path, next: r(path.next) };
    (s as Record<string, unknown>).on = on;
  }
  return s;
}

/**
 * How alike two steps are, 0–1: nothing unless the type is the same; then the name (edit
 * distance, 35 %), the other fields (share of equal ones, 45 %) and the neighbours (steps
 * leading in and out, Jaccard, 20 %); a step with no other fields by name (75 %) and
 * neighbours (25 %). The same step under a new id scores 1; a different task
 * of the same type usually scores below 0.3.
 */
export function stepSimilarity(a: Step, b: Step, neighboursA: Set<string>, neighboursB: Set<string>): number {
  if (a.type !== b.type) return 0;
  const na = normalise(stepName(a));
  const nb = normalise(stepName(b));
  const name = na === nb ? 1 : 1 - distance(na, nb) / Math.max(na.length, nb.length, 1);
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter((k) => k !== 'id' && k !== 'name' && k !== 'type');
  const union = new Set([...neighboursA, ...neighboursB]);
  const shared = [...neighboursA].filter((n) => neighboursB.has(n)).length;
  const neighbours = union.size === 0 ? 1 : shared / union.size;
  // Steps with nothing but a name (an end without outcome) are told apart by the name.
  if (keys.length === 0) return 0.75 * name + 0.25 * neighbours;
  const fields = keys.filter((k) => canonical(x[k]) === canonical(y[k])).length / keys.length;
  return 0.35 * name + 0.45 * fields + 0.2 * neighbours;
}

function normalise(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\-_.,;:!?'"()]+/g, ' ').trim();
}

function neighbours(p: Process, id: string): Set<string> {
  const out = new Set<string>();
  for (const s of p.steps) {
    for (const e of outgoing(s)) {
      if (s.id === id) out.add(`>${e.to}`);
      if (e.to === id) out.add(`<${s.id}`);
    }
  }
  return out;
}

/** Pairs removed and added step ids that are alike, best pairs first. */
function findRenames(a: Process, b: Process, removed: string[], added: string[], threshold: number): Map<string, { id: string; score: number }> {
  const out = new Map<string, { id: string; score: number }>();
  if (!removed.length || !added.length) return out;
  const candidates: Array<{ from: string; to: string; score: number }> = [];
  const nb = new Map(added.map((id) => [id, neighbours(b, id)]));
  for (const from of removed) {
    const sa = a.stepById.get(from)!;
    const na = neighbours(a, from);
    for (const to of added) {
      const score = stepSimilarity(sa, b.stepById.get(to)!, na, nb.get(to)!);
      if (score >= threshold) candidates.push({ from, to, score });
    }
  }
  candidates.sort((p, q) => q.score - p.score || (p.from < q.from ? -1 : 1));
  const used = new Set<string>();
  for (const c of candidates) {
    if (out.has(c.from) || used.has(c.to)) continue;
    out.set(c.from, { id: c.to, score: c.score });
    used.add(c.to);
  }
  return out;
}

/**
 * A message without the positions it quotes (`(line 12)`, `processes/a.yaml:12:3`): adding a
 * comment line above a step moves them but changes no finding.
 */
export function withoutPositions(message: string): string {
  return message.replace(/\blines? \d+(?:\s*[-–]\s*\d+)?/g, 'line').replace(/(\S\.(?:ya?ml|json|csv)):\d+(?::\d+)?/g, '$1');
}

/**
 * Findings introduced and resolved, matched by rule, severity, step and message without positions
 * (ids read through renames), never by line or column; `byFile` also matches the file.
 */
function lintDelta(before: readonly Finding[], after: readonly Finding[], rename: Map<string, string>, byFile = false): ProcessDiff['lint'] {
  const norm = (f: Finding, mapped: boolean) => {
    let message = withoutPositions(f.message);
    let step = f.step ?? '';
    if (mapped) {
      for (const [from, to] of rename) message = message.split(`"${from}"`).join(`"${to}"`);
      step = rename.get(step) ?? step;
    }
    return `${f.rule}\u0000${f.severity}\u0000${byFile ? f.file : ''}\u0000${step}\u0000${message}`;
  };
  const count = new Map<string, number>();
  for (const f of before) count.set(norm(f, true), (count.get(norm(f, true)) ?? 0) + 1);
  const introduced: DiffFinding[] = [];
  for (const f of after) {
    const k = norm(f, false);
    const n = count.get(k) ?? 0;
    if (n > 0) count.set(k, n - 1);
    else introduced.push(toDiffFinding(f));
  }
  const countAfter = new Map<string, number>();
  for (const f of after) countAfter.set(norm(f, false), (countAfter.get(norm(f, false)) ?? 0) + 1);
  const resolved: DiffFinding[] = [];
  for (const f of before) {
    const k = norm(f, true);
    const n = countAfter.get(k) ?? 0;
    if (n > 0) countAfter.set(k, n - 1);
    else resolved.push(toDiffFinding(f));
  }
  return { introduced, resolved };
}

function toDiffFinding(f: Finding): DiffFinding {
  return { rule: f.rule, severity: f.severity, message: f.message, step: f.step ?? null, file: f.file, line: f.line, column: f.column };
}

function summarize(processes: ProcessDiff[]): DiffSummary {
  const s: DiffSummary = {
    processes: { added: 0, removed: 0, changed: 0 },
    steps: { added: 0, removed: 0, renamed: 0, changed: 0 },
    flows: { added: 0, removed: 0 },
    lint: { introduced: 0, resolved: 0 },
  };
  for (const p of processes) {
    s.processes[p.status]++;
    for (const st of p.steps) s.steps[st.status]++;
    s.flows.added += p.flows.added.length;
    s.flows.removed += p.flows.removed.length;
    s.lint.introduced += p.lint.introduced.length;
    s.lint.resolved += p.lint.resolved.length;
  }
  return s;
}

/** A stable text form for comparing values: keys sorted, undefined left out. */
export function canonical(value: unknown): string {
  return JSON.stringify(plain(value) ?? null);
}

/** A JSON-ready copy: keys sorted, undefined dropped; absent becomes null. */
export function plain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((v) => plain(v));
  if (value instanceof Map) return plain(Object.fromEntries(value));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = plain(v);
    }
    return out;
  }
  return value;
}
