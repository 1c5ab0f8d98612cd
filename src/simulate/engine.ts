/**
 * The discrete-event engine: one run of a compiled model. Time is in minutes since the Unix
 * epoch. The event queue holds (time, sequence, token, epoch); a token is a case's position
 * in the process (several while a parallel fork runs). A token's epoch changes whenever it
 * moves on, so events for a visit that is over (a finished task's SLA timer, a queue entry
 * of a case that breached) are recognised and dropped without searching for them.
 *
 * A parallel branch that reaches an end step ends its process instance, like BPMN's terminate
 * end event: the other branches of that instance are withdrawn (queue entries, servers, timers).
 */
import { EventQueue } from './queue.js';
import { Rng, type Sampler } from './random.js';
import { Quantiles } from './stats.js';
import { DECISION, END, FORK, JOIN, START, SUB, WAIT, WORK, type Model, type Node } from './model.js';
import type { Progress, SimulationReport, TimeSummary } from './types.js';

const ARRIVAL = 0;
const DONE = 1;
const SLA = 2;
/** `pick` found no exit. */
const NONE = -2;
/** Yield to the caller (progress, UI) every this many events. */
const CHUNK = 1 << 15;

export interface RunOptions {
  cases: number;
  seed: number;
  warmup: number;
  /** Arrival times (epoch minutes, ascending) and the data row of each, from the case data. */
  arrivalTimes?: Float64Array;
  arrivalRows?: Int32Array;
  /** Epoch minutes of the first arrival when arrivals are generated. */
  start: number;
  /** Receives every step instance with work, for an event log (simulate --events). */
  sink?: StepSink;
}

/** Told of each task or approval instance that ran, and of each case that ended. */
export interface StepSink {
  /** `caseIndex` counts arrivals from 0; `server` is the person's 0-based index in the pool, -1 without one. */
  step(caseIndex: number, node: number, pool: number, server: number, start: number, end: number): void;
  caseEnd(caseIndex: number): void;
}

class CaseState {
  steps = 0;
  dead = false;
  valueAdded = 0;
  /** Arrival number, from 0 (the event log's case id). */
  index = 0;
  /** The case's live tokens (one, or several while forks run), for withdrawing branches. */
  readonly tokens: Token[] = [];
  constructor(
    readonly row: number,
    readonly arrival: number,
    readonly counted: boolean,
    readonly kpiStart: Float64Array,
    /** The case's own random stream: durations and branches do not depend on other cases. */
    readonly rng: Rng,
  ) {}
}

interface JoinRecord {
  inst: number;
  join: number;
  expected: number;
  arrived: number;
  held: Token | null;
  parent: JoinRecord | null;
  /** A branch ended the instance: the fork starts no further branches. */
  cancelled: boolean;
}

/** Whether `rec` is `root` or lies inside it (a nested fork, or a subprocess called in it). */
function within(rec: JoinRecord | null, root: JoinRecord): boolean {
  for (let r = rec; r !== null; r = r.parent) if (r === root) return true;
  return false;
}

function cancelled(rec: JoinRecord | null): boolean {
  for (let r = rec; r !== null; r = r.parent) if (r.cancelled) return true;
  return false;
}

class Token {
  c: CaseState = null as unknown as CaseState;
  node = 0;
  epoch = 0;
  entered = 0;
  work = 0;
  start = 0;
  pool = -1;
  /** Which person of the pool serves the token (the event log's resource). */
  server = -1;
  inService = false;
  deadline = Infinity;
  breached = false;
  /** WAIT: the exit decided when the wait began (-3: route normally). */
  exit = -3;
  rec: JoinRecord | null = null;
  constructor(readonly id: number) {}
}

