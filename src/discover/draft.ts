/**
 * Turns a mined process tree and its log into a crmflow process: one task per activity (its
 * role the most frequent role of its events, its duration fitted from the log), decisions for
 * exclusive choices and loops (branch probabilities from how often each way was taken),
 * parallel and join steps for concurrency, a start step with the log's arrival rate and an end.
 * Returns plain data (the process as YAML would hold it) plus what a report should say.
 */
import { msg } from '../i18n/index.js';
import type { EventLog, LogEvent } from '../log/types.js';
import { mineTree, type Tree, type Variant } from './tree.js';

export interface DiscoverOptions {
  /** The process id (kebab-case). */
  id: string;
  name?: string;
  layer?: 'strategy' | 'core' | 'operation';
  /** IMf noise threshold (default 0.2). */
  noise?: number;
  /** Roles the project already declares: used as they are, not declared again. */
  knownRoles?: Iterable<string>;
}

/** Something about the data the reviewer should look at. */
export interface DiscoverNote {
  severity: 'warning' | 'note';
  message: string;
  step?: string;
}

export interface DiscoveredActivity {
  activity: string;
  step: string;
  count: number;
  role?: string;
  /** Observations the duration was fitted from (0: none, the step has no duration). */
  durations: number;
}

export interface Discovery {
  /** The process, as the YAML file holds it. */
  process: Record<string, unknown>;
  tree: Tree;
  cases: number;
  events: number;
  timestamps: EventLog['stats']['timestamps'];
  activities: DiscoveredActivity[];
  notes: DiscoverNote[];
}

type Step = Record<string, unknown> & { id: string };

