/**
 * Turns a project into what the engine runs: every step of the simulated process and of the
 * processes it calls (inlined per call site, so layers simulate as one) becomes a numbered
 * node with its samplers, pool, exits and SLA precomputed. Conditions are compiled once
 * and evaluated once per data row, never in the event loop.
 */
import { embed, msg, part } from '../i18n/index.js';
import { parse as parseYaml } from 'yaml';
import { compileCondition, fieldsOf } from '../model/cel.js';
import { toDistribution, unitWord, type DayUnits } from '../model/duration.js';
import { conditionProblem } from '../model/fields.js';
import { stepDurationProblems } from '../model/duration-checks.js';
import { CrmflowError } from '../model/errors.js';
import { stepSchemas, type DurationInput } from '../model/schema.js';
import type { CalendarInput, Process, Project, RoleInput, Step } from '../model/types.js';
import { CalendarError, WorkCalendar } from './calendar.js';
import type { CaseRecord } from './data.js';
import { Sampler } from './random.js';
import { approversOf, levelApprovers, type Approvers } from '../model/approvers.js';
import type { ConditionError } from './types.js';

export const START = 0;
export const END = 1;
export const WORK = 2;
export const DECISION = 3;
export const FORK = 4;
export const JOIN = 5;
export const WAIT = 6;
export const SUB = 7;
export const POOL = 8;

/** Approval modes as the engine numbers them. */
export const SINGLE = 0;
export const ALL = 1;
export const ANY = 2;
export const SEQUENCE = 3;

/** One approver's request of a multi-approver step. */
export interface RequestDef {
  /** Resource pool (-1 unlimited); for `{ supervisor }` resolved per case from `level`. */
  pool: number;
  sampler: Sampler | null;
  /** Supervisor level (1 = the submitter's manager), 0 for a named role. */
  level: number;
  /** The approver's row in the step table. */
  stat: number;
}

/** How an approval's approvers decide (DESIGN §12). */
export interface GroupDef {
  mode: number;
  requests: RequestDef[];
  /** `{ supervisor }`: the work's duration per resolved pool (`d` counts that pool's working days). */
  samplerFor: (pool: number) => Sampler | null;
}

/** A pool step (公海池) and who claims from it. */
export interface PoolStepDef {
  process: string;
  step: string;
  name: string;
  claimedBy: string;
  /** The claimers' resource pool (their headcount), -1 when the role has no capacity limit. */
  pool: number;
  people: number;
  limit: number;
  /** Claim order per data row (higher first), or null for first in, first out. */
  priority: Float64Array | null;
}

/** A way out of a node: by condition (index into the condition table) or by probability. */
export interface Exit {
  name: string;
  cond: number;
  p: number;
  node: number;
  /** Whether a probability was written (an explicit 0 is one: the path is never taken on purpose). */
  given?: boolean;
}

export interface Node {
  kind: number;
  process: string;
  step: string;
  /** Process instance (one per call site), for fork/join scoping. */
  inst: number;
  /** Index of the step's statistics (shared by all instances of the step), -1 when none. */
  stat: number;
  next: number;
  /** Resource pool, -1 for unlimited (customer, system, no role). */
  pool: number;
  /** Approval tiers: case field and the pool per level. */
  tierField: string | null;
  tierBelow: number[];
  tierPool: number[];
  /** The work's duration: `sampler` for `pool`, `tierSampler[i]` for `tierPool[i]` (`d` and `w` count that pool's working days). */
  tierSampler: Array<Sampler | null>;
  sampler: Sampler | null;
  valueAdded: boolean;
  sla: number;
  /** Where an interrupting SLA breach sends the case (-1: only measured). */
  breachNode: number;
  exits: Exit[];
  elseNode: number;
  fork: number[];
  join: number;
  /** Wait: `for` and `timeout`, and the exit taken on timeout. */
  waitFor: Sampler | null;
  timeout: Sampler | null;
  timeoutExit: Exit | null;
  outcome: string;
  /** END of a called process: the SUB node it returns to (-1 at the top). */
  returnTo: number;
  /** SUB: the first node of the called instance; exits by the called process's outcome. */
  child: number;
  byOutcome: Map<string, number>;
  kpiFrom: number[];
  kpiTo: number[];
  /** Approvers when they are more than one request or `{ supervisor }`; per tier level too. */
  group: GroupDef | null;
  tierGroup: Array<GroupDef | null>;
  /** The `rejected` exit, which a multi-approver step draws per approver. */
  rejectExit: Exit | null;
  /** `recycle`: back to a pool step when the case has not moved on after `recycleAfter` minutes. */
  recycleAfter: number;
  recycleNode: number;
  /** POOL: index into `Model.poolSteps`; on a step with `recycle`, the pool it returns to. */
  poolStep: number;
}