/** A FIFO queue of (token, epoch) pairs in a growable ring of typed arrays. */
class Fifo {
  private ids = new Int32Array(64);
  private eps = new Int32Array(64);
  private head = 0;
  private n = 0;
  outId = 0;
  outEpoch = 0;
  get size(): number {
    return this.n;
  }
  push(id: number, epoch: number): void {
    if (this.n === this.ids.length) {
      const cap = this.ids.length * 2;
      const ids = new Int32Array(cap);
      const eps = new Int32Array(cap);
      for (let i = 0; i < this.n; i++) {
        ids[i] = this.ids[(this.head + i) % this.ids.length]!;
        eps[i] = this.eps[(this.head + i) % this.ids.length]!;
      }
      this.ids = ids;
      this.eps = eps;
      this.head = 0;
    }
    const at = (this.head + this.n) % this.ids.length;
    this.ids[at] = id;
    this.eps[at] = epoch;
    this.n++;
  }
  shift(): boolean {
    if (this.n === 0) return false;
    this.outId = this.ids[this.head]!;
    this.outEpoch = this.eps[this.head]!;
    this.head = (this.head + 1) % this.ids.length;
    this.n--;
    return true;
  }
}

interface PoolState {
  busy: number;
  capacity: number;
  queue: Fifo;
  /** Busy working minutes from the first counted arrival to the last arrival. */
  busyWork: number;
  /** Busy working minutes from the first counted arrival to the end (when the arrival window is empty). */
  busyAll: number;
  /** Servers free again, by index; `hired` have been used so far. */
  idle: number[];
  hired: number;
}

/** One replication. Call `advance()` until it returns true, then `report()`. */
export class Run {
  /** Arrival gaps and data-row picks; each case draws from its own stream (CaseState.rng). */
  readonly rng: Rng;
  private readonly q = new EventQueue(4096);
  private readonly tokens: Token[] = [];
  private readonly free: number[] = [];
  private readonly pools: PoolState[];
  private readonly nodes: Node[];
  private readonly nc: number;
  private arrived = 0;
  events = 0;
  done = 0;

  // Figures (counted cases only).
  private readonly cycle = new Quantiles();
  private readonly bins = new Float64Array(64);
  private readonly stepWait: Quantiles[];
  private readonly stepWork: Quantiles[];
  private readonly stepElapsed: Float64Array;
  private readonly slaEntered: Float64Array;
  private readonly slaBreached: Float64Array;
  private readonly kpi: Quantiles[];
  private readonly outcomes = new Map<string, number>();
  private readonly stopped = new Map<string, { process: string; step: string; reason: 'max-steps' | 'dead-end'; cases: number }>();
  private stoppedCases = 0;
  private valueAdded = 0;
  private windowStart = NaN;
  private windowEnd = NaN;
  private lastArrival = NaN;
  private steadyDone = 0;

  constructor(
    readonly model: Model,
    readonly options: RunOptions,
  ) {
    this.rng = new Rng(options.seed);
    this.nodes = model.nodes;
    this.nc = model.conditions.length;
    this.pools = model.pools.map((p) => ({ busy: 0, capacity: p.headcount, queue: new Fifo(), busyWork: 0, busyAll: 0, idle: [], hired: 0 }));
    this.stepWait = model.steps.map(() => new Quantiles());
    this.stepWork = model.steps.map(() => new Quantiles());
    this.stepElapsed = new Float64Array(model.steps.length);
    this.slaEntered = new Float64Array(model.slas.length);
    this.slaBreached = new Float64Array(model.slas.length);
    this.kpi = model.kpis.map(() => new Quantiles());
    if (options.cases > 0) this.q.push(this.arrivalTime(0), ARRIVAL, 0);
  }

  /** Processes up to one chunk of events; true when the run is over. */
  advance(maxEvents = CHUNK): boolean {
    const q = this.q;
    for (let k = 0; k < maxEvents; k++) {
      if (!q.pop()) return true;
      const t = q.popTime;
      const a = q.popA;
      if (a === ARRIVAL) {
        this.events++;
        this.arrive(t);
        continue;
      }
      const tok = this.tokens[a >> 2]!;
      // A timer of a visit that is over (an SLA met, a queue entry left): not an event.
      if (tok.epoch !== q.popB) continue;
      this.events++;
      if ((a & 3) === DONE) this.finish(tok, t);
      else this.breach(tok, t);
    }
    return q.size === 0;
  }

  /** Runs to the end. */
  runAll(): void {
    while (!this.advance()) {
      /* keep going */
    }
  }

  progress(run: number, runs: number, total: number, doneBefore: number): Progress {
    return { done: doneBefore + this.done, total, run, runs, meanCycle: this.cycle.mean, p90Cycle: this.cycle.quantile(0.9) };
  }

  // ---- arrivals -------------------------------------------------------------------------

