/**
 * Builds a `Project` from file contents and resolves every reference in it. No I/O here:
 * `load.ts` reads the disk, `diff` reads git, tests pass strings.
 */
import { calendarFindings } from './calendar-checks.js';
import { declaredIn, likelyProcessIds, salvageConfig, UNKNOWN, type Declared } from './cascade.js';
import { checkCondition } from './cel.js';
import { controlCharacters } from './control-chars.js';
import { checkCaseFields, checkFieldDefinitions } from './fields.js';
import { stepDurationProblems } from './duration-checks.js';
import { LAYERS, STEP_TYPES, configSchema, processHeaderSchema, stepSchemas, type StepType } from './schema.js';
import { issuesToFindings, show } from './schema-messages.js';
import { parseSource } from './source.js';
import { hint } from './suggest.js';
import { outgoing, layerRank } from './graph.js';
import { reportingCycles, submitterRoles, supervisorOf } from './approvers.js';
import type { Calendar, Config, Finding, PathSegment, Process, Project, Role, SourceFile, Step } from './types.js';
import { embed, msg, part } from '../i18n/index.js';

/** A file handed to `buildProject`: a project-relative path and its bytes or text. */
export interface FileInput {
  path: string;
  bytes: Uint8Array | string;
}

export interface ProjectInput {
  /** Absolute project root (only recorded; nothing is read from it). */
  root: string;
  /** crmflow.yaml, when the project has one. */
  config?: FileInput;
  /** The process files. */
  files: FileInput[];
}

/** The roles every project has. */
export const BUILT_IN_ROLES: readonly Role[] = [
  { id: 'customer', name: 'Customer', builtIn: true, description: 'The customer: external, unlimited capacity.' },
  { id: 'system', name: 'System', builtIn: true, description: 'Automation: unlimited capacity, 24/7.' },
];

/** Parses and validates a project. Never throws for bad content: problems become findings. */
export function buildProject(input: ProjectInput): Project {
  const findings: Finding[] = [];
  let config: Config = { crmflow: 1 };
  let configFile: SourceFile | undefined;
  let configBroken = false;
  let declared: Declared = declaredIn(config);

  if (input.config) {
    const parsed = parseSource(input.config.path, input.config.bytes);
    configFile = parsed.source;
    findings.push(...parsed.findings, ...controlCharacters(parsed.source, parsed.data));
    if (findings.some((f) => f.severity === 'error')) configBroken = true;
    if (parsed.data !== undefined) {
      const r = configSchema.safeParse(parsed.data);
      if (r.success) {
        config = r.data;
        declared = declaredIn(config);
      } else {
        findings.push(...issuesToFindings(r.error.issues, configSchema, parsed.data, parsed.source, []));
        configBroken = true;
        ({ config, declared } = salvageConfig(parsed.data));
      }
    } else declared = UNKNOWN;
  }

  const roles = new Map<string, Role>();
  for (const r of BUILT_IN_ROLES) roles.set(r.id, r);
  for (const [id, r] of Object.entries(config.roles ?? {})) roles.set(id, { ...r, id, builtIn: false });
  const calendars = new Map<string, Calendar>();
  for (const [id, c] of Object.entries(config.calendars ?? {})) calendars.set(id, { ...c, id });

  const files: SourceFile[] = [];
  const processes = new Map<string, Process>();
  const unreadable = new Set<string>();
  const sorted = [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const parsed = parseSource(file.path, file.bytes);
    files.push(parsed.source);
    findings.push(...parsed.findings, ...controlCharacters(parsed.source, parsed.data));
    const process = parsed.data === undefined ? undefined : readProcess(parsed.source, parsed.data, findings);
    if (!process) {
      for (const id of likelyProcessIds(file.path, parsed.source.text, parsed.data)) unreadable.add(id);
      continue;
    }
    const existing = processes.get(process.id);
    if (existing) {
      findings.push({
        rule: 'duplicate-id',
        severity: 'error',
        message: msg('model.processIdTaken', { process: process.id, file: existing.file }),
        file: process.file,
        process: process.id,
        ...process.source.locate(['id']),
      });
      continue;
    }
    processes.set(process.id, process);
  }

  for (const id of processes.keys()) unreadable.delete(id);
  const project: Project = { root: input.root, config, configFile, processes, files, roles, calendars, findings, configBroken, unreadable };
  resolveReferences(project, declared);
  if (configFile) {
    const configFindings = resolveConfig(project, configFile, declared);
    if (configFindings.some((f) => f.severity === 'error' && f.rule !== 'kpi-unknown-step')) project.configBroken = true;
    findings.push(...configFindings);
  }
  findings.push(...checkCaseFields(project));
  findings.sort(byPosition);
  return project;
}

