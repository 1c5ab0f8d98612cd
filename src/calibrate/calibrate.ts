/**
 * `calibrate`: fits a process to an event log. Every step's duration, every branch and `on`
 * probability, the arrival process, each role's headcount and working hours, each with the
 * number of observations it came from; what had fewer than ten is listed, not fitted.
 */
import { countActivities, mapActivities, type EventLog, type LogCase, type LogEvent, type UnmappedActivity } from '../log/index.js';
import { toDistribution } from '../model/duration.js';
import type { Project, Step } from '../model/types.js';
import { fitDuration, minutesText, moments, MIN_OBSERVATIONS, type Candidate, type Family } from './fit.js';
import type { Calibration, CalibratedStep, RoleFit, TooFew } from './overlay.js';
import { END, flowSteps, isWork, makeFirsts, mappableSteps, type FlowStep } from './steps.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
/** Decimals of a fitted probability. */
const P_DECIMALS = 4;

export interface CalibrateResult {
  calibration: Calibration;
  /** Per step: the winning family and every candidate's distance (the report's detail). */
  fits: Array<{ step: string; observations: number; family: Family; distance: number; candidates: Candidate[] }>;
  unmapped: UnmappedActivity[];
}

/** Orders a case's events as they happened: by start when there is one, else by end. */
function ordered(c: LogCase): LogEvent[] {
  return c.events.map((e, i) => ({ e, i })).sort((a, b) => (a.e.start ?? a.e.end) - (b.e.start ?? b.e.end) || a.e.end - b.e.end || a.i - b.i).map((x) => x.e);
}