  private arrivalTime(i: number): number {
    const times = this.options.arrivalTimes;
    if (times && times.length > 0) {
      const n = times.length;
      if (i < n) return times[i]!;
      // Past the end of the data: replay its arrival pattern, shifted by whole weeks so that
      // weekdays and office hours stay where they were.
      const span = times[n - 1]! - times[0]! + 1;
      const period = Math.ceil(span / 10080) * 10080;
      return times[i % n]! + Math.floor(i / n) * period;
    }
    if (i === 0) return this.options.start;
    const gap = this.model.arrivals ? this.model.arrivals.sample(this.rng) : 60;
    return this.lastArrival + gap;
  }

  private arrive(t: number): void {
    const i = this.arrived++;
    this.lastArrival = t;
    const rows = this.model.rows.length;
    let row = 0;
    const ar = this.options.arrivalRows;
    if (ar && i < ar.length) row = ar[i]!;
    else if (rows > 1) row = i < rows && !ar ? i : Math.floor(this.rng.next() * rows);
    const counted = i >= this.options.warmup;
    if (counted && this.windowStart !== this.windowStart) this.windowStart = t;
    const kpiStart = new Float64Array(this.model.kpis.length).fill(NaN);
    const c = new CaseState(row, t, counted, kpiStart, new Rng(this.options.seed, i));
    c.index = i;
    if (this.arrived < this.options.cases) this.q.push(this.arrivalTime(this.arrived), ARRIVAL, 0);
    const tok = this.alloc(c, null);
    this.walk(tok, this.model.first, t);
  }

  // ---- tokens ---------------------------------------------------------------------------

  private alloc(c: CaseState, rec: JoinRecord | null): Token {
    const id = this.free.pop();
    let tok: Token;
    if (id === undefined) {
      tok = new Token(this.tokens.length);
      this.tokens.push(tok);
    } else tok = this.tokens[id]!;
    tok.c = c;
    tok.rec = rec;
    tok.inService = false;
    tok.pool = -1;
    c.tokens.push(tok);
    return tok;
  }

  private release(tok: Token): void {
    const live = tok.c.tokens;
    const i = live.lastIndexOf(tok);
    if (i >= 0) {
      live[i] = live[live.length - 1]!;
      live.pop();
    }
    tok.epoch++;
    tok.rec = null;
    tok.c = null as unknown as CaseState;
    this.free.push(tok.id);
  }

  // ---- routing --------------------------------------------------------------------------

  /** The first exit whose condition holds or whose probability share the draw falls in. */
  private pick(node: Node, c: CaseState): number {
    const exits = node.exits;
    let u = -1;
    let acc = 0;
    for (let i = 0; i < exits.length; i++) {
      const e = exits[i]!;
      if (e.cond >= 0) {
        const v = this.model.table[c.row * this.nc + e.cond]!;
        if (v === 1) return e.node;
        if (v === 0) continue;
      }
      if (e.p > 0) {
        if (u < 0) u = c.rng.next();
        acc += e.p;
        if (u < acc) return e.node;
      }
    }
    return NONE;
  }