/** Orders findings by file, then line, then column. */
export function byPosition(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

function readProcess(source: SourceFile, data: unknown, findings: Finding[]): Process | undefined {
  const file = source.path;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    findings.push({
      rule: 'schema',
      severity: 'error',
      message: msg('model.notAMapping', { value: embed(show(data)) }),
      file,
      ...source.locate([]),
    });
    return undefined;
  }
  const raw = data as Record<string, unknown>;
  const header = processHeaderSchema.safeParse(raw);
  const processId = typeof raw.id === 'string' ? raw.id : undefined;
  if (!header.success) {
    findings.push(...issuesToFindings(header.error.issues, processHeaderSchema, raw, source, [], { process: processId }));
    // Keep going when the parts the graph needs are sound, so one bad field does not hide the rest.
    const vital = header.error.issues.some((i) => ['id', 'layer', 'steps'].includes(String(i.path[0])));
    if (vital || !Array.isArray(raw.steps)) return undefined;
  }
  const id = processId!;
  const rawSteps = raw.steps as unknown[];

  const steps: Step[] = [];
  const stepById = new Map<string, Step>();
  const stepIndex = new Map<string, number>();
  rawSteps.forEach((item, i) => {
    const where = { process: id };
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      findings.push({ rule: 'schema', severity: 'error', message: msg('model.stepNotAMapping', { n: i + 1, value: embed(show(item)) }), file, ...where, ...source.locate(['steps', i]) });
      return;
    }
    const s = item as Record<string, unknown>;
    const stepId = typeof s.id === 'string' ? s.id : undefined;
    if (stepId !== undefined) {
      if (stepIndex.has(stepId)) {
        findings.push({
          rule: 'duplicate-id',
          severity: 'error',
          message: msg('model.stepIdTwice', { step: stepId, process: id, first: stepIndex.get(stepId)! + 1 }),
          file,
          ...where,
          step: stepId,
          ...source.locate(['steps', i, 'id']),
        });
        return;
      }
      stepIndex.set(stepId, i);
    }
    const type = s.type;
    if (typeof type !== 'string' || !(STEP_TYPES as readonly string[]).includes(type)) {
      findings.push({
        rule: 'schema',
        severity: 'error',
        message:
          type === undefined
            ? msg('model.stepNoType', { step: stepId ? `"${stepId}"` : i + 1, types: STEP_TYPES.join(', ') })
            : msg('model.stepBadType', { type: show(type), types: STEP_TYPES.join(', '), hint: embed(hint(String(type), STEP_TYPES)) }),
        file,
        ...where,
        step: stepId,
        ...source.locate(['steps', i, ...(type === undefined ? [] : ['type'])]),
      });
      return;
    }
    const schema = stepSchemas[type as StepType];
    const r = schema.safeParse(s);
    if (!r.success) {
      findings.push(...issuesToFindings(r.error.issues, schema, s, source, ['steps', i], { process: id, step: stepId }));
      return;
    }
    steps.push(r.data);
    if (!stepById.has(r.data.id)) stepById.set(r.data.id, r.data);
  });

  const base = file.split('/').pop()!.replace(/\.ya?ml$/i, '');
  if (base !== id) {
    findings.push({
      rule: 'id-file-mismatch',
      severity: 'warning',
      message: msg('model.idNotFileName', { process: id, file: file.split('/').pop(), id }),
      file,
      process: id,
      ...source.locate(['id']),
    });
  }

  const header_ = (header.success ? header.data : raw) as Record<string, unknown>;
  return {
    ...(header_ as object),
    crmflow: 1,
    id,
    layer: (LAYERS as readonly string[]).includes(String(raw.layer)) ? (raw.layer as Process['layer']) : 'operation',
    steps,
    file,
    source,
    stepById,
    stepIndex,
  } as Process;
}

