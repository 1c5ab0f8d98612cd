/**
 * fast-check arbitraries for whole crmflow projects: random graphs turned into valid YAML.
 *
 * Every generated project validates by construction (ids are kebab-case, every `next`,
 * `breach` and `on` target exists, roles are declared), but its shape is arbitrary: loops,
 * dead ends, unreachable steps, deep decisions and names in any script, including markup.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { configureSeed } from './seed.js';

export interface GeneratedProject {
  /** crmflow.yaml text. */
  config: string;
  /** Process files: project-relative path and YAML text. */
  files: { path: string; text: string }[];
  /** The model data, for assertions (ids, edges, roles, SLAs). */
  processes: GeneratedProcess[];
}

export interface GeneratedProcess {
  id: string;
  steps: Record<string, unknown>[];
}

// Fixed in CI, fresh on a developer's machine, FC_SEED to pin (seed.ts).
configureSeed();

const ROLES = ['sales-rep', 'sales-manager', 'legal', 'finance'] as const;

/** Names a user might write, markup and all; never empty. */
export const nameArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'Qualify lead',
    '折扣审批',
    'Approve <script>alert(1)</script>',
    'Close --> reopen',
    'Use `rm -rf`',
    'Say "hi" & \'bye\'',
    '[click](javascript:alert(1))',
    '<img src=x onerror=alert(1)>',
    'a]]>b',
    'Ünïcödé – 日本語 – 한국어',
    'end',
    'graph TD',
    '%%{init: {"theme":"dark"}}%%',
  ),
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
);

const durationArb = fc.oneof(
  fc.constantFrom('30m', '2h', '1d', '1.5h'),
  fc.constantFrom('1h..4h', '30m..2h'),
  fc.constant({ dist: 'exponential', mean: '2h' }),
  fc.constant({ dist: 'triangular', min: '1h', mode: '2h', max: '6h' }),
  fc.constant({ dist: 'lognormal', median: '2h', p90: '1d' }),
);

type Kind = 'task' | 'approval' | 'decision' | 'wait' | 'end';

interface StepPlan {
  kind: Kind;
  name: string | undefined;
  role: number;
  /** Targets as indexes into the steps (taken modulo the step count). */
  targets: number[];
  duration: unknown;
  sla: boolean;
  probability: number;
}

const stepPlanArb: fc.Arbitrary<StepPlan> = fc.record({
  kind: fc.constantFrom<Kind>('task', 'task', 'task', 'approval', 'decision', 'wait', 'end'),
  name: fc.option(nameArb, { nil: undefined }),
  role: fc.nat({ max: ROLES.length - 1 }),
  targets: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 3 }),
  duration: durationArb,
  sla: fc.boolean(),
  probability: fc.integer({ min: 1, max: 9 }).map((n) => n / 10),
});

/** One process: a start, then `n` planned steps, then at least one end. */
function buildProcess(id: string, plans: StepPlan[], processName: string): GeneratedProcess {
  const ids = ['start', ...plans.map((_, i) => `s${i + 1}`), 'done'];
  const body: string[] = ids.slice(1); // possible targets (never the start)
  const target = (n: number): string => body[n % body.length]!;
  const steps: Record<string, unknown>[] = [{ id: 'start', type: 'start', name: 'Start', next: body[0] }];
  plans.forEach((p, i) => {
    const id = ids[i + 1]!;
    const base: Record<string, unknown> = { id, type: p.kind };
    if (p.name !== undefined) base.name = p.name;
    const t0 = target(p.targets[0]!);
    switch (p.kind) {
      case 'task':
        Object.assign(base, { role: ROLES[p.role], duration: p.duration, next: t0 });
        if (p.sla) base.sla = { within: '4h', breach: target(p.targets[1] ?? 0) };
        break;
      case 'approval':
        Object.assign(base, {
          role: ROLES[p.role],
          duration: p.duration,
          on: { rejected: { next: target(p.targets[1] ?? 1), probability: p.probability / 2 } },
          next: t0,
        });
        if (p.sla) base.sla = { within: '1d' };
        break;
      case 'decision':
        base.branches = [
          { when: `case.amount > ${Math.round(p.probability * 1000)}`, probability: p.probability, next: t0 },
          { else: target(p.targets[1] ?? 2) },
        ];
        break;
      case 'wait':
        Object.assign(base, { for: '1d', next: t0 });
        break;
      case 'end':
        base.outcome = p.probability > 0.5 ? 'won' : 'lost';
        break;
    }
    steps.push(base);
  });
  steps.push({ id: 'done', type: 'end', name: 'Done', outcome: 'won' });
  return { id, steps, ...{ name: processName } } as GeneratedProcess;
}

/** A project of 1–3 operation processes with 1–`maxSteps` planned steps each. */
export function projectArb(maxSteps = 14): fc.Arbitrary<GeneratedProject> {
  return fc
    .array(fc.record({ plans: fc.array(stepPlanArb, { minLength: 1, maxLength: maxSteps }), name: nameArb }), {
      minLength: 1,
      maxLength: 3,
    })
    .map((list) => {
      const processes = list.map((p, i) => buildProcess(`process-${i + 1}`, p.plans, p.name));
      return toProject(processes);
    });
}

/** Serialises generated processes as a project on disk would hold them. */
export function toProject(processes: GeneratedProcess[]): GeneratedProject {
  const config = stringify({
    crmflow: 1,
    roles: Object.fromEntries(ROLES.map((r, i) => [r, { name: r, headcount: i + 1 }])),
  });
  const files = processes.map((p) => ({
    path: `processes/operation/${p.id}.yaml`,
    text: stringify({
      crmflow: 1,
      id: p.id,
      name: (p as unknown as { name: string }).name,
      layer: 'operation',
      owner: 'sales-manager',
      steps: p.steps,
    }),
  }));
  return { config, files, processes };
}

/** The edges a generated process has, as `from>to` strings (next, branches, on, sla breach). */
export function edgeSet(p: GeneratedProcess): Set<string> {
  const out = new Set<string>();
  for (const s of p.steps) {
    const from = s.id as string;
    if (typeof s.next === 'string') out.add(`${from}>${s.next}`);
    for (const b of (s.branches as Record<string, unknown>[] | undefined) ?? []) {
      const to = (b.next ?? b.else) as string;
      out.add(`${from}>${to}`);
    }
    for (const v of Object.values((s.on as Record<string, { next: string }> | undefined) ?? {})) out.add(`${from}>${v.next}`);
    const sla = s.sla as { breach?: string } | undefined;
    if (sla?.breach) out.add(`${from}>${sla.breach}`);
  }
  return out;
}