  /** Moves a token from node `n` on until it has to wait for time or a resource. */
  private walk(tok: Token, n: number, t: number): void {
    const nodes = this.nodes;
    let from = tok.node;
    for (;;) {
      const c = tok.c;
      if (n < 0) {
        this.stop(tok, from, t, 'dead-end');
        return;
      }
      if (++c.steps > this.model.maxSteps) {
        this.stop(tok, n, t, 'max-steps');
        return;
      }
      const node = nodes[n]!;
      if (node.kpiFrom.length) for (const k of node.kpiFrom) if (c.kpiStart[k] !== c.kpiStart[k]) c.kpiStart[k] = t;
      if (node.kpiTo.length) {
        for (const k of node.kpiTo) {
          const s = c.kpiStart[k]!;
          if (s === s && s !== -Infinity) {
            if (c.counted) this.kpi[k]!.record(t - s);
            c.kpiStart[k] = -Infinity; // measured once per case
          }
        }
      }
      from = n;
      tok.node = n;
      switch (node.kind) {
        case START:
          n = node.next;
          continue;
        case SUB:
          n = node.child;
          continue;
        case DECISION: {
          const r = this.pick(node, c);
          n = r === NONE ? node.elseNode : r;
          continue;
        }
        case WORK:
          this.beginWork(tok, node, t);
          return;
        case WAIT:
          this.beginWait(tok, node, t);
          return;
        case FORK: {
          const rec: JoinRecord = { inst: node.inst, join: node.join, expected: node.fork.length, arrived: 0, held: null, parent: tok.rec, cancelled: false };
          const branches = node.fork;
          this.release(tok);
          for (let i = 0; i < branches.length; i++) {
            const b = this.alloc(c, rec);
            b.node = n;
            this.walk(b, branches[i]!, t);
            // A branch that ended at once ended the instance: the rest never start.
            if (c.dead || cancelled(rec)) return;
          }
          return;
        }
        case JOIN: {
          const rec = tok.rec;
          if (rec && rec.join === n) {
            rec.arrived++;
            if (rec.arrived < rec.expected) {
              if (rec.held) this.release(tok);
              else {
                rec.held = tok;
                tok.epoch++;
              }
              return;
            }
            if (rec.held && rec.held !== tok) {
              this.release(tok);
              tok = rec.held;
            }
            tok.rec = rec.parent;
          }
          n = node.next;
          continue;
        }
        case END: {
          const rec = tok.rec;
          if (rec && rec.inst === node.inst) {
            // A branch reached an end: the instance ends here (terminate end event). The
            // outermost fork of this instance is the block whose branches are withdrawn.
            let root = rec;
            while (root.parent && root.parent.inst === node.inst) root = root.parent;
            root.cancelled = true;
            this.withdraw(tok, root, t);
            tok.rec = root.parent;
          }
          if (node.returnTo >= 0) {
            const sub = nodes[node.returnTo]!;
            from = node.returnTo;
            const byOutcome = sub.byOutcome.get(node.outcome);
            if (byOutcome !== undefined) n = byOutcome;
            else {
              const r = this.pick(sub, c);
              n = r === NONE ? sub.next : r;
            }
            continue;
          }
          this.complete(tok, node.outcome, t);
          return;
        }
      }
    }
  }

  private beginWork(tok: Token, node: Node, t: number): void {
    const c = tok.c;
    tok.epoch++;
    tok.entered = t;
    tok.breached = false;
    let pool = node.pool;
    let sampler = node.sampler;
    if (node.tierField !== null) {
      const cell = this.model.rows[c.row]![node.tierField];
      const v = typeof cell === 'bigint' ? Number(cell) : cell; // a declared integer field
      if (typeof v === 'number') {
        for (let i = 0; i < node.tierBelow.length; i++) {
          if (v < node.tierBelow[i]!) {
            pool = node.tierPool[i]!;
            sampler = node.tierSampler[i]!;
            break;
          }
        }
      }
    }
    const w = sampler !== null ? sampler.sample(c.rng) : 0;
    tok.work = w;
    tok.pool = pool;
    tok.server = -1;
    tok.deadline = Infinity;
    if (node.sla >= 0) {
      const sla = this.model.slas[node.sla]!;
      tok.deadline = sla.calendar !== null ? sla.calendar.addWorking(t, sla.within) : t + sla.within;
      if (node.breachNode >= 0) this.q.push(tok.deadline, (tok.id << 2) | SLA, tok.epoch, true);
    }
    if (pool < 0) {
      tok.start = t;
      this.q.push(t + w, (tok.id << 2) | DONE, tok.epoch);
      return;
    }
    const p = this.pools[pool]!;
    if (p.busy < p.capacity) this.grant(tok, pool, t);
    else p.queue.push(tok.id, tok.epoch);
  }

  private grant(tok: Token, pool: number, t: number): void {
    const p = this.pools[pool]!;
    const cal = this.model.pools[pool]!.calendar;
    p.busy++;
    tok.server = p.idle.length > 0 ? p.idle.pop()! : p.hired++;
    tok.inService = true;
    const w = tok.work;
    let end: number;
    if (cal !== null) {
      end = cal.addWorking(t, w);
      tok.start = cal.lastBegin;
    } else {
      tok.start = t;
      end = t + w;
    }
    this.q.push(end, (tok.id << 2) | DONE, tok.epoch);
  }