/** Resolves step, role, process and calendar references and checks CEL and probabilities. */
function resolveReferences(project: Project, declared: Declared): void {
  const { findings } = project;
  for (const process of project.processes.values()) {
    const { source } = process;
    const knownSteps = [...process.stepIndex.keys()];
    const localRoles = Object.keys(process.roles ?? {});
    const at = (step: Step, field: PathSegment[], part: 'value' | 'key' = 'value') =>
      source.locate(['steps', process.stepIndex.get(step.id)!, ...field], part);
    const add = (rule: string, message: string, step: Step | undefined, range: ReturnType<typeof at>, severity: Finding['severity'] = 'error') =>
      findings.push({ rule, severity, message, file: process.file, process: process.id, step: step?.id, ...range });

    const checkRole = (role: string | undefined, step: Step | undefined, field: PathSegment[], range?: ReturnType<typeof at>) => {
      if (role === undefined || project.roles.has(role) || localRoles.includes(role) || isDeclared(declared.roles, role)) return;
      const all = [...project.roles.keys(), ...localRoles];
      add(
        'unknown-role',
        hint(role, all) ? msg('model.unknownRole', { role, hint: embed(hint(role, all)) }) : msg('model.unknownRoleKnown', { role, known: all.join(', ') }),
        step,
        range ?? (step ? at(step, field) : source.locate(field)),
      );
    };
    checkRole(process.owner, undefined, ['owner']);

    for (const step of process.steps) {
      for (const edge of outgoing(step)) {
        if (!process.stepIndex.has(edge.to)) {
          const what = edge.kind === 'breach' ? part('model.edge.breach') : edge.kind === 'exception' ? part('model.edge.exception', { label: edge.label }) : edge.kind === 'fork' ? part('model.edge.fork') : part('model.edge.next');
          add('unknown-step', msg('model.unknownStep', { step: step.id, what, to: edge.to, hint: embed(hint(edge.to, knownSteps)) }), step, at(step, edge.field));
        }
      }
      for (const p of stepDurationProblems(step)) add('invalid-duration', p.message, step, at(step, p.path));
      if ('role' in step) checkRole(step.role, step, ['role']);
      if (step.type === 'approval' && step.tiers) {
        step.tiers.levels.forEach((lvl, i) =>
          Array.isArray(lvl.role) ? lvl.role.forEach((r, j) => checkRole(r, step, ['tiers', 'levels', i, 'role', j])) : checkRole(lvl.role, step, ['tiers', 'levels', i, 'role']),
        );
        checkCel(project, process, step, ['tiers', 'field'], step.tiers.field);
      }
      if (step.type === 'approval') checkApprovers(project, process, step, add, at, checkRole);
      if (step.type === 'pool') {
        checkRole(step.claimedBy, step, ['claimedBy']);
        if (step.priority !== undefined) checkCel(project, process, step, ['priority'], step.priority);
      }
      if ('recycle' in step && step.recycle) {
        const to = process.stepById.get(step.recycle.to);
        if (to && to.type !== 'pool') add('recycle-target', msg('model.recycleTarget', { step: step.id, to: step.recycle.to, a: part(/^[aeiou]/.test(to.type) ? 'grammar.an' : 'grammar.a'), type: part(`stepType.${to.type}`) }), step, at(step, ['recycle', 'to']));
      }
      if ('sla' in step && step.sla?.calendar && !project.calendars.has(step.sla.calendar) && !isDeclared(declared.calendars, step.sla.calendar)) {
        add('unknown-calendar', msg('model.unknownCalendar', { calendar: step.sla.calendar, hint: embed(hint(step.sla.calendar, project.calendars.keys())) }), step, at(step, ['sla', 'calendar']));
      }
      if ('on' in step && step.on) {
        let sum = 0;
        for (const [name, p] of Object.entries(step.on)) {
          if (typeof p === 'string') continue;
          if (p.when !== undefined) checkCel(project, process, step, ['on', name, 'when'], p.when);
          else if (p.probability !== undefined) sum += p.probability;
        }
        if (sum > 1 + 1e-9) {
          add('probability-sum', msg('model.exceptionSum', { step: step.id, sum: round(sum) }), step, at(step, ['on'], 'key'));
        }
      }
      switch (step.type) {
        case 'decision':
          checkDecision(project, process, step, add, at);
          break;
        case 'parallel': {
          const join = process.stepById.get(step.join);
          if (!process.stepIndex.has(step.join)) {
            add('unknown-step', msg('model.unknownJoin', { step: step.id, join: step.join, hint: embed(hint(step.join, knownSteps)) }), step, at(step, ['join']));
          } else if (join && join.type !== 'join') {
            add('join-mismatch', msg('model.joinMismatch', { step: step.id, join: step.join, type: part(`stepType.${join.type}`) }), step, at(step, ['join']));
          }
          break;
        }
        case 'wait':
          if (step.for === undefined && step.message === undefined) {
            add('schema', msg('model.waitNeedsFor', { step: step.id }), step, at(step, ['type']));
          }
          if (step.arrives !== undefined && step.message === undefined) {
            add('schema', msg('model.waitArrives', { step: step.id }), step, at(step, ['arrives'], 'key'));
          }
          break;
        case 'subprocess':
          if (!project.processes.has(step.process) && !project.unreadable?.has(step.process)) {
            add('unknown-process', msg('model.unknownProcess', { step: step.id, process: step.process, hint: embed(hint(step.process, project.processes.keys())) }), step, at(step, ['process']));
          }
          break;
      }
    }

    if (process.refines) {
      const [pid, sid] = process.refines.split('/') as [string, string];
      const target = project.processes.get(pid);
      if (!target) {
        if (!project.unreadable?.has(pid)) add('unknown-process', msg('model.refinesNoProcess', { process: process.id, refines: process.refines, target: pid, hint: embed(hint(pid, project.processes.keys())) }), undefined, source.locate(['refines']));
      } else if (!target.stepIndex.has(sid)) {
        add('unknown-step', msg('model.refinesNoStep', { process: process.id, refines: process.refines, target: pid, step: sid, hint: embed(hint(sid, target.stepIndex.keys())) }), undefined, source.locate(['refines']));
      }
    }
  }
  findRefCycles(project);
}