export function calibrate(project: Project, processId: string, log: EventLog): CalibrateResult {
  const flow = flowSteps(project, processId);
  const byId = new Map<string, FlowStep>();
  for (const f of flow) if (!byId.has(f.step.id)) byId.set(f.step.id, f);
  const mapping = mapActivities(countActivities(log.cases), mappableSteps(flow, processId));
  const keyOf = (activity: string): string | undefined => {
    const id = mapping.steps.get(activity);
    return id === undefined ? undefined : byId.get(id)?.key;
  };
  const cases = log.cases.map((c) => ordered(c).map((e) => ({ e, key: keyOf(e.activity) })));
  const flowByKey = new Map(flow.map((f) => [f.key, f]));
  const observed = new Set<string>();
  for (const c of cases) for (const x of c) if (x.key) observed.add(x.key);
  const firsts = makeFirsts(project, observed);
  const tooFew: TooFew[] = [];
  const steps: Record<string, CalibratedStep> = {};
  const fits: CalibrateResult['fits'] = [];
  const entry = (key: string) => (steps[key] ??= {});

  const { roles, windows } = fitRoles(project, flow, cases, tooFew);
  // Durations: with start and end the work itself, counted in the role's working hours when the
  // log shows them (the simulator counts a duration in working time); with one timestamp the
  // time to the case's next event.
  const samples = new Map<string, number[]>();
  for (const c of cases) {
    c.forEach((x, i) => {
      if (!x.key) return;
      let d: number | undefined;
      const window = windows.get(x.key);
      if (log.stats.timestamps === 'start-end') {
        const from = x.e.start;
        d = from === undefined ? undefined : window ? workingMinutes(from, x.e.end, window) : (x.e.end - from) / 60000;
      }
      else if (i + 1 < c.length) d = (c[i + 1]!.e.end - x.e.end) / 60000;
      if (d === undefined || !(d >= 0)) return;
      const list = samples.get(x.key);
      if (list) list.push(d);
      else samples.set(x.key, [d]);
    });
  }
  for (const f of flow) {
    if (!(f.step.type === 'task' || f.step.type === 'approval' || f.step.type === 'wait')) continue;
    const values = samples.get(f.key) ?? [];
    const field = f.step.type === 'wait' ? 'for' : 'duration';
    if (values.length < MIN_OBSERVATIONS) {
      if (observed.has(f.key) || values.length > 0) tooFew.push({ what: `steps.${f.key}.${field}`, observations: values.length });
      continue;
    }
    const fit = fitDuration(values, (d) => toDistribution(d));
    entry(f.key)[field] = fit.best.duration;
    entry(f.key).observations = values.length;
    fits.push({ step: f.key, observations: values.length, family: fit.best.family, distance: fit.best.distance, candidates: fit.candidates });
  }

  // Delays: idle time before a step that neither queues nor calendars explain (e.g. a gateway or
  // a timer the model lacks): the lower quartile of the gaps between the case's previous end and
  // this start, when it is at least a minute. Only start-end logs show it.
  if (log.stats.timestamps === 'start-end') {
    const gaps = new Map<string, number[]>();
    for (const c of cases) {
      for (const x of c) {
        const start = x.e.start;
        if (!x.key || start === undefined || !isWork(flowByKey.get(x.key)!.step)) continue;
        let prev = -Infinity;
        for (const y of c) if (y !== x && y.e.end <= start && y.e.end > prev) prev = y.e.end;
        if (prev === -Infinity) continue;
        const list = gaps.get(x.key);
        if (list) list.push((start - prev) / 60000);
        else gaps.set(x.key, [(start - prev) / 60000]);
      }
    }
    for (const [key, list] of gaps) {
      if (list.length < MIN_OBSERVATIONS) continue;
      list.sort((a, b) => a - b);
      const q1 = list[Math.floor(list.length / 4)]!;
      if (q1 >= 1) {
        entry(key).delay = { dist: 'fixed', value: minutesText(q1) };
        entry(key).delayObservations = list.length;
      }
    }
  }

  // Routing: after each observed event, the next event that is one of the ways out says which was taken.
  const exitsOf = (f: FlowStep): Array<{ label: string; firsts: Set<string> }> | undefined => {
    const s = f.step;
    if (s.type === 'decision') return s.branches.map((b, i) => ({ label: String(i), firsts: firsts(f.process, 'else' in b ? b.else : b.next) }));
    const on = (s as { on?: Record<string, string | { next: string }> }).on;
    if (!on || Object.keys(on).length === 0) return undefined;
    // The normal way first: an activity both could reach counts as the normal way.
    return [{ label: '', firsts: firsts(f.process, (s as { next?: string }).next) }, ...Object.entries(on).map(([name, p]) => ({ label: name, firsts: firsts(f.process, typeof p === 'string' ? p : p.next) }))];
  };
  /** The decision a work step leads to through steps the log does not show (joins, unseen tasks). */
  const decisionAfter = (f: FlowStep): FlowStep | undefined => {
    let id = (f.step as { next?: string }).next;
    for (let guard = 0; id !== undefined && guard < 1000; guard++) {
      const key = `${f.process}/${id}`;
      const s = project.processes.get(f.process)?.stepById.get(id);
      if (!s) return undefined;
      if (s.type === 'decision') return flow.find((x) => x.key === key);
      if (s.type === 'join' || s.type === 'start' || ((s.type === 'task' || s.type === 'approval' || s.type === 'wait') && !observed.has(key))) id = (s as { next?: string }).next;
      else return undefined;
    }
    return undefined;
  };
  const routed = new Map<string, { exits: Array<{ label: string; firsts: Set<string> }>; counts: number[] }>();
  const route = (f: FlowStep, c: Array<{ e: LogEvent; key?: string }>, i: number) => {
    let r = routed.get(f.key);
    if (!r) {
      const exits = exitsOf(f);
      if (!exits) return;
      r = { exits, counts: exits.map(() => 0) };
      routed.set(f.key, r);
    }
    const all = new Set<string>();
    for (const x of r.exits) x.firsts.forEach((k) => all.add(k));
    let hit = END;
    for (let j = i + 1; j < c.length; j++) {
      const k = c[j]!.key;
      if (k && all.has(k)) {
        hit = k;
        break;
      }
    }
    const exit = r.exits.findIndex((x) => x.firsts.has(hit));
    if (exit >= 0) r.counts[exit]!++;
  };
  for (const c of cases) {
    c.forEach((x, i) => {
      if (!x.key) return;
      const f = flowByKey.get(x.key)!;
      if (exitsOf(f) && f.step.type !== 'decision') route(f, c, i);
      const d = decisionAfter(f);
      if (d) route(d, c, i);
    });
  }
  for (const [key, r] of routed) {
    const f = flowByKey.get(key)!;
    const total = r.counts.reduce((a, b) => a + b, 0);
    if (total < MIN_OBSERVATIONS) {
      tooFew.push({ what: `steps.${key}.${f.step.type === 'decision' ? 'branches' : 'on'}`, observations: total });
      continue;
    }
    const round = (x: number) => Number(x.toFixed(P_DECIMALS));
    if (f.step.type === 'decision') {
      const branches = f.step.branches;
      const hasElse = branches.some((b) => 'else' in b);
      const ps = r.counts.map((n) => round(n / total));
      // Without an else the probabilities must add up to 1: the last branch takes the rounding rest.
      if (!hasElse) ps[ps.length - 1] = round(1 - ps.slice(0, -1).reduce((a, b) => a + b, 0));
      entry(key).branches = branches.map((b, i) => ({ ...('else' in b ? { else: b.else } : { next: b.next, probability: Math.max(0, ps[i]!) }), observations: r.counts[i]! }));
      entry(key).observations = total;
    } else {
      const on: Record<string, { probability: number; observations: number }> = {};
      r.exits.forEach((x, i) => {
        if (i > 0) on[x.label] = { probability: round(r.counts[i]! / total), observations: r.counts[i]! };
      });
      entry(key).on = on;
      entry(key).onObservations = total;
    }
  }

  const arrivals = fitArrivals(log.cases.map((c) => ordered(c)[0]).filter((e): e is LogEvent => e !== undefined));
  if (log.cases.length < MIN_OBSERVATIONS) tooFew.push({ what: 'arrivals', observations: log.cases.length });

  return {
    calibration: {
      'crmflow-calibration': 1,
      process: processId,
      log: log.name,
      timestamps: log.stats.timestamps,
      cases: log.stats.cases,
      events: log.stats.events,
      ...(arrivals && log.cases.length >= MIN_OBSERVATIONS ? { arrivals } : {}),
      ...(Object.keys(roles).length ? { roles } : {}),
      steps,
      ...(tooFew.length ? { 'too-few': tooFew } : {}),
      ...(mapping.unmapped.length ? { unmapped: mapping.unmapped.map((u) => u.activity) } : {}),
    },
    fits,
    unmapped: mapping.unmapped,
  };
}