  /**
   * Counts a server's busy interval [from, to] (ending now) towards utilisation: the part
   * after the first counted arrival, and for `busyWork` also before the last arrival, so
   * the figure does not depend on how long the drain after the last arrival takes.
   */
  private busy(pool: number, from: number, to: number): void {
    const ws = this.windowStart;
    if (!(to > ws)) return;
    const p = this.pools[pool]!;
    const cal = this.model.pools[pool]!.calendar;
    const span = (a: number, b: number) => (b <= a ? 0 : cal !== null ? cal.workingBetween(a, b) : b - a);
    const a = Math.max(from, ws);
    p.busyAll += span(a, to);
    // Before the last arrival, `to` is now, so it is before the last arrival too.
    p.busyWork += span(a, this.arrived < this.options.cases ? to : Math.min(to, this.lastArrival));
  }

  /** Frees a server of `pool` and gives it to the next live case in its queue. */
  private freeServer(pool: number, t: number): void {
    const p = this.pools[pool]!;
    p.busy--;
    const queue = p.queue;
    while (queue.shift()) {
      const tok = this.tokens[queue.outId]!;
      if (tok.epoch !== queue.outEpoch) continue;
      if (tok.c.dead) {
        this.release(tok);
        continue;
      }
      this.grant(tok, pool, t);
      return;
    }
  }

  /** Withdraws every token of `keep`'s case inside the fork `root`, except `keep`. */
  private withdraw(keep: Token, root: JoinRecord, t: number): void {
    const gone = keep.c.tokens.filter((tok) => tok !== keep && within(tok.rec, root));
    // Stale first (DONE, SLA timer, queue entry), so that a freed server skips their queue entries.
    for (const tok of gone) tok.epoch++;
    for (const tok of gone) {
      if (tok.inService) this.interrupt(tok, t);
      this.release(tok);
    }
  }

  /** Ends the service of `tok` at `t`: only the part of the work that was done counts. */
  private interrupt(tok: Token, t: number): number {
    const cal = this.model.pools[tok.pool]!.calendar;
    let done = cal !== null ? cal.workingBetween(tok.start, t) : Math.max(0, t - tok.start);
    if (done > tok.work) done = tok.work;
    this.busy(tok.pool, tok.start, t);
    tok.inService = false;
    tok.epoch++; // the queued DONE is now stale
    this.pools[tok.pool]!.idle.push(tok.server);
    this.freeServer(tok.pool, t);
    return done;
  }

  private beginWait(tok: Token, node: Node, t: number): void {
    const c = tok.c;
    tok.epoch++;
    tok.entered = t;
    tok.work = 0;
    tok.pool = -1;
    tok.exit = -3;
    // The message (or the time waited for) comes at its own time; a timeout only cuts it off.
    // on.timeout's condition or probability marks the cases whose message never comes.
    const timeout: Sampler | null = node.timeout;
    const te = node.timeoutExit;
    let never = false;
    if (timeout !== null && te !== null) {
      const v = te.cond >= 0 ? this.model.table[c.row * this.nc + te.cond]! : -1;
      never = v === 1 || (v === -1 && te.p > 0 && c.rng.next() < te.p);
    }
    let d = !never && node.waitFor !== null ? node.waitFor.sample(c.rng) : 0;
    if (timeout !== null) {
      const limit = timeout.sample(c.rng);
      if (never || (node.waitFor !== null && d >= limit)) {
        d = limit;
        tok.exit = te ? te.node : node.next;
      }
    }
    this.q.push(t + d, (tok.id << 2) | DONE, tok.epoch);
  }

  // ---- events ---------------------------------------------------------------------------

  private finish(tok: Token, t: number): void {
    const c = tok.c;
    const node = this.nodes[tok.node]!;
    if (tok.inService) {
      tok.inService = false;
      this.busy(tok.pool, tok.start, t);
      this.pools[tok.pool]!.idle.push(tok.server);
      this.freeServer(tok.pool, t);
    }
    if (c.dead) {
      this.release(tok);
      return;
    }
    this.recordStep(tok, node, t, tok.work);
    if (node.kind === WORK) this.options.sink?.step(c.index, tok.node, tok.pool, tok.server, tok.start, t);
    if (node.sla >= 0 && c.counted) {
      this.slaEntered[node.sla]!++;
      if (!tok.breached && t > tok.deadline) this.slaBreached[node.sla]!++;
    }
    let next: number;
    if (node.kind === WAIT && tok.exit !== -3) next = tok.exit;
    else {
      const r = this.pick(node, c);
      next = r === NONE ? node.next : r;
    }
    tok.epoch++;
    this.walk(tok, next, t);
  }