/** Approvers: declared roles, a mode that fits their number, and a reporting line for `{ supervisor: n }`. */
function checkApprovers(
  project: Project,
  process: Process,
  step: Extract<Step, { type: 'approval' }>,
  add: Add,
  at: (s: Step, f: PathSegment[], p?: 'value' | 'key') => ReturnType<SourceFile['locate']>,
  checkRole: (role: string | undefined, step: Step | undefined, field: PathSegment[]) => void,
): void {
  const a = step.approvers;
  if (a === undefined) return;
  if (Array.isArray(a)) {
    a.forEach((r, i) => checkRole(r, step, ['approvers', i]));
    if (step.role !== undefined) add('schema', msg('approval.roleAndApprovers', { step: step.id }), step, at(step, ['role'], 'key'));
    if ((step.mode ?? 'single') === 'single' && a.length > 1) {
      add('schema', msg('approval.manyButSingle', { step: step.id, n: a.length }), step, at(step, ['approvers'], 'key'));
    }
    return;
  }
  const roles = new Map<string, { reportsTo?: string }>();
  for (const [id, r] of project.roles) roles.set(id, r);
  for (const [id, r] of Object.entries(process.roles ?? {})) if (!roles.has(id)) roles.set(id, r);
  for (const submitter of submitterRoles(process, step.id)) {
    const up = supervisorOf(roles, submitter, a.supervisor);
    if ('missing' in up) {
      add(
        'missing-reports-to',
        msg(a.supervisor === 1 ? 'approval.noReportsTo.one' : 'approval.noReportsTo.other', { step: step.id, n: a.supervisor, role: up.missing }),
        step,
        at(step, ['approvers', 'supervisor']),
      );
    }
  }
}