/** Working hours as fitted: weekdays (0 = Sunday) and minutes of the day. */
export interface HoursWindow {
  days: number[];
  from: number;
  to: number;
  text: string;
}

/** Minutes of `window` between two instants (epoch ms, UTC). */
export function workingMinutes(start: number, end: number, window: HoursWindow): number {
  let total = 0;
  for (let day = Math.floor(start / 86400000); day * 86400000 < end; day++) {
    if (!window.days.includes(new Date(day * 86400000).getUTCDay())) continue;
    const open = day * 86400000 + window.from * 60000;
    const close = day * 86400000 + window.to * 60000;
    total += Math.max(0, Math.min(end, close) - Math.max(start, open));
  }
  return total / 60000;
}

/** Headcount: the distinct resources that did the role's steps; hours: when they worked. */
function fitRoles(project: Project, flow: FlowStep[], cases: Array<Array<{ e: LogEvent; key?: string }>>, tooFew: TooFew[]): { roles: Record<string, RoleFit>; windows: Map<string, HoursWindow> } {
  const roleOf = new Map<string, string>();
  for (const f of flow) {
    const role = (f.step as Step & { role?: string }).role;
    if (role && !project.roles.get(role)?.builtIn) roleOf.set(f.key, role);
  }
  const seen = new Map<string, { resources: Set<string>; events: LogEvent[] }>();
  for (const c of cases) {
    for (const x of c) {
      const role = x.key ? roleOf.get(x.key) : undefined;
      if (!role || x.e.resource === undefined) continue;
      let s = seen.get(role);
      if (!s) seen.set(role, (s = { resources: new Set(), events: [] }));
      s.resources.add(x.e.resource);
      s.events.push(x.e);
    }
  }
  const out: Record<string, RoleFit> = {};
  const byRole = new Map<string, HoursWindow>();
  for (const role of [...new Set(roleOf.values())].sort()) {
    const s = seen.get(role);
    const n = s?.events.length ?? 0;
    if (!s || n < MIN_OBSERVATIONS) {
      tooFew.push({ what: `roles.${role}`, observations: n });
      continue;
    }
    const hours = workingHours(s.events);
    if (hours) byRole.set(role, hours);
    out[role] = { headcount: s.resources.size, observations: n, ...(hours ? { hours: hours.text, timezone: 'UTC' } : {}) };
  }
  const windows = new Map<string, HoursWindow>();
  for (const [key, role] of roleOf) {
    const w = byRole.get(role);
    if (w) windows.set(key, w);
  }
  return { roles: out, windows };
}