export interface SlaDef {
  process: string;
  step: string;
  within: number;
  withinText: string;
  /** What `within` counts, e.g. `working days, office` or `calendar days`. */
  unit: string;
  calendar: WorkCalendar | null;
  interrupting: boolean;
}

export interface PoolDef {
  role: string;
  name: string;
  headcount: number;
  calendar: WorkCalendar | null;
}

export interface StepDef {
  process: string;
  step: string;
  name: string;
  role: string | null;
  /** A per-approver row of a multi-approver step: the approver (role, or `supervisor 1`). */
  approver?: string;
}

export interface KpiDef {
  id: string;
  name: string;
  statistic: 'mean' | 'p50' | 'p90' | 'p95';
  target: number;
  targetText: string;
}

/** A compiled model, ready for `runModel`. */
export interface Model {
  process: string;
  nodes: Node[];
  first: number;
  pools: PoolDef[];
  steps: StepDef[];
  slas: SlaDef[];
  kpis: KpiDef[];
  arrivals: Sampler | null;
  /** Conditions as written, by index. */
  conditions: string[];
  /** rows × conditions: 1 true, 0 false, -1 not usable (field missing, error, not a boolean). */
  table: Int8Array;
  rows: CaseRecord[];
  poolSteps: PoolStepDef[];
  /** Each role's supervisors' resource pools, level 1 first, for `{ supervisor }` approvals. */
  reportLine: Map<string, number[]>;
  /** The top process's owner: the submitter when a case reaches an approval before any work. */
  owner: string | null;
  warnings: string[];
  /** Conditions that failed on data rows (their cases followed the probabilities instead). */
  conditionErrors: ConditionError[];
  maxSteps: number;
}

export interface CompileOptions {
  data?: CaseRecord[];
  set?: Record<string, string | number | boolean>;
  /** Epoch minutes where calendars start their cache (the first arrival). */
  origin: number;
  maxSteps?: number;
}

const STAT_KINDS = new Set(['task', 'approval', 'wait', 'pool']);

