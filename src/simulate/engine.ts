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
import { msg } from '../i18n/index.js';
import { EventQueue } from './queue.js';
import { Rng, type Sampler } from './random.js';
import { Quantiles } from './stats.js';
import { ALL, ANY, DECISION, END, FORK, JOIN, POOL, SEQUENCE, START, SUB, WAIT, WORK, type Exit, type GroupDef, type Model, type Node } from './model.js';
import type { PoolReport, Progress, SimulationReport, TimeSummary } from './types.js';

const ARRIVAL = 0;
const DONE = 1;
const SLA = 2;
/** A `recycle` timer: the case goes back to its pool. */
const RECYCLE = 3;
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
  /** A wait that ended or an end step reached: stages in a stage history, not work. */
  stage?(caseIndex: number, node: number, start: number, end: number): void;
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
  /** The resource pool of the case's last work, for `{ supervisor }` approvals (-1: none yet). */
  lastPool = -1;
  /** The pool step and person holding the case's claim (-1: none). */
  claimPool = -1;
  claimPerson = -1;
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
  /** A multi-approver step the token waits on (its requests are tokens of their own). */
  group: Pending | null = null;
  /** A request: the step it belongs to and which approver it is. */
  req: Pending | null = null;
  reqIndex = -1;
  /** POOL: the pool step index while the token waits in it (-1 otherwise). */
  inPool = -1;
  constructor(readonly id: number) {}
}

/** A multi-approver step in progress for one token. */
interface Pending {
  def: GroupDef;
  parent: Token;
  /** Live request tokens. */
  open: Token[];
  /** Requests not yet decided (ALL), next to start (SEQUENCE). */
  left: number;
  next: number;
  /** Working minutes on the step's critical path. */
  work: number;
  /** The submitter's role, for `{ supervisor }`. */
  submitter: string;
}

/** Cases waiting in a pool step, highest priority first, then first in. */
class PoolQueue {
  private keys: number[] = [];
  private seqs: number[] = [];
  private ids: number[] = [];
  private eps: number[] = [];
  private seq = 0;
  live = 0;
  outId = 0;
  outEpoch = 0;
  get length(): number {
    return this.ids.length;
  }
  private less(i: number, j: number): boolean {
    return this.keys[i]! > this.keys[j]! || (this.keys[i] === this.keys[j] && this.seqs[i]! < this.seqs[j]!);
  }
  private swap(i: number, j: number): void {
    for (const a of [this.keys, this.seqs, this.ids, this.eps]) [a[i], a[j]] = [a[j]!, a[i]!];
  }
  push(key: number, id: number, epoch: number): void {
    this.keys.push(key);
    this.seqs.push(this.seq++);
    this.ids.push(id);
    this.eps.push(epoch);
    for (let i = this.ids.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!this.less(i, up)) break;
      this.swap(i, up);
      i = up;
    }
  }
  shift(): boolean {
    const n = this.ids.length;
    if (n === 0) return false;
    this.outId = this.ids[0]!;
    this.outEpoch = this.eps[0]!;
    this.swap(0, n - 1);
    for (const a of [this.keys, this.seqs, this.ids, this.eps]) a.pop();
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n - 1 && this.less(l, m)) m = l;
      if (r < n - 1 && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return true;
  }
}

