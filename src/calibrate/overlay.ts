/**
 * The calibration overlay (`calibration.yaml`): what `calibrate` fitted from a log, with the
 * number of observations behind each figure, in a file `simulate --calibration` reads. Only
 * fitted values are in it; everything else comes from the process files unchanged.
 */
import * as z from 'zod';
import { durationSchema, stepSchemas, type DurationInput } from '../model/schema.js';
import { embed, msg } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import { stepDurationProblems } from '../model/duration-checks.js';
import { issuesToFindings } from '../model/schema-messages.js';
import { parseSource } from '../model/source.js';
import type { Calendar, Process, Project, Role, Step } from '../model/types.js';
import { Rng } from '../simulate/random.js';

const count = z.number().int().min(0).describe('How many observations of the log the figure came from.');
const probability = z.number().min(0).max(1);
const stepKey = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const branchFit = z.union([
  z.strictObject({ next: z.string().min(1), probability, observations: count }),
  z.strictObject({ else: z.string().min(1), observations: count }),
]);

export const calibrationSchema = z
  .strictObject({
    'crmflow-calibration': z.literal(1).describe('Format version: 1.'),
    process: z.string().min(1).describe('The process calibrated.'),
    log: z.string().min(1).describe('The event log it was calibrated on.'),
    timestamps: z.enum(['start-end', 'single']).describe('start-end: durations are the work; single: they mix waiting and work.'),
    cases: count.describe('Cases in the log.'),
    events: count.describe('Events in the log.'),
    arrivals: z
      .strictObject({
        timezone: z.literal('UTC').describe('The zone of the hours (log times without an offset are UTC).'),
        observations: count,
        pattern: z
          .enum(['random', 'regular'])
          .describe('random: Poisson arrivals at the hour\'s rate; regular: evenly spaced (the gaps in the log vary little, coefficient of variation below 0.5).'),
        cv: z.number().min(0).optional().describe('Coefficient of variation of the gaps between arrivals on the same day (1 for Poisson, 0 for a clock).'),
        'per-hour': z
          .partialRecord(z.enum(DAY_KEYS), z.array(z.number().min(0)).length(24))
          .describe('Mean new cases per hour, by weekday: 24 numbers from 00:00.'),
      })
      .optional(),
    roles: z
      .record(
        z.string().min(1),
        z.strictObject({
          headcount: z.number().int().min(1).describe('Distinct resources that did the role\'s steps.'),
          observations: count,
          hours: z.string().min(1).optional().describe('Working hours seen in the log, e.g. `Mon-Fri 08:00-16:00`.'),
          timezone: z.string().min(1).optional(),
        }),
      )
      .optional(),
    steps: z
      .record(
        z.string().regex(stepKey, { message: 'step-ref' }),
        z.strictObject({
          duration: durationSchema.optional(),
          for: durationSchema.optional(),
          observations: count.optional(),
          branches: z.array(branchFit).optional(),
          on: z.record(z.string(), z.strictObject({ probability, observations: count })).optional(),
          onObservations: count.optional(),
          delay: durationSchema.optional().describe('Idle time before the step starts that queues and calendars do not explain; simulated as a wait in front of it.'),
          delayObservations: count.optional(),
        }),
      )
      .describe('Fitted figures by `<process>/<step>`.'),
    'too-few': z.array(z.strictObject({ what: z.string(), observations: count })).optional().describe('What had fewer than 10 observations and kept the process\'s value.'),
    unmapped: z.array(z.string()).optional().describe('Log activities no step stands for.'),
  })
  .describe('A crmflow calibration overlay.');

export type Calibration = z.infer<typeof calibrationSchema>;
export type CalibratedStep = Calibration['steps'][string];
export type RoleFit = NonNullable<Calibration['roles']>[string];
export type TooFew = NonNullable<Calibration['too-few']>[number];

/** Reads and checks an overlay; a problem is an error with file:line:col. */
export function parseCalibration(name: string, text: string): Calibration {
  const parsed = parseSource(name, text);
  const fail = (f: { line: number; column: number; message: string }): never => {
    throw new CrmflowError(msg('calFile.bad', { where: `${name}:${f.line}:${f.column}`, why: embed(f.message) }), msg('calFile.badHint'), 'data');
  };
  if (parsed.findings.length) fail(parsed.findings[0]!);
  const checked = calibrationSchema.safeParse(parsed.data);
  if (!checked.success) fail(issuesToFindings(checked.error.issues, calibrationSchema, parsed.data, parsed.source, [])[0]!);
  const data = checked.data!;
  for (const [key, s] of Object.entries(data.steps)) {
    for (const field of ['duration', 'for', 'delay'] as const) {
      const problem = s[field] && stepDurationProblems({ id: 'x', type: field === 'duration' ? 'task' : 'wait', [field === 'delay' ? 'for' : field]: s[field] } as Step)[0];
      if (problem) fail({ ...parsed.source.locate(['steps', key, field, ...problem.path.slice(1)]), message: problem.message });
    }
  }
  return data;
}