type Add = (rule: string, message: string, step: Step | undefined, range: ReturnType<SourceFile['locate']>, severity?: Finding['severity']) => void;

function checkDecision(project: Project, process: Process, step: Extract<Step, { type: 'decision' }>, add: Add, at: (s: Step, f: PathSegment[], p?: 'value' | 'key') => ReturnType<SourceFile['locate']>): void {
  let sum = 0;
  let hasElse = false;
  let allProbability = true;
  step.branches.forEach((b, i) => {
    if ('else' in b) {
      if (hasElse) add('branch-order', msg('model.twoElse', { step: step.id }), step, at(step, ['branches', i]));
      else if (i !== step.branches.length - 1) add('branch-order', msg('model.elseNotLast', { step: step.id }), step, at(step, ['branches', i]));
      hasElse = true;
      return;
    }
    if (b.when !== undefined) checkCel(project, process, step, ['branches', i, 'when'], b.when);
    if (b.when === undefined && b.probability === undefined) {
      add('schema', msg('model.branchEmpty', { n: i + 1, step: step.id }), step, at(step, ['branches', i]));
    }
    if (b.probability !== undefined) sum += b.probability;
    else allProbability = false;
  });
  if (sum > 1 + 1e-9) {
    add('probability-sum', msg('model.branchSumOver', { step: step.id, sum: round(sum) }), step, at(step, ['branches'], 'key'));
  } else if (!hasElse && allProbability && Math.abs(sum - 1) > 1e-6) {
    add('probability-sum', msg('model.branchSumUnder', { step: step.id, sum: round(sum) }), step, at(step, ['branches'], 'key'));
  }
}

function checkCel(project: Project, process: Process, step: Step, field: PathSegment[], expression: string): void {
  const problem = checkCondition(expression);
  if (!problem) return;
  const full: PathSegment[] = ['steps', process.stepIndex.get(step.id)!, ...field];
  const start = process.source.valueStart(full);
  const range =
    start && !expression.includes('\n')
      ? process.source.rangeOf(start.offset + problem.offset, start.offset + problem.offset + 1)
      : process.source.locate(full);
  project.findings.push({ rule: 'cel-syntax', severity: 'error', message: problem.message, file: process.file, process: process.id, step: step.id, ...range });
}

/** Subprocess calls that lead back to the caller never end: report each cycle once. */
function findRefCycles(project: Project): void {
  const calls = new Map<string, { to: string; step: Step }[]>();
  for (const p of project.processes.values()) {
    calls.set(
      p.id,
      p.steps.filter((s): s is Extract<Step, { type: 'subprocess' }> => s.type === 'subprocess' && project.processes.has(s.process)).map((s) => ({ to: s.process, step: s })),
    );
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string) => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const { to, step } of calls.get(id) ?? []) {
      if (state.get(to) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(to)), to];
        const key = [...cycle.slice(0, -1)].sort().join(',');
        if (reported.has(key)) continue;
        reported.add(key);
        const p = project.processes.get(id)!;
        project.findings.push({
          rule: 'ref-cycle',
          severity: 'error',
          message: msg('model.callCycle', { step: step.id, to, cycle: cycle.join(' → ') }),
          file: p.file,
          process: p.id,
          step: step.id,
          ...p.source.locate(['steps', p.stepIndex.get(step.id)!, 'process']),
        });
      } else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of [...project.processes.keys()].sort()) if (!state.has(id)) visit(id);

  // A refines chain that loops (a refines b refines a) is a cycle too.
  for (const p of project.processes.values()) {
    const seen = [p.id];
    let cur = p;
    while (cur.refines) {
      const next = project.processes.get(cur.refines.split('/')[0]!);
      if (!next) break;
      if (seen.includes(next.id)) {
        if (next.id === p.id) {
          const key = `refines:${[...seen].sort().join(',')}`;
          if (!reported.has(key)) {
            reported.add(key);
            project.findings.push({
              rule: 'ref-cycle',
              severity: 'error',
              message: msg('model.refinesCycle', { process: p.id, cycle: [...seen, p.id].join(' → ') }),
              file: p.file,
              process: p.id,
              ...p.source.locate(['refines']),
            });
          }
        }
        break;
      }
      seen.push(next.id);
      cur = next;
    }
  }
  void layerRank;
}