interface PoolStepState {
  queue: PoolQueue;
  /** Open claims per person. */
  claims: Int32Array;
  /** Time-weighted size: minutes at each size, and since when the current size holds. */
  timeAt: Map<number, number>;
  since: number;
  max: number;
  wait: Quantiles;
  claimsCounted: number;
  recycles: number;
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
  private readonly poolSteps: PoolStepState[];
  private readonly reqWithdrawn: Float64Array;
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
    this.poolSteps = model.poolSteps.map((p) => ({
      queue: new PoolQueue(),
      claims: new Int32Array(p.people),
      timeAt: new Map(),
      since: NaN,
      max: 0,
      wait: new Quantiles(),
      claimsCounted: 0,
      recycles: 0,
    }));
    this.reqWithdrawn = new Float64Array(model.steps.length);
    if (options.cases > 0) this.q.push(this.arrivalTime(0), ARRIVAL, 0);
  }

  /** Processes up to one chunk of events; true when the run is over. */
  advance(maxEvents = CHUNK): boolean {
    const q = this.q;
    for (let k = 0; k < maxEvents; k++) {
      if (!q.pop()) return true;
      const t = q.popTime;
      this.now = t;
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
      else if ((a & 3) === RECYCLE) this.recycle(tok, t);
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
    tok.group = null;
    tok.req = null;
    tok.inPool = -1;
    c.tokens.push(tok);
    return tok;
  }

  private release(tok: Token): void {
    if (tok.inPool >= 0) this.poolSize(tok.inPool, -1, this.now);
    tok.inPool = -1;
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
  private pick(node: Node, c: CaseState, skip: Exit | null = null): number {
    const exits = node.exits;
    let u = -1;
    let acc = 0;
    for (let i = 0; i < exits.length; i++) {
      const e = exits[i]!;
      if (e === skip) continue;
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
        case POOL:
          this.enterPool(tok, node, t);
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
          this.options.sink?.stage?.(c.index, n, t, t);
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
    let group = node.group;
    if (node.tierField !== null) {
      const cell = this.model.rows[c.row]![node.tierField];
      const v = typeof cell === 'bigint' ? Number(cell) : cell; // a declared integer field
      if (typeof v === 'number') {
        for (let i = 0; i < node.tierBelow.length; i++) {
          if (v < node.tierBelow[i]!) {
            pool = node.tierPool[i]!;
            sampler = node.tierSampler[i]!;
            group = node.tierGroup[i]!;
            break;
          }
        }
      }
    }
    tok.server = -1;
    tok.deadline = Infinity;
    if (node.sla >= 0) {
      const sla = this.model.slas[node.sla]!;
      tok.deadline = sla.calendar !== null ? sla.calendar.addWorking(t, sla.within) : t + sla.within;
      if (node.breachNode >= 0) this.q.push(tok.deadline, (tok.id << 2) | SLA, tok.epoch, true);
    }
    if (node.recycleNode >= 0) this.q.push(t + node.recycleAfter, (tok.id << 2) | RECYCLE, tok.epoch, true);
    if (group !== null) {
      this.beginGroup(tok, group, t);
      return;
    }
    const w = sampler !== null ? sampler.sample(c.rng) : 0;
    tok.work = w;
    tok.pool = pool;
    if (pool >= 0) c.lastPool = pool;
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

  // ---- approvers (DESIGN §12) ------------------------------------------------------------

  /** Sends the requests of a multi-approver step: all at once (all, any) or the first (sequence). */
  private beginGroup(tok: Token, def: GroupDef, t: number): void {
    const c = tok.c;
    tok.work = 0;
    tok.pool = -1;
    const lp = c.lastPool;
    const submitter = lp >= 0 ? this.model.pools[lp]!.role : (this.model.owner ?? '');
    const g: Pending = { def, parent: tok, open: [], left: def.requests.length, next: 0, work: 0, submitter };
    tok.group = g;
    if (def.mode === SEQUENCE) this.sendRequest(g, g.next++, t);
    else for (let i = 0; i < def.requests.length && tok.group === g; i++) this.sendRequest(g, i, t);
  }

  private sendRequest(g: Pending, i: number, t: number): void {
    const parent = g.parent;
    const r = g.def.requests[i]!;
    let pool = r.pool;
    let sampler = r.sampler;
    if (r.level > 0) {
      const line = this.model.reportLine.get(g.submitter);
      pool = line?.[r.level - 1] ?? -1;
      sampler = g.def.samplerFor(pool);
    }
    const tok = this.alloc(parent.c, parent.rec);
    tok.node = parent.node;
    tok.req = g;
    tok.reqIndex = i;
    tok.epoch++;
    tok.entered = t;
    tok.work = sampler !== null ? sampler.sample(parent.c.rng) : 0;
    tok.pool = pool;
    tok.server = -1;
    g.open.push(tok);
    if (pool < 0) {
      tok.start = t;
      this.q.push(t + tok.work, (tok.id << 2) | DONE, tok.epoch);
      return;
    }
    const p = this.pools[pool]!;
    if (p.busy < p.capacity) this.grant(tok, pool, t);
    else p.queue.push(tok.id, tok.epoch);
  }

  /** Whether this approver rejects: the `rejected` exit's condition, else its probability per approver. */
  private rejects(node: Node, c: CaseState): boolean {
    const e = node.rejectExit;
    if (e === null) return false;
    if (e.cond >= 0) {
      const v = this.model.table[c.row * this.nc + e.cond]!;
      if (v !== -1) return v === 1;
    }
    return e.p > 0 && c.rng.next() < e.p;
  }

  /** One approver decided. */
  private decided(tok: Token, t: number): void {
    const g = tok.req!;
    const c = tok.c;
    const node = this.nodes[tok.node]!;
    const r = g.def.requests[tok.reqIndex]!;
    if (c.counted) {
      this.stepWait[r.stat]!.record(t - tok.entered - tok.work);
      this.stepWork[r.stat]!.record(tok.work);
      this.stepElapsed[r.stat]! += t - tok.entered;
    }
    if (node.kind === WORK) this.options.sink?.step(c.index, tok.node, tok.pool, tok.server, tok.start, t);
    const rejected = this.rejects(node, c);
    const mode = g.def.mode;
    g.open.splice(g.open.indexOf(tok), 1);
    tok.req = null;
    this.release(tok);
    if (mode === SEQUENCE) {
      g.work += tok.work;
      if (!rejected && g.next < g.def.requests.length) {
        this.sendRequest(g, g.next++, t);
        return;
      }
    } else {
      g.work = tok.work;
      if (mode === ALL && !rejected && --g.left > 0) return;
    }
    this.dropRequests(g, t);
    const parent = g.parent;
    parent.group = null;
    this.recordStep(parent, node, t, g.work);
    if (node.sla >= 0 && c.counted) {
      this.slaEntered[node.sla]!++;
      if (t > parent.deadline) this.slaBreached[node.sla]!++;
    }
    let next: number;
    if (rejected) next = node.rejectExit!.node;
    else {
      const x = this.pick(node, c, node.rejectExit);
      next = x === NONE ? node.next : x;
    }
    parent.epoch++;
    this.walk(parent, next, t);
  }

  /** Withdraws the open requests of `g`: a queued one leaves its queue, one in service stops now. */
  private dropRequests(g: Pending, t: number): void {
    for (const tok of g.open) tok.epoch++;
    for (const tok of g.open) {
      if (tok.c.counted) this.reqWithdrawn[g.def.requests[tok.reqIndex]!.stat]!++;
      if (tok.inService) this.interrupt(tok, t);
      tok.req = null;
      this.release(tok);
    }
    g.open.length = 0;
  }

  // ---- pools (公海池) -----------------------------------------------------------------------

  private now = 0;

  /** Changes a pool's size at `t`, keeping its time-weighted size distribution. */
  private poolSize(i: number, delta: number, t: number): void {
    const s = this.poolSteps[i]!;
    const size = s.queue.live;
    if (t > this.windowStart) {
      const from = s.since === s.since ? Math.max(s.since, this.windowStart) : this.windowStart;
      if (t > from) {
        s.timeAt.set(size, (s.timeAt.get(size) ?? 0) + (t - from));
        // The largest size the pool held for some time (a case claimed at once never counts).
        if (size > s.max) s.max = size;
      }
    }
    s.since = t;
    s.queue.live = size + delta;
  }

  private enterPool(tok: Token, node: Node, t: number): void {
    const c = tok.c;
    this.releaseClaim(c, t, node.poolStep);
    tok.epoch++;
    tok.entered = t;
    tok.work = 0;
    tok.pool = -1;
    const i = node.poolStep;
    const def = this.model.poolSteps[i]!;
    this.poolSize(i, +1, t);
    tok.inPool = i;
    this.poolSteps[i]!.queue.push(def.priority !== null ? def.priority[c.row]! : 0, tok.id, tok.epoch);
    this.claimFrom(i, t);
  }

  /** Lets free claimers take cases from pool step `i`. */
  private claimFrom(i: number, t: number): void {
    const s = this.poolSteps[i]!;
    const def = this.model.poolSteps[i]!;
    while (s.queue.live > 0) {
      let person = 0;
      for (let k = 1; k < s.claims.length; k++) if (s.claims[k]! < s.claims[person]!) person = k;
      if (s.claims[person]! >= def.limit) return;
      if (!s.queue.shift()) return;
      const tok = this.tokens[s.queue.outId]!;
      if (tok.epoch !== s.queue.outEpoch || tok.inPool !== i) continue;
      this.poolSize(i, -1, t);
      tok.inPool = -1;
      s.claims[person]!++;
      const c = tok.c;
      c.claimPool = i;
      c.claimPerson = person;
      if (c.counted) {
        s.wait.record(t - tok.entered);
        s.claimsCounted++;
      }
      this.recordStep(tok, this.nodes[tok.node]!, t, 0);
      if (def.pool >= 0) c.lastPool = def.pool;
      tok.epoch++;
      this.walk(tok, this.nodes[tok.node]!.next, t);
    }
  }

  /** The case is off its claimer's hands (it ended, or went back to a pool). */
  private releaseClaim(c: CaseState, t: number, except = -1): void {
    const i = c.claimPool;
    if (i < 0) return;
    c.claimPool = -1;
    this.poolSteps[i]!.claims[c.claimPerson]!--;
    c.claimPerson = -1;
    if (i !== except) this.claimFrom(i, t);
  }

  /** A `recycle` timer: the case has not moved on, so it goes back to its pool. */
  private recycle(tok: Token, t: number): void {
    const c = tok.c;
    const node = this.nodes[tok.node]!;
    if (c.dead) return;
    let done = 0;
    if (tok.group !== null) {
      this.dropRequests(tok.group, t);
      tok.group = null;
    } else if (tok.inService) done = this.interrupt(tok, t);
    else if (tok.pool < 0 && node.kind === WORK) done = Math.min(tok.work, t - tok.start);
    this.recordStep(tok, node, t, done);
    if (c.counted && node.poolStep >= 0) this.poolSteps[node.poolStep]!.recycles++;
    tok.epoch++;
    this.walk(tok, node.recycleNode, t);
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
    if (node.recycleNode >= 0) this.q.push(t + node.recycleAfter, (tok.id << 2) | RECYCLE, tok.epoch, true);
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
    if (tok.req !== null) {
      this.decided(tok, t);
      return;
    }
    this.recordStep(tok, node, t, tok.work);
    if (node.kind === WORK) this.options.sink?.step(c.index, tok.node, tok.pool, tok.server, tok.start, t);
    else if (node.kind === WAIT) this.options.sink?.stage?.(c.index, tok.node, tok.entered, t);
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
    let done = 0;
    if (tok.group !== null) {
      this.dropRequests(tok.group, t);
      tok.group = null;
    } else if (tok.inService || tok.pool < 0) {
      // Work that had begun is an activity instance cut short; a case still queued did none.
      this.options.sink?.step(c.index, tok.node, tok.pool, tok.server, tok.start, t);
    }
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
    this.releaseClaim(c, t);
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
    this.releaseClaim(c, t);
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
      for (const q of [this.cycle, ...this.stepWait, ...this.stepWork, ...this.kpi, ...this.poolSteps.map((p) => p.wait)]) q.dispose();
    }
    return this.result;
  }

  /** Each pool step's size over time (time-weighted from the first counted arrival to the end), waits, claims and recycles. */
  private poolReports(end: number): PoolReport[] {
    return this.model.poolSteps.map((def, i) => {
      const s = this.poolSteps[i]!;
      this.poolSize(i, 0, Math.max(end, s.since === s.since ? s.since : end));
      const sizes = [...s.timeAt.entries()].sort((a, b) => a[0] - b[0]);
      const total = sizes.reduce((a, [, d]) => a + d, 0);
      let mean = 0;
      let p90 = 0;
      let acc = 0;
      for (const [size, d] of sizes) mean += (size * d) / (total || 1);
      for (const [size, d] of sizes) {
        acc += d;
        if (acc >= 0.9 * total) {
          p90 = size;
          break;
        }
      }
      return {
        process: def.process,
        step: def.step,
        name: def.name,
        claimedBy: def.claimedBy,
        limit: Number.isFinite(def.limit) ? def.limit : null,
        size: { mean: r2(mean), p90, max: s.max },
        timeInPool: { mean: r2(s.wait.mean), p90: r2(s.wait.quantile(0.9)) },
        claims: s.claimsCounted,
        recycles: s.recycles,
      };
    });
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
      ...(s.approver !== undefined ? { approver: s.approver, withdrawn: this.reqWithdrawn[i]! } : {}),
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
          msg(`sim.warn.${s.reason === 'max-steps' ? 'maxSteps' : 'deadEnd'}.${s.cases === 1 ? 'one' : 'other'}`, { n: s.cases, max: m.maxSteps, step: `${s.process}/${s.step}` }),
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
      ...(m.poolSteps.length > 0 ? { pools: this.poolReports(end) } : {}),
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