/**
 * Working hours when the log shows them: the weekdays with at least 1 % of the events, and
 * from the earliest start to the latest end of the day (½ % of events trimmed each side),
 * to the half hour. None when the work spans (nearly) the whole day every day.
 */
export function workingHours(events: readonly LogEvent[]): HoursWindow | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  const perDay = new Array<number>(7).fill(0);
  for (const e of events) {
    const s = new Date(e.start ?? e.end);
    const t = new Date(e.end);
    perDay[s.getUTCDay()]!++;
    starts.push(s.getUTCHours() * 60 + s.getUTCMinutes());
    // An end at midnight belongs to the day before.
    ends.push(t.getUTCHours() * 60 + t.getUTCMinutes() + t.getUTCSeconds() / 60 || 1440);
  }
  starts.sort((a, b) => a - b);
  ends.sort((a, b) => a - b);
  const trim = Math.floor(events.length * 0.005);
  const from = Math.floor(starts[trim]! / 30) * 30;
  const to = Math.min(1440, Math.ceil(ends[ends.length - 1 - trim]! / 30) * 30);
  const days = [1, 2, 3, 4, 5, 6, 0].filter((d) => perDay[d]! >= events.length * 0.01);
  if ((to - from >= 1380 && days.length === 7) || days.length === 0 || to <= from) return undefined;
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { days, from, to, text: `${daySpans(days)} ${hhmm(from)}-${m24(to, hhmm)}` };
}

function m24(m: number, hhmm: (m: number) => string): string {
  return m === 1440 ? '24:00' : hhmm(m);
}

/** [1,2,3,4,5] → `Mon-Fri`; [1,3] → `Mon,Wed`. */
function daySpans(days: number[]): string {
  const order = days.map((d) => (d === 0 ? 7 : d)).sort((a, b) => a - b);
  const spans: string[] = [];
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1] === order[j]! + 1) j++;
    const name = (d: number) => DAY_NAMES[d % 7]!;
    spans.push(j > i ? `${name(order[i]!)}-${name(order[j]!)}` : name(order[i]!));
    i = j + 1;
  }
  return spans.join(',');
}

/** Arrivals per hour by weekday and hour of day (UTC): cases started in that hour over the days of that weekday the log spans. */
export function fitArrivals(firstEvents: readonly LogEvent[]): Calibration['arrivals'] {
  if (firstEvents.length === 0) return undefined;
  const times = firstEvents.map((e) => e.start ?? e.end);
  const counts = DAYS.map(() => new Array<number>(24).fill(0));
  for (const t of times) {
    const d = new Date(t);
    counts[d.getUTCDay()]![d.getUTCHours()]!++;
  }
  const day0 = Math.floor(Math.min(...times) / 86400000);
  const day1 = Math.floor(Math.max(...times) / 86400000);
  const daysOf = new Array<number>(7).fill(0);
  for (let d = day0; d <= day1; d++) daysOf[new Date(d * 86400000).getUTCDay()]!++;
  const perHour: Record<string, number[]> = {};
  DAYS.forEach((name, d) => {
    const row = counts[d]!.map((n) => (daysOf[d]! > 0 ? Number((n / daysOf[d]!).toFixed(4)) : 0));
    if (row.some((x) => x > 0)) perHour[name] = row;
  });
  // Gaps between arrivals on the same day: a clock-like stream has little spread.
  const sorted = [...times].sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) if (Math.floor(sorted[i]! / 86400000) === Math.floor(sorted[i - 1]! / 86400000)) gaps.push(sorted[i]! - sorted[i - 1]!);
  const cv = gaps.length >= MIN_OBSERVATIONS ? moments(gaps).sd / Math.max(1e-9, moments(gaps).mean) : 1;
  return { timezone: 'UTC', observations: times.length, pattern: cv < 0.5 ? 'regular' : 'random', cv: Number(cv.toFixed(3)), 'per-hour': perHour };
}