/** Drafts a process from a log. */
export function discoverProcess(log: EventLog, options: DiscoverOptions): Discovery {
  const variants: Variant[] = log.cases.map((c) => ({ trace: c.events.map((e) => e.activity), count: 1 }));
  const tree = mineTree(variants, { noise: options.noise });
  const notes: DiscoverNote[] = [];
  const known = new Set(options.knownRoles ?? []);

  // Per activity: its events, the durations observed, its role.
  const byActivity = new Map<string, LogEvent[]>();
  const durations = new Map<string, number[]>();
  for (const c of log.cases) {
    c.events.forEach((e, i) => {
      if (!byActivity.has(e.activity)) byActivity.set(e.activity, []);
      byActivity.get(e.activity)!.push(e);
      // With start and end times a duration is the work; with stage-entry times it is the time until the next stage.
      const next = c.events[i + 1];
      const d = e.start !== undefined ? e.end - e.start : next ? next.end - e.end : undefined;
      if (d !== undefined && d >= 0) {
        if (!durations.has(e.activity)) durations.set(e.activity, []);
        durations.get(e.activity)!.push(d / 60000);
      }
    });
  }

  const ids = new Set<string>(['start', 'end']);
  const unique = (base: string) => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
  const stepOf = new Map<string, string>();
  for (const a of byActivity.keys()) stepOf.set(a, unique(slug(a) || 'step'));

  const roles = new Map<string, Set<string>>();
  const roleOf = new Map<string, string>();
  for (const [activity, events] of byActivity) {
    const role = mostFrequent(events.map((e) => roleName(e)).filter((r): r is string => r !== undefined));
    if (role === undefined) continue;
    const id = slug(role) || 'owner';
    roleOf.set(activity, id);
    if (!roles.has(id)) roles.set(id, new Set());
    for (const e of events) if (e.resource && roleName(e) === role) roles.get(id)!.add(e.resource);
  }
  const unowned = [...byActivity.keys()].filter((a) => !roleOf.has(a));
  if (unowned.length > 0) {
    notes.push({ severity: 'warning', message: msg(unowned.length === 1 ? 'disc.noRole.one' : 'disc.noRole.other', { activities: unowned.map((a) => `"${a}"`).join(', ') }) });
  }

  const steps: Step[] = [];
  let counter = 0;
  const fresh = (kind: string) => unique(`${kind}-${++counter}`);

  const task = (activity: string, next: string): string => {
    const id = stepOf.get(activity)!;
    const step: Step = { id, type: 'task', name: activity };
    const role = roleOf.get(activity);
    if (role) step.role = role;
    const duration = fitDuration(durations.get(activity) ?? []);
    if (duration) step.duration = duration;
    step.next = next;
    steps.push(step);
    return id;
  };

  /** Builds the steps of `t` so that they continue at `next`; returns the step a case enters first. */
  const build = (t: Tree, next: string): string => {
    switch (t.op) {
      case 'tau':
        return next;
      case 'activity':
        return task(t.label, next);
      case 'seq': {
        let entry = next;
        for (const child of [...t.children].reverse()) entry = build(child, entry);
        return entry;
      }
      case 'xor': {
        const id = fresh('choice');
        const placeholder: Step = { id, type: 'decision' };
        steps.push(placeholder);
        const ways = t.children.map((child, i) => ({ next: build(child, next), count: t.counts[i]! }));
        placeholder.name = `${ways.map((w) => nameOf(w.next, next)).join(' or ')}?`;
        placeholder.branches = branches(mergeWays(ways));
        return id;
      }
      case 'and': {
        const fork = fresh('fork');
        const join = fresh('join');
        const forkStep: Step = { id: fork, type: 'parallel', name: 'At the same time' };
        steps.push(forkStep);
        // A branch may reach the join by several paths; the BPMN export merges them per branch.
        const entries = t.children.map((child) => build(child, join)).filter((e) => e !== join);
        if (entries.length < 2) {
          // Only one branch does anything: no fork needed.
          steps.splice(steps.indexOf(forkStep), 1);
          ids.delete(fork);
          ids.delete(join);
          retarget(steps, join, next);
          return entries[0] ?? next;
        }
        forkStep.branches = entries;
        forkStep.join = join;
        steps.push({ id: join, type: 'join', name: 'All done', next });
        return fork;
      }
      case 'loop': {
        const decision = fresh('again');
        const entry = build(t.body, decision);
        const back = build(t.again, entry);
        const step: Step = { id: decision, type: 'decision', name: `${nameOf(back, next)} again?` };
        step.branches = branches([{ next: back, count: t.redo }, { next, count: t.exit }]);
        steps.push(step);
        return entry;
      }
      case 'flower': {
        const hub = fresh('any-order');
        notes.push({
          severity: 'warning',
          step: hub,
          message: msg('disc.noOrder', { activities: t.activities.map((a) => `"${a}"`).join(', ') }),
        });
        const ways = t.activities.map((a, i) => ({ next: task(a, hub), count: t.counts[i]! }));
        steps.push({ id: hub, type: 'decision', name: 'Which activity next?', description: 'The log shows no clear order here (review by hand).', branches: branches([...ways, { next, count: t.exit }]) });
        return hub;
      }
    }
  };

  const nameOf = (id: string, exit: string): string => {
    if (id === exit) return 'Skip';
    const s = steps.find((x) => x.id === id);
    return s && typeof s.name === 'string' ? s.name.replace(/\?$/, '') : id;
  };

  const first = build(tree, 'end');
  const start: Step = { id: 'start', type: 'start', name: 'Case starts' };
  const every = meanGap(log);
  if (every !== undefined) start.arrivals = { every };
  start.next = first;
  steps.unshift(start);
  steps.push({ id: 'end', type: 'end', name: 'Case ends' });

  const process: Record<string, unknown> = { crmflow: 1, id: options.id, name: options.name ?? titleOf(options.id), layer: options.layer ?? 'operation' };
  process.description = `Drafted by crmflow discover from ${log.name}: ${log.stats.cases} cases, ${log.stats.events} events (${log.stats.timestamps === 'start-end' ? 'start and end times: durations are the work itself' : 'one timestamp per event: durations are the time until the next event, waiting included'}).`;
  const declared = [...roles].filter(([id]) => !known.has(id));
  if (declared.length > 0) {
    process.roles = Object.fromEntries(declared.map(([id, people]) => [id, { headcount: Math.max(1, people.size) }]));
  }
  const [head, tail] = [steps[0]!, steps[steps.length - 1]!];
  const numbered = renumber([head, ...order(steps.slice(1, -1), String(head.next)), tail]);
  process.steps = numbered.steps;
  for (const n of notes) if (n.step) n.step = numbered.rename.get(n.step) ?? n.step;

  if (log.stats.timestamps === 'single') {
    notes.push({ severity: 'note', message: msg('disc.oneStampNote') });
  }
  const activities = [...byActivity].map(([activity, events]) => {
    const a: DiscoveredActivity = { activity, step: stepOf.get(activity)!, count: events.length, durations: durations.get(activity)?.length ?? 0 };
    const role = roleOf.get(activity);
    if (role) a.role = role;
    return a;
  });
  return { process, tree, cases: log.stats.cases, events: log.stats.events, timestamps: log.stats.timestamps, activities, notes };
}

/** Decision branches: probabilities from counts (two decimals), the last way as `else`. */
function branches(ways: Array<{ next: string; count: number }>): Array<Record<string, unknown>> {
  const sorted = [...ways].sort((a, b) => b.count - a.count);
  const total = sorted.reduce((n, w) => n + w.count, 0) || 1;
  const out: Array<Record<string, unknown>> = sorted.slice(0, -1).map((w) => ({ next: w.next, probability: Math.round((w.count / total) * 100) / 100 }));
  out.push({ else: sorted[sorted.length - 1]!.next });
  return out;
}

function mergeWays(ways: Array<{ next: string; count: number }>): Array<{ next: string; count: number }> {
  const by = new Map<string, number>();
  for (const w of ways) by.set(w.next, (by.get(w.next) ?? 0) + w.count);
  return [...by].map(([next, count]) => ({ next, count }));
}