  private breach(tok: Token, t: number): void {
    const c = tok.c;
    const node = this.nodes[tok.node]!;
    if (c.dead) return;
    tok.breached = true;
    // Work that had begun is an activity instance cut short; a case still queued did none.
    if (tok.inService || tok.pool < 0) this.options.sink?.step(c.index, tok.node, tok.pool, tok.server, tok.start, t);
    let done = 0;
    if (tok.inService) done = this.interrupt(tok, t);
    else if (tok.pool < 0) done = Math.min(tok.work, t - tok.start);
    if (c.counted) {
      this.slaEntered[node.sla]!++;
      this.slaBreached[node.sla]!++;
    }
    this.recordStep(tok, node, t, done);
    tok.epoch++; // drops a queue entry or the unlimited task's DONE
    this.walk(tok, node.breachNode, t);
  }

  private recordStep(tok: Token, node: Node, t: number, work: number): void {
    const c = tok.c;
    if (!c.counted || node.stat < 0) return;
    const elapsed = t - tok.entered;
    this.stepWait[node.stat]!.record(elapsed - work);
    this.stepWork[node.stat]!.record(work);
    this.stepElapsed[node.stat]! += elapsed;
    if (node.valueAdded) c.valueAdded += work;
  }

  private complete(tok: Token, outcome: string, t: number): void {
    const c = tok.c;
    this.release(tok);
    c.dead = true; // any other token of the case is finished too
    this.done++;
    this.options.sink?.caseEnd(c.index);
    if (!c.counted) return;
    const ct = t - c.arrival;
    this.cycle.record(ct);
    const bin = ct < 1 ? 0 : Math.min(63, 1 + Math.floor(2 * Math.log2(ct)));
    this.bins[bin]!++;
    this.valueAdded += c.valueAdded;
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    if (!(this.windowEnd >= t)) this.windowEnd = t;
    // Throughput counts completions while cases still arrive: the drain at the end would understate it.
    if (this.arrived < this.options.cases) this.steadyDone++;
  }

  private stop(tok: Token, n: number, t: number, reason: 'max-steps' | 'dead-end'): void {
    const c = tok.c;
    this.release(tok);
    if (c.dead) return;
    c.dead = true;
    this.done++;
    this.options.sink?.caseEnd(c.index);
    if (!c.counted) return;
    this.stoppedCases++;
    const node = this.nodes[n];
    const key = `${node?.process}/${node?.step}/${reason}`;
    const s = this.stopped.get(key);
    if (s) s.cases++;
    else this.stopped.set(key, { process: node?.process ?? '', step: node?.step ?? '', reason, cases: 1 });
    if (!(this.windowEnd >= t)) this.windowEnd = t;
  }

  // ---- report ---------------------------------------------------------------------------

  private result: SimulationReport | undefined;

  /** The report of the run (computed once; the histograms are freed afterwards). */
  report(): SimulationReport {
    if (!this.result) {
      this.result = this.buildReport();
      for (const q of [this.cycle, ...this.stepWait, ...this.stepWork, ...this.kpi]) q.dispose();
    }
    return this.result;
  }