/** Applies `--set` overrides to copies of the roles, calendars, KPIs and steps. */
export function applyOverrides(
  project: Project,
  set: Record<string, string | number | boolean> = {},
): { roles: Map<string, RoleInput & { id: string }>; calendars: Map<string, CalendarInput>; steps: Map<string, Step[]>; kpiTargets: Map<string, Record<string, string>> } {
  const roles = new Map<string, RoleInput & { id: string }>();
  for (const [id, r] of project.roles) roles.set(id, structuredClone({ ...r }) as RoleInput & { id: string });
  const calendars = new Map<string, CalendarInput>();
  for (const [id, c] of project.calendars) calendars.set(id, structuredClone({ timezone: c.timezone, hours: c.hours, holidays: c.holidays, workdays: c.workdays }));
  const steps = new Map<string, Step[]>();
  for (const [id, p] of project.processes) {
    const local = p.roles ?? {};
    for (const [rid, r] of Object.entries(local)) if (!roles.has(rid)) roles.set(rid, { ...structuredClone(r), id: rid });
    steps.set(id, structuredClone(p.steps));
  }
  const kpiTargets = new Map<string, Record<string, string>>();
  for (const k of project.config.kpis ?? []) kpiTargets.set(k.id, { ...(k.target as Record<string, string>) });

  for (const [key, raw] of Object.entries(set)) {
    const value = typeof raw === 'string' ? parseValue(raw) : raw;
    const parts = key.split('.');
    const head = parts[0];
    const fail = (why: string): never => {
      throw new CrmflowError(msg('simModel.set', { key, why: embed(why) }), msg('simModel.setHint'));
    };
    if (head === 'roles' || head === 'calendars') {
      const map = head === 'roles' ? roles : calendars;
      const target = map.get(parts[1] ?? '') as Record<string, unknown> | undefined;
      if (!target) fail(msg(head === 'roles' ? 'simModel.setNoRole' : 'simModel.setNoCalendar', { id: parts[1] ?? '', known: [...map.keys()].join(', ') }));
      if (parts.length !== 3) fail(msg('simModel.setOneField'));
      if (head === 'roles' && parts[2] === 'headcount' && !(Number.isInteger(value) && (value as number) >= 1)) fail(msg('simModel.setHeadcount', { value: JSON.stringify(value) }));
      target![parts[2]!] = value;
    } else if (head === 'steps') {
      // The step reference itself contains no dots: steps.<process>/<step>.<path…>
      const ref = parts[1] ?? '';
      const [pid, sid] = ref.split('/');
      const list = steps.get(pid ?? '');
      const idx = list?.findIndex((s) => s.id === sid) ?? -1;
      if (!list || idx < 0) fail(msg('simModel.setNoStep', { ref }));
      if (parts.length < 3) fail(msg('simModel.setStepField'));
      const step = list![idx]! as unknown as Record<string, unknown>;
      setPath(step, parts.slice(2), value, fail);
      const tier = parts.slice(-2).join('.') === 'tiers.field';
      if (typeof value === 'string' && (parts[parts.length - 1] === 'when' || tier)) {
        const problem = conditionProblem(value, project.config.fields, tier ? 'number' : 'bool');
        if (problem) throw new CrmflowError(msg('simModel.setCondition', { key, problem: embed(problem) }), msg('simModel.setConditionHint'));
      }
      const schema = stepSchemas[(step.type as keyof typeof stepSchemas) ?? 'task'];
      const checked = schema.safeParse(step);
      if (!checked.success) fail(msg('simModel.setStepInvalid', { path: checked.error.issues[0]?.path.join('.'), why: checked.error.issues[0]?.message }));
      const impossible = stepDurationProblems(checked.data as Step)[0];
      if (impossible) fail(impossible.message);
      list![idx] = checked.data as Step;
    } else if (head === 'kpis') {
      const t = kpiTargets.get(parts[1] ?? '');
      if (!t) fail(msg('simModel.setNoKpi', { kpi: parts[1] ?? '' }));
      if (parts[2] !== 'target' || !parts[3]) fail(msg('simModel.setKpiTarget'));
      for (const k of Object.keys(t!)) delete t![k];
      t![parts[3]!] = String(value);
    } else {
      fail(msg('simModel.setUnknownPath'));
    }
  }
  return { roles, calendars, steps, kpiTargets };
}

function parseValue(text: string): unknown {
  try {
    return parseYaml(text);
  } catch {
    return text;
  }
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown, fail: (why: string) => never): void {
  let cur: Record<string, unknown> = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    let v = Array.isArray(cur) ? (cur as unknown[])[Number(k)] : cur[k];
    if (typeof v === 'string' && path[0] === 'on') v = cur[k] = { next: v }; // short form → long form
    if (v === undefined && path[i + 1] && !/^\d+$/.test(path[i + 1]!)) v = cur[k] = {};
    if (v === null || typeof v !== 'object') fail(msg('simModel.setNotThere', { path: path.slice(0, i + 1).join('.') }));
    cur = v as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(cur)) (cur as unknown[])[Number(last)] = value;
  else cur[last] = value;
}