/** Checks the references in crmflow.yaml: calendars of roles, KPI steps. */
function resolveConfig(project: Project, source: SourceFile, declared: Declared): Finding[] {
  const out: Finding[] = [];
  const { config } = project;
  for (const [id, role] of Object.entries(config.roles ?? {})) {
    if (role.calendar && !project.calendars.has(role.calendar) && !isDeclared(declared.calendars, role.calendar)) {
      out.push({
        rule: 'unknown-calendar',
        severity: 'error',
        message: msg('model.roleCalendar', { role: id, calendar: role.calendar, hint: embed(hint(role.calendar, project.calendars.keys())) }),
        file: source.path,
        ...source.locate(['roles', id, 'calendar']),
      });
    }
  }
  for (const [id, role] of Object.entries(config.roles ?? {})) {
    if (role.reportsTo && !project.roles.has(role.reportsTo) && !isDeclared(declared.roles, role.reportsTo)) {
      out.push({ rule: 'unknown-role', severity: 'error', message: msg('approval.reportsToUnknown', { role: id, to: role.reportsTo, hint: embed(hint(role.reportsTo, project.roles.keys())) }), file: source.path, ...source.locate(['roles', id, 'reportsTo']) });
    }
  }
  for (const loop of reportingCycles(project.roles)) {
    out.push({
      rule: 'reports-to-cycle',
      severity: 'error',
      message: msg('approval.reportsToLoop', { loop: loop.join(' → ') }),
      file: source.path,
      ...source.locate(['roles', loop[0]!, 'reportsTo']),
    });
  }
  for (const [id, cal] of Object.entries(config.calendars ?? {})) {
    if (!isTimeZone(cal.timezone)) {
      out.push({ rule: 'schema', severity: 'error', message: msg('model.timeZone', { zone: cal.timezone }), file: source.path, ...source.locate(['calendars', id, 'timezone']) });
    }
    out.push(...calendarFindings(id, cal, source));
  }
  out.push(...checkFieldDefinitions(config.fields, source));
  out.push(...checkKpiSteps(project));
  return out;
}

/** KPI `from` / `to` must name existing steps. Shared with the lint rule `kpi-unknown-step`. */
export function checkKpiSteps(project: Project): Finding[] {
  const out: Finding[] = [];
  const source = project.configFile;
  if (!source) return out;
  (project.config.kpis ?? []).forEach((kpi, i) => {
    for (const end of ['from', 'to'] as const) {
      const [pid, sid] = kpi[end].split('/') as [string, string];
      const p = project.processes.get(pid);
      if (!p && project.unreadable?.has(pid)) continue;
      const message = !p
        ? msg('lint.kpi-unknown-step.process', { kpi: kpi.id, end: part(`lint.kpi-unknown-step.${end}`), ref: kpi[end], process: pid, hint: embed(hint(pid, project.processes.keys())) })
        : !p.stepIndex.has(sid)
          ? msg('lint.kpi-unknown-step.step', { kpi: kpi.id, end: part(`lint.kpi-unknown-step.${end}`), ref: kpi[end], process: pid, step: sid, hint: embed(hint(sid, p.stepIndex.keys())) })
          : undefined;
      if (message) out.push({ rule: 'kpi-unknown-step', severity: 'error', message, file: source.path, ...source.locate(['kpis', i, end]) });
    }
  });
  return out;
}

/** Declared (perhaps with errors of its own), or not knowable because its section is unreadable. */
function isDeclared(ids: ReadonlySet<string> | undefined, id: string): boolean {
  return ids === undefined || ids.has(id);
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