/** Steps in the order a reader follows them from the first one (depth first along `next`). */
function order(steps: Step[], first: string): Step[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const out: Step[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    const s = byId.get(id);
    if (!s || seen.has(id)) return;
    seen.add(id);
    out.push(s);
    const nexts: string[] = [];
    if (Array.isArray(s.branches)) for (const b of s.branches) nexts.push(typeof b === 'string' ? b : ((b as Record<string, string>).next ?? (b as Record<string, string>).else)!);
    if (typeof s.join === 'string') nexts.push(s.join);
    if (typeof s.next === 'string') nexts.push(s.next);
    for (const n of nexts) visit(n);
  };
  visit(first);
  for (const s of steps) if (!seen.has(s.id)) out.push(s);
  return out;
}

/** Gateways are numbered as they were built; number them in reading order instead (choice-1 first). */
function renumber(steps: Step[]): { steps: Step[]; rename: Map<string, string> } {
  const generated = /^(choice|fork|join|again|any-order)-\d+$/;
  const taken = new Set(steps.map((s) => s.id).filter((id) => !generated.test(id)));
  const next = new Map<string, number>();
  const rename = new Map<string, string>();
  for (const s of steps) {
    const m = generated.exec(s.id);
    if (!m) continue;
    let id: string;
    do {
      const n = (next.get(m[1]!) ?? 0) + 1;
      next.set(m[1]!, n);
      id = `${m[1]}-${n}`;
    } while (taken.has(id));
    rename.set(s.id, id);
  }
  const to = (id: unknown) => (typeof id === 'string' ? (rename.get(id) ?? id) : id);
  const renamed = steps.map((s) => {
    const out: Step = { ...s, id: to(s.id) as string };
    if (s.next !== undefined) out.next = to(s.next);
    if (s.join !== undefined) out.join = to(s.join);
    if (Array.isArray(s.branches)) {
      out.branches = s.branches.map((b) => {
        if (typeof b === 'string') return to(b);
        const o = { ...(b as Record<string, unknown>) };
        if (o.next !== undefined) o.next = to(o.next);
        if (o.else !== undefined) o.else = to(o.else);
        return o;
      });
    }
    return out;
  });
  return { steps: renamed, rename };
}

function retarget(steps: Step[], from: string, to: string): void {
  for (const s of steps) {
    if (s.next === from) s.next = to;
    if (Array.isArray(s.branches)) {
      s.branches = s.branches.map((b) => {
        if (b === from) return to;
        if (typeof b === 'object' && b) {
          const o = { ...(b as Record<string, unknown>) };
          if (o.next === from) o.next = to;
          if (o.else === from) o.else = to;
          return o;
        }
        return b;
      });
    }
  }
}

/**
 * A duration from observed minutes: fixed when they hardly vary, else a lognormal through the
 * observed median and 90th percentile (the file format's own parameters).
 */
export function fitDuration(minutes: readonly number[]): string | Record<string, unknown> | undefined {
  if (minutes.length === 0) return undefined;
  const sorted = [...minutes].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  const p90 = quantile(sorted, 0.9);
  const show = estimate;
  if (p90 <= median * 1.05 || show(p90) === show(median)) return show(median);
  return { dist: 'lognormal', median: show(median), p90: show(p90) };
}

/** Minutes as a duration in the unit a reader expects, to two significant digits: a draft's durations are estimates. */
function estimate(minutes: number): string {
  const [unit, size] = minutes < 90 ? ['m', 1] : minutes < 48 * 60 ? ['h', 60] : ['d', 1440];
  const value = Math.max(minutes, 0.1) / size;
  const digits = Math.pow(10, Math.floor(Math.log10(value)) - 1);
  const rounded = Number((Math.round(value / digits) * digits).toPrecision(2));
  return `${rounded}${unit}`;
}

/** Linear interpolation between order statistics (pm4py's and numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The mean gap between case starts, as a duration, when the log has two or more cases. */
function meanGap(log: EventLog): string | undefined {
  const starts = log.cases.map((c) => Math.min(...c.events.map((e) => e.start ?? e.end))).sort((a, b) => a - b);
  if (starts.length < 2) return undefined;
  const gap = (starts[starts.length - 1]! - starts[0]!) / (starts.length - 1) / 60000;
  return gap > 0 ? estimate(gap) : undefined;
}

/** The role of an event: its role column, else its resource without a trailing number ("Clerk-000003" → "Clerk"). */
function roleName(e: LogEvent): string | undefined {
  if (e.role) return e.role;
  if (!e.resource) return undefined;
  const stripped = e.resource.replace(/[\s_-]*\d+$/, '').trim();
  // A bare id (a CRM user id such as 0055g00000AbCdE) says who, not which role.
  if (stripped === '' || /^[0-9a-z]{15,18}$/i.test(e.resource) || /^\d+$/.test(e.resource) || /^userId:/i.test(e.resource)) return 'owner';
  return stripped;
}

function mostFrequent(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}

/** Kebab-case: "Check credit history" → check-credit-history; a name with no Latin letters or digits gives "". */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function titleOf(id: string): string {
  const words = id.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