  private buildReport(): SimulationReport {
    const m = this.model;
    const start = this.windowStart === this.windowStart ? this.windowStart : this.options.start;
    const end = this.windowEnd === this.windowEnd ? Math.max(this.windowEnd, start) : start;
    const totalCycle = this.cycle.sum;
    const finished = this.cycle.count;
    const cycleTime: TimeSummary = {
      mean: r2(this.cycle.mean),
      p50: r2(this.cycle.quantile(0.5)),
      p90: r2(this.cycle.quantile(0.9)),
      p95: r2(this.cycle.quantile(0.95)),
      max: r2(this.cycle.max),
    };
    const steps = m.steps.map((s, i) => ({
      process: s.process,
      step: s.step,
      name: s.name,
      role: s.role,
      count: this.stepWait[i]!.count,
      waiting: { mean: r2(this.stepWait[i]!.mean), p90: r2(this.stepWait[i]!.quantile(0.9)) },
      working: { mean: r2(this.stepWork[i]!.mean), p90: r2(this.stepWork[i]!.quantile(0.9)) },
      share: totalCycle > 0 ? r4(this.stepElapsed[i]! / totalCycle) : 0,
    }));
    // Utilisation over the arrival window (first counted to last arrival); a single counted
    // arrival has none, then the window runs to the last completion.
    const arrivalWindow = this.lastArrival > start;
    const uEnd = arrivalWindow ? this.lastArrival : end;
    const roles = m.pools.map((p, i) => {
      const avail = p.calendar !== null ? p.calendar.workingBetween(start, uEnd) : uEnd - start;
      const busy = arrivalWindow ? this.pools[i]!.busyWork : this.pools[i]!.busyAll;
      return {
        role: p.role,
        name: p.name,
        headcount: p.headcount,
        utilisation: avail > 0 ? r4(Math.min(1, busy / (avail * p.headcount))) : 0,
      };
    });
    const slas = m.slas.map((s, i) => ({
      process: s.process,
      step: s.step,
      within: s.withinText,
      unit: s.unit,
      entered: this.slaEntered[i]!,
      breached: this.slaBreached[i]!,
      rate: this.slaEntered[i]! > 0 ? r4(this.slaBreached[i]! / this.slaEntered[i]!) : 0,
      interrupting: s.interrupting,
    }));
    const kpis = m.kpis.map((k, i) => {
      const q = this.kpi[i]!;
      const value = q.count === 0 ? null : r2(k.statistic === 'mean' ? q.mean : q.quantile(Number(k.statistic.slice(1)) / 100));
      return { id: k.id, name: k.name, statistic: k.statistic, value, target: k.target, met: value !== null && value <= k.target, count: q.count };
    });
    const outcomes: Record<string, number> = {};
    for (const key of [...this.outcomes.keys()].sort()) outcomes[key] = this.outcomes.get(key)!;
    const arrivalDays = (this.lastArrival - start) / 1440;
    const days = (end - start) / 1440;
    const throughput = arrivalDays > 0 && this.steadyDone > 0 ? this.steadyDone / arrivalDays : days > 0 ? finished / days : 0;
    const histogram: Array<{ upTo: number; count: number }> = [];
    let lo = -1;
    let hi = -1;
    for (let i = 0; i < 64; i++) {
      if (this.bins[i]! === 0) continue;
      if (lo < 0) lo = i;
      hi = i;
    }
    for (let i = Math.max(lo, 0); i <= hi; i++) histogram.push({ upTo: r2(i === 0 ? 1 : Math.pow(2, i / 2)), count: this.bins[i]! });
    const warnings = [...m.warnings];
    if (this.stoppedCases > 0) {
      for (const s of this.stopped.values()) {
        warnings.push(
          s.reason === 'max-steps'
            ? `${s.cases} case${s.cases === 1 ? '' : 's'} went through more than ${m.maxSteps} steps and ${s.cases === 1 ? 'was' : 'were'} stopped at ${s.process}/${s.step}: a loop that rarely exits?`
            : `${s.cases} case${s.cases === 1 ? '' : 's'} reached a dead end at ${s.process}/${s.step} (no next step and no branch applied)`,
        );
      }
    }
    return {
      process: m.process,
      cases: finished + this.stoppedCases,
      seed: this.options.seed,
      runs: 1,
      warmup: this.options.warmup,
      window: { start: iso(start), end: iso(end) },
      utilisationWindow: { start: iso(start), end: iso(uEnd) },
      cycleTime,
      outcomes,
      stopped: { cases: this.stoppedCases, at: [...this.stopped.values()] },
      steps,
      roles,
      slas,
      kpis,
      efficiency: totalCycle > 0 ? r4(this.valueAdded / totalCycle) : 0,
      throughput: r2(throughput),
      histogram,
      events: this.events,
      warnings,
      conditionErrors: m.conditionErrors,
    };
  }
}

function r2(x: number): number {
  return Math.round(x * 100) / 100;
}
function r4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
/** Epoch minutes as ISO 8601 UTC, as the report's window shows them. */
export function iso(minutes: number): string {
  return new Date(Math.round(minutes * 60000)).toISOString();
}