/** Compiles the project's process `processId` (with its subprocesses inlined). */
export function compileModel(project: Project, processId: string, options: CompileOptions): Model {
  const top = project.processes.get(processId);
  if (!top) {
    throw new CrmflowError(
      msg('run.noProcess', { process: processId }),
      msg('run.knownProcesses', { known: [...project.processes.keys()].sort().join(', ') || part('run.none') }),
    );
  }
  const o = applyOverrides(project, options.set);
  const rows = options.data && options.data.length > 0 ? options.data : [{}];
  const hasData = Boolean(options.data && options.data.length > 0);
  const warnings: string[] = [];

  const calendarCache = new Map<string, WorkCalendar>();
  const calendar = (id: string | undefined, where: string): WorkCalendar | null => {
    if (!id) return null;
    const c = o.calendars.get(id);
    if (!c) throw new CrmflowError(msg('simModel.noCalendar', { where, calendar: id }));
    let cal = calendarCache.get(id);
    if (!cal) {
      try {
        cal = new WorkCalendar(id, c.timezone, c.hours, c.holidays, options.origin, c.workdays);
      } catch (e) {
        if (e instanceof CalendarError) throw new CrmflowError(e.message, msg('simModel.fixCalendar'));
        throw e;
      }
      calendarCache.set(id, cal);
    }
    return cal;
  };

  const pools: PoolDef[] = [];
  const poolIndex = new Map<string, number>();
  const poolOf = (roleId: string | undefined): number => {
    if (!roleId) return -1;
    const r = o.roles.get(roleId);
    if (!r || roleId === 'customer' || roleId === 'system') return -1;
    let i = poolIndex.get(roleId);
    if (i === undefined) {
      i = pools.length;
      pools.push({ role: roleId, name: r.name ?? roleId, headcount: r.headcount ?? 1, calendar: calendar(r.calendar, `role "${roleId}"`) });
      poolIndex.set(roleId, i);
    }
    return i;
  };

  const conditions: string[] = [];
  const condIndex = new Map<string, number>();
  /** The steps (`process/step`) that use each condition, for reporting its errors. */
  const condSteps: Array<Set<string>> = [];
  const cond = (expr: string | undefined, step: string): number => {
    if (expr === undefined) return -1;
    let i = condIndex.get(expr);
    if (i === undefined) {
      i = conditions.length;
      conditions.push(expr);
      condIndex.set(expr, i);
      condSteps.push(new Set());
    }
    condSteps[i]!.add(step);
    return i;
  };

  const neverWarned = new Set<string>();
  let columnSet: Set<string> | undefined;
  const columnsOf = () => {
    if (!columnSet) {
      columnSet = new Set<string>();
      for (const r of rows) for (const k of Object.keys(r)) columnSet.add(k);
    }
    return columnSet;
  };
  const steps: StepDef[] = [];
  const stepIndex = new Map<string, number>();
  const slas: SlaDef[] = [];
  const slaIndex = new Map<string, number>();
  const nodes: Node[] = [];
  let instances = 0;

  const kpiDefs = (project.config.kpis ?? []).map((k) => {
    const t = o.kpiTargets.get(k.id) ?? {};
    const statistic = (['p90', 'p95', 'p50', 'mean'] as const).find((s) => t[s] !== undefined) ?? 'p90';
    return {
      id: k.id,
      name: k.name ?? k.id,
      statistic,
      target: t[statistic] ? toDistributionMinutes(t[statistic]!) : Infinity,
      targetText: t[statistic] ?? '',
      from: k.from,
      to: k.to,
    };
  });

  const blank = (kind: number, process: string, step: string, inst: number): Node => ({
    kind, process, step, inst, stat: -1, next: -1, pool: -1, tierField: null, tierBelow: [], tierPool: [], tierSampler: [], sampler: null, valueAdded: true,
    sla: -1, breachNode: -1, exits: [], elseNode: -1, fork: [], join: -1, waitFor: null, timeout: null, timeoutExit: null, outcome: '', returnTo: -1,
    child: -1, byOutcome: new Map(), kpiFrom: [], kpiTo: [], group: null, tierGroup: [], rejectExit: null, recycleAfter: Infinity, recycleNode: -1, poolStep: -1,
  });

  const poolSteps: PoolStepDef[] = [];
  const poolStepIndex = new Map<string, number>();
  const reportLine = new Map<string, number[]>();
  let reportLineBuilt = false;
  const buildReportLine = () => {
    if (reportLineBuilt) return;
    reportLineBuilt = true;
    for (const id of o.roles.keys()) {
      const line: number[] = [];
      for (let cur = o.roles.get(id)?.reportsTo, k = 0; cur && k < 9; cur = o.roles.get(cur)?.reportsTo, k++) line.push(poolOf(cur));
      reportLine.set(id, line);
    }
  };
  const approverStat = (proc: Process, s: Step, approver: string): number => {
    const key = `${proc.id}/${s.id}/${approver}`;
    let si = stepIndex.get(key);
    if (si === undefined) {
      si = steps.length;
      steps.push({ process: proc.id, step: s.id, name: `${s.name ?? s.id} · ${approver}`, role: approver.startsWith('supervisor ') ? null : approver, approver });
      stepIndex.set(key, si);
    }
    return si;
  };
  /** The group of an approval's approvers, or null when one named role does the work. */
  const groupOf = (proc: Process, s: Step, a: Approvers, work: (pool: number) => Sampler | null): GroupDef | null => {
    const mode = { single: SINGLE, all: ALL, any: ANY, sequence: SEQUENCE }[a.mode];
    if (a.supervisor !== undefined) {
      buildReportLine();
      const levels = mode === SINGLE ? [a.supervisor] : Array.from({ length: a.supervisor }, (_, i) => i + 1);
      const cache = new Map<number, Sampler | null>();
      return {
        mode: mode === SINGLE ? SEQUENCE : mode,
        requests: levels.map((level) => ({ pool: -1, sampler: null, level, stat: approverStat(proc, s, `supervisor ${level}`) })),
        samplerFor: (pool) => (cache.has(pool) ? cache.get(pool)! : cache.set(pool, work(pool)).get(pool)!),
      };
    }
    if (mode === SINGLE || a.roles.length < 2) return null;
    return {
      mode,
      requests: a.roles.map((role) => {
        const pool = poolOf(role);
        return { pool, sampler: work(pool), level: 0, stat: approverStat(proc, s, role) };
      }),
      samplerFor: work,
    };
  };

  // Inline a process: returns its first node. `returnTo` is the calling SUB node (-1 at the top).
  const inline = (proc: Process, returnTo: number, depth: number): number => {
    if (depth > 16) throw new CrmflowError(msg('simModel.tooDeep', { process: proc.id }), msg('simModel.tooDeepHint'));
    const inst = instances++;
    const list = o.steps.get(proc.id) ?? proc.steps;
    const at = new Map<string, number>();
    for (const s of list) {
      const kind = { start: START, end: END, task: WORK, approval: WORK, decision: DECISION, parallel: FORK, join: JOIN, wait: WAIT, subprocess: SUB, pool: POOL }[s.type];
      at.set(s.id, nodes.length);
      nodes.push(blank(kind, proc.id, s.id, inst));
    }
    const ref = (id: string | undefined) => (id === undefined ? -1 : (at.get(id) ?? -1));
    for (const s of list) {
      const n = nodes[at.get(s.id)!]!;
      const key = `${proc.id}/${s.id}`;
      if (STAT_KINDS.has(s.type)) {
        let si = stepIndex.get(key);
        if (si === undefined) {
          si = steps.length;
          steps.push({ process: proc.id, step: s.id, name: s.name ?? s.id, role: 'role' in s ? (s.role ?? null) : null });
          stepIndex.set(key, si);
        }
        n.stat = si;
      }
      for (const k of kpiDefs.keys()) {
        if (kpiDefs[k]!.from === key) n.kpiFrom.push(k);
        if (kpiDefs[k]!.to === key) n.kpiTo.push(k);
      }
      if ('next' in s) n.next = ref(s.next);
      const exitsOf = (on: Record<string, string | { next: string; probability?: number; when?: string }> | undefined) => {
        for (const [name, path] of Object.entries(on ?? {})) {
          if (typeof path === 'string') n.exits.push({ name, cond: -1, p: 0, node: ref(path) });
          else n.exits.push({ name, cond: cond(path.when, key), p: path.probability ?? 0, node: ref(path.next), given: path.probability !== undefined });
        }
      };
      switch (s.type) {
        case 'end':
          n.outcome = s.outcome ?? s.id;
          n.returnTo = returnTo;
          break;
        case 'task':
        case 'approval': {
          const main = approversOf(s);
          n.pool = poolOf(main.supervisor === undefined ? main.roles[0] : undefined);
          // Under a role's calendar `1d` is one of its working days, not 24 working hours.
          const work = (pool: number) => (s.duration !== undefined ? new Sampler(toDistribution(s.duration, pools[pool]?.calendar?.units)) : null);
          n.group = groupOf(proc, s, main, work);
          if (s.type === 'approval' && s.tiers) {
            n.tierField = fieldsOf(s.tiers.field)[0] ?? s.tiers.field;
            for (const l of s.tiers.levels) {
              const la = levelApprovers(l);
              n.tierBelow.push(l.below ?? Infinity);
              n.tierPool.push(poolOf(la.roles[0]));
              n.tierGroup.push(groupOf(proc, s, la, work));
            }
            if (main.roles.length === 0 && main.supervisor === undefined) {
              n.pool = n.tierPool[n.tierPool.length - 1]!;
              n.group = n.tierGroup[n.tierGroup.length - 1]!;
            }
          }
          n.sampler = work(n.pool);
          n.tierSampler = n.tierPool.map(work);
          if (s.recycle) {
            n.recycleAfter = toDistributionMinutes(s.recycle.after);
            n.recycleNode = ref(s.recycle.to);
          }
          // The customer's own time (signing, reviewing) is not work we add value with.
          n.valueAdded = s.role === 'customer' ? s['value-added'] === true : s['value-added'] !== false;
          exitsOf(s.on);
          n.rejectExit = n.exits.find((e) => e.name === 'rejected') ?? null;
          if (s.sla) {
            let si = slaIndex.get(key);
            if (si === undefined) {
              si = slas.length;
              const interrupting = s.sla.breach !== undefined && s.sla.interrupting !== false;
              const cal = calendar(s.sla.calendar, `the SLA of "${key}"`);
              const word = unitWord(s.sla.within);
              slas.push({
                process: proc.id,
                step: s.id,
                within: toDistributionMinutes(s.sla.within, cal?.units),
                withinText: s.sla.within,
                unit: cal ? `working ${word}, ${cal.id}` : word === 'days' || word === 'weeks' ? `calendar ${word}` : word,
                calendar: cal,
                interrupting,
              });
              slaIndex.set(key, si);
            }
            n.sla = si;
          }
          break;
        }
        case 'decision':
          for (const b of s.branches) {
            if ('else' in b) n.elseNode = ref(b.else);
            else n.exits.push({ name: b.next, cond: cond(b.when, key), p: b.probability ?? 0, node: ref(b.next) });
          }
          // Shares that add up to 1 without an else: rounding must not leave a gap.
          if (n.elseNode < 0 && n.exits.length > 0 && n.exits.every((e) => e.cond < 0 && e.p > 0)) n.elseNode = n.exits[n.exits.length - 1]!.node;
          break;
        case 'pool': {
          let pi = poolStepIndex.get(key);
          if (pi === undefined) {
            pi = poolSteps.length;
            const pool = poolOf(s.claimedBy);
            let priority: Float64Array | null = null;
            if (s.priority !== undefined) {
              const fn = compileCondition(s.priority);
              priority = new Float64Array(rows.length);
              rows.forEach((r, i) => {
                let v: unknown;
                try {
                  v = fn(r);
                } catch {
                  v = undefined;
                }
                const x = typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? Number(v) : v;
                priority![i] = typeof x === 'number' && Number.isFinite(x) ? x : 0;
              });
            }
            poolSteps.push({ process: proc.id, step: s.id, name: s.name ?? s.id, claimedBy: s.claimedBy, pool, people: pool >= 0 ? pools[pool]!.headcount : 1, limit: s.limit ?? Infinity, priority });
            poolStepIndex.set(key, pi);
          }
          n.poolStep = pi;
          break;
        }
        case 'parallel':
          n.fork = s.branches.map(ref).filter((x) => x >= 0);
          n.join = ref(s.join);
          break;
        case 'wait': {
          // A message's own arrival (default `for`); the timeout only cuts it off.
          const arrives = s.arrives ?? s.for;
          n.waitFor = arrives !== undefined ? new Sampler(toDistribution(arrives)) : null;
          if (s.message !== undefined && arrives === undefined) {
            warnings.push(msg('sim.warn.noArrives', { step: `${proc.id}/${s.id}`, message: s.message }));
          }
          n.timeout = s.timeout !== undefined ? new Sampler(toDistribution(s.timeout)) : null;
          if (s.recycle) {
            n.recycleAfter = toDistributionMinutes(s.recycle.after);
            n.recycleNode = ref(s.recycle.to);
          }
          n.valueAdded = s['value-added'] === true;
          exitsOf(s.on);
          const t = n.exits.findIndex((e) => e.name === 'timeout');
          if (t >= 0) n.timeoutExit = n.exits.splice(t, 1)[0]!;
          break;
        }
        case 'subprocess': {
          exitsOf(s.on);
          const called = project.processes.get(s.process);
          if (called) {
            n.child = inline(called, at.get(s.id)!, depth + 1);
            const outcomes = new Set((o.steps.get(called.id) ?? called.steps).flatMap((x) => (x.type === 'end' ? [x.outcome ?? x.id] : [])));
            // An exception named like an outcome of the called process follows that outcome.
            n.exits = n.exits.filter((e) => {
              if (!outcomes.has(e.name)) return true;
              n.byOutcome.set(e.name, e.node);
              return false;
            });
          }
          break;
        }
      }
    }
    for (const s of list) {
      const n = nodes[at.get(s.id)!]!;
      // A timeout that cuts off an arrival is taken without a condition or probability.
      const cutOff = n.waitFor !== null && n.timeout !== null;
      const silent = [...n.exits, ...(n.timeoutExit && !cutOff ? [n.timeoutExit] : [])].filter((e) => e.cond < 0 && e.p === 0 && !e.given);
      for (const e of silent) {
        const key = `${proc.id}/${s.id}/${e.name}`;
        if (neverWarned.has(key)) continue;
        neverWarned.add(key);
        warnings.push(
          s.type === 'decision'
            ? msg('sim.warn.branchNever', { step: `${proc.id}/${s.id}`, to: e.node >= 0 ? nodes[e.node]!.step : e.name })
            : msg('sim.warn.pathNever', { step: `${proc.id}/${s.id}`, name: e.name }),
        );
      }
      if (n.tierField !== null && hasData && !columnsOf().has(n.tierField) && !neverWarned.has(`tier:${n.tierField}`)) {
        neverWarned.add(`tier:${n.tierField}`);
        warnings.push(msg('sim.warn.noTierColumn', { field: n.tierField, step: `${proc.id}/${s.id}` }));
      }
    }
    // The SLA's figures are shared by all instances of the step; its breach target is per instance.
    for (const s of list) {
      if ((s.type === 'task' || s.type === 'approval') && s.sla?.breach) {
        const n = nodes[at.get(s.id)!]!;
        if (s.sla.interrupting !== false) n.breachNode = ref(s.sla.breach);
      }
    }
    for (const s of list) {
      const n = nodes[at.get(s.id)!]!;
      if (n.recycleNode >= 0) n.poolStep = nodes[n.recycleNode]!.poolStep;
    }
    const start = list.find((s) => s.type === 'start');
    if (!start) throw new CrmflowError(msg('simModel.noStart', { process: proc.id }), msg('simModel.noStartHint'));
    return at.get(start.id)!;
  };

  const first = inline(top, -1, 0);
  const startStep = (o.steps.get(top.id) ?? top.steps).find((s) => s.type === 'start');
  const every = startStep && startStep.type === 'start' ? startStep.arrivals?.every : undefined;
  let arrivals: Sampler | null = null;
  if (every !== undefined) {
    const d = toDistribution(every as DurationInput);
    // `every: 10m` is a Poisson stream (exponential gaps with that mean); a distribution is used as written.
    arrivals = new Sampler(typeof every === 'string' && d.dist === 'fixed' ? { dist: 'exponential', mean: d.value } : d);
  }

  // Evaluate every condition once per data row. A field the data has no column for falls back
  // to the probabilities (warned above); any other failure is reported, never taken as false.
  const columns = columnsOf();
  const missingWarned = new Set<string>();
  const table = new Int8Array(rows.length * conditions.length);
  const conditionErrors: ConditionError[] = [];
  conditions.forEach((expr, c) => {
    const fn = compileCondition(expr);
    if (hasData) {
      for (const f of fieldsOf(expr)) {
        if (!columns.has(f) && !missingWarned.has(f)) {
          missingWarned.add(f);
          warnings.push(msg('sim.warn.noConditionColumn', { field: f, condition: JSON.stringify(expr) }));
        }
      }
    }
    let failed = 0;
    let firstError = '';
    for (let r = 0; r < rows.length; r++) {
      let v = -1;
      let error: string | undefined;
      try {
        const res = fn(rows[r]!);
        if (res === true) v = 1;
        else if (res === false) v = 0;
        else error = `the condition gives ${describe(res)}, not true or false`;
      } catch (e) {
        const message = (e as Error).message.split('\n')[0]!.trim();
        const key = /^No such key: (.+)$/.exec(message)?.[1];
        if (key === undefined || columns.has(key)) error = message;
      }
      table[r * conditions.length + c] = v;
      if (error !== undefined && failed++ === 0) firstError = hasData ? `row ${r + 1}: ${error}` : error;
    }
    if (failed > 0) {
      for (const where of condSteps[c]!) {
        const slash = where.indexOf('/');
        conditionErrors.push({ process: where.slice(0, slash), step: where.slice(slash + 1), condition: expr, rows: failed, firstError });
      }
    }
  });

  return {
    process: processId,
    nodes,
    first,
    pools,
    steps,
    slas,
    kpis: kpiDefs.map(({ id, name, statistic, target, targetText }) => ({ id, name, statistic, target, targetText })),
    arrivals,
    conditions,
    table,
    rows,
    poolSteps,
    reportLine,
    owner: top.owner ?? null,
    warnings,
    conditionErrors,
    maxSteps: options.maxSteps ?? project.config.simulate?.['max-steps'] ?? 1000,
  };
}

/** A condition's non-boolean result for a message: `"east"`, `42`, `null`. */
function describe(v: unknown): string {
  if (typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function toDistributionMinutes(text: string, units?: DayUnits): number {
  const d = toDistribution(text, units);
  return d.dist === 'fixed' ? d.value : NaN;
}