/**
 * The project with the overlay's figures in place of the process files' own: durations,
 * branch and `on` probabilities, headcounts and working hours. Throws when the overlay names
 * a step or role the project does not have (it was made for another version of the process).
 */
export function applyCalibration(project: Project, cal: Calibration): Project {
  const fail = (why: string): never => {
    throw new CrmflowError(msg('calFile.stale', { process: cal.process, why: embed(why) }), msg('calFile.staleHint'), 'data');
  };
  const processes = new Map(project.processes);
  for (const [key, fit] of Object.entries(cal.steps)) {
    const [pid, sid] = key.split('/') as [string, string];
    const proc = processes.get(pid);
    if (!proc) fail(msg('calFile.noProcess', { process: pid }));
    const idx = proc!.steps.findIndex((s) => s.id === sid);
    if (idx < 0) fail(msg('calFile.noStep', { step: key }));
    const step = structuredClone(proc!.steps[idx]!) as Record<string, unknown>;
    if (fit.duration) step.duration = fit.duration;
    if (fit.for) step.for = fit.for;
    if (fit.branches && Array.isArray(step.branches)) {
      const branches = step.branches as Array<Record<string, unknown>>;
      for (const b of fit.branches) {
        if (!('next' in b)) continue;
        const target = branches.find((x) => x.next === b.next);
        if (!target) fail(msg('calFile.noBranch', { step: key, next: b.next }));
        target!.probability = b.probability;
      }
    }
    if (fit.on && step.on) {
      const on = step.on as Record<string, unknown>;
      for (const [name, o] of Object.entries(fit.on)) {
        const path = on[name];
        if (path === undefined) fail(msg('calFile.noOn', { step: key, name }));
        on[name] = typeof path === 'string' ? { next: path, probability: o.probability } : { ...(path as object), probability: o.probability };
      }
    }
    const checked = stepSchemas[step.type as keyof typeof stepSchemas].safeParse(step);
    if (!checked.success) fail(msg('calFile.stepInvalid', { step: key, path: checked.error.issues[0]?.path.join('.'), why: checked.error.issues[0]?.message }));
    const steps = proc!.steps.slice();
    steps[idx] = checked.data as Step;
    const next: Process = { ...proc!, steps, stepById: new Map(steps.map((s) => [s.id, s])) };
    processes.set(pid, next);
  }
  // Waits go in last: they rename the ways into a step that branches above still name.
  for (const [key, fit] of Object.entries(cal.steps)) {
    const [pid, sid] = key.split('/') as [string, string];
    if (fit.delay) processes.set(pid, withDelay(processes.get(pid)!, sid, fit.delay));
  }
  const roles = new Map(project.roles);
  const calendars = new Map(project.calendars);
  for (const [id, fit] of Object.entries(cal.roles ?? {})) {
    const role = roles.get(id) ?? localRole(project, id);
    if (!role) fail(msg('calFile.noRole', { role: id }));
    const changed: Role = { ...role!, headcount: fit.headcount };
    if (fit.hours) {
      const calId = `${id}-calibrated`;
      calendars.set(calId, { id: calId, timezone: fit.timezone ?? 'UTC', hours: fit.hours } satisfies Calendar);
      changed.calendar = calId;
    }
    roles.set(id, changed);
    // A process's own role shadows the project's: change it there too.
    for (const [pid, p] of processes) {
      if (p.roles?.[id]) processes.set(pid, { ...p, roles: { ...p.roles, [id]: { ...p.roles[id], headcount: changed.headcount, calendar: changed.calendar } } });
    }
  }
  return { ...project, processes, roles, calendars };
}

/** The id of the wait put in front of a step with a fitted delay. */
export const delayId = (step: string) => `${step}-calibrated-delay`;

/** `proc` with a wait of `delay` in front of `sid`: every way into the step goes through it. */
function withDelay(proc: Process, sid: string, delay: DurationInput): Process {
  const wait = delayId(sid);
  const to = (x: string) => (x === sid ? wait : x);
  const steps: Step[] = [];
  for (const step of proc.steps) {
    const s = structuredClone(step) as Record<string, unknown>;
    if (typeof s.next === 'string') s.next = to(s.next);
    if (s.type === 'decision') s.branches = (s.branches as Array<Record<string, string>>).map((b) => ('else' in b ? { ...b, else: to(b.else!) } : { ...b, next: to(b.next!) }));
    if (s.type === 'parallel') s.branches = (s.branches as string[]).map(to);
    if (s.on) s.on = Object.fromEntries(Object.entries(s.on as Record<string, string | { next: string }>).map(([k, v]) => [k, typeof v === 'string' ? to(v) : { ...v, next: to(v.next) }]));
    const sla = s.sla as { breach?: string } | undefined;
    if (sla?.breach) s.sla = { ...sla, breach: to(sla.breach) };
    if (step.id === sid) steps.push({ id: wait, type: 'wait', name: `Delay before ${step.name ?? step.id}`, for: delay, next: sid, 'value-added': false } as Step);
    steps.push(s as Step);
  }
  return { ...proc, steps, stepById: new Map(steps.map((s) => [s.id, s])), stepIndex: new Map(steps.map((s, i) => [s.id, i])) };
}

function localRole(project: Project, id: string): Role | undefined {
  for (const p of project.processes.values()) {
    const r = p.roles?.[id];
    if (r) return { ...r, id, builtIn: false };
  }
  return undefined;
}

const DAY_INDEX: Record<(typeof DAY_KEYS)[number], number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/**
 * `cases` arrival times (epoch minutes, ascending) from the overlay's hourly rates, from
 * `start` on: random, a Poisson number of cases in each hour at uniform times (seeded);
 * regular, a case each time the expected count passes a whole number.
 */
export function arrivalTimes(arrivals: NonNullable<Calibration['arrivals']>, cases: number, start: number, seed: number): number[] {
  const rates: number[][] = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const [day, row] of Object.entries(arrivals['per-hour'])) rates[DAY_INDEX[day as keyof typeof DAY_INDEX]] = row;
  if (!rates.some((r) => r.some((x) => x > 0))) throw new CrmflowError(msg('calFile.noArrivals'), msg('calFile.noArrivalsHint'));
  const rng = new Rng(seed ^ 0x5eed);
  const out: number[] = [];
  let expected = 0;
  for (let hour = Math.floor(start / 60); out.length < cases; hour++) {
    const d = new Date(hour * 3600000);
    const rate = rates[d.getUTCDay()]![d.getUTCHours()]!;
    if (rate <= 0) continue;
    if (arrivals.pattern === 'regular') {
      for (let k = Math.floor(expected) + 1; k <= expected + rate && out.length < cases; k++) out.push(hour * 60 + (60 * (k - expected)) / rate);
      expected += rate;
      continue;
    }
    const times: number[] = [];
    // Poisson count by multiplying uniforms (rates are a few per hour).
    const limit = Math.exp(-rate);
    for (let p = rng.next(); p > limit; p *= rng.next()) times.push(hour * 60 + 60 * rng.next());
    times.sort((a, b) => a - b);
    for (const t of times) if (out.length < cases) out.push(t);
  }
  return out;
}


/** What an overlay can hold, for `calibrate --only`. */
export const CALIBRATION_PARTS = ['durations', 'routing', 'arrivals', 'roles'] as const;
export type CalibrationPart = (typeof CALIBRATION_PARTS)[number];

/**
 * The overlay with only `parts`: on a stage history (one timestamp per event) the time in a
 * stage is elapsed time — waiting, work and nights together — so a team may keep its own work
 * times and take only the routing and arrivals from the log.
 */
export function onlyParts(cal: Calibration, parts: ReadonlySet<CalibrationPart>): Calibration {
  const steps: Calibration['steps'] = {};
  for (const [key, s] of Object.entries(cal.steps)) {
    const { duration, for: waitFor, delay, delayObservations, observations, branches, on, onObservations, ...rest } = s;
    const kept: CalibratedStep = { ...rest };
    if (parts.has('durations')) Object.assign(kept, { duration, for: waitFor, delay, delayObservations });
    if (parts.has('routing')) Object.assign(kept, { branches, on, onObservations });
    if (observations !== undefined && ((parts.has('durations') && (duration || waitFor)) || (parts.has('routing') && branches))) kept.observations = observations;
    for (const k of Object.keys(kept) as Array<keyof CalibratedStep>) if (kept[k] === undefined) delete kept[k];
    if (Object.keys(kept).length) steps[key] = kept;
  }
  const partOf = (what: string): CalibrationPart => (what.startsWith('roles.') ? 'roles' : /\.(branches|on)$/.test(what) ? 'routing' : 'durations');
  const tooFew = cal['too-few']?.filter((t) => parts.has(partOf(t.what)));
  const out: Calibration = { ...cal, steps, 'too-few': tooFew };
  if (!tooFew?.length) delete out['too-few'];
  if (!parts.has('arrivals')) delete out.arrivals;
  if (!parts.has('roles')) delete out.roles;
  return out;
}
