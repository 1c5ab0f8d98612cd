/**
 * The file format of DESIGN §3–4 as zod schemas. These describe what a user writes; the
 * JSON Schemas in `schemas/` are generated from them, so every `.describe()` text is the
 * hover help an editor shows.
 */
import * as z from 'zod';

// One-shot validation of a few files: compiling each object schema with new Function costs
// more at start than it saves (measured in RESULTS.md), so zod checks without generated code.
z.config({ jitless: true });

export const STEP_TYPES = [
  'start',
  'end',
  'task',
  'approval',
  'decision',
  'parallel',
  'join',
  'wait',
  'subprocess',
  'pool',
] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const LAYERS = ['strategy', 'core', 'operation'] as const;
export type Layer = (typeof LAYERS)[number];

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** One duration: a number and a unit (m, h, d, w), e.g. `90m`, `1.5h`, `2d`. */
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(m|h|d|w)$/;
const DURATION_RE_SOURCE = '^\\d+(\\.\\d+)?\\s*(m|h|d|w)$';
const RANGE_RE_SOURCE = '^\\d+(\\.\\d+)?\\s*(m|h|d|w)\\s*\\.\\.\\s*\\d+(\\.\\d+)?\\s*(m|h|d|w)$';

const id = (what: string) =>
  z
    .string()
    .regex(KEBAB, { message: 'kebab-case' })
    .describe(`${what}: kebab-case (lowercase letters, digits and single hyphens), e.g. \`manager-approval\`.`);

export const durationString = z
  .string()
  .regex(new RegExp(DURATION_RE_SOURCE), { message: 'duration' })
  .describe('A duration: a number and a unit m (minutes), h (hours), d (days) or w (weeks), e.g. `90m`, `1.5h`, `2d`.');

const rangeString = z
  .string()
  .regex(new RegExp(RANGE_RE_SOURCE), { message: 'range' })
  .describe('A uniform range `min..max`, e.g. `4h..2d`.');

const fixedDist = z.strictObject({
  dist: z.literal('fixed').describe('Always the same duration.'),
  value: durationString.describe('The duration.'),
});
const uniformDist = z.strictObject({
  dist: z.literal('uniform').describe('Any duration between min and max is equally likely.'),
  min: durationString.describe('Shortest duration.'),
  max: durationString.describe('Longest duration.'),
});
const triangularDist = z.strictObject({
  dist: z.literal('triangular').describe('A three-point estimate: shortest, most likely, longest.'),
  min: durationString.describe('Shortest duration.'),
  mode: durationString.describe('Most likely duration.'),
  max: durationString.describe('Longest duration.'),
});
/** Optional bounds of an unbounded family: `calibrate` truncates a fit to the observed range. */
const truncation = {
  min: durationString.optional().describe('Truncated below: no duration is shorter than this.'),
  max: durationString.optional().describe('Truncated above: no duration is longer than this.'),
};
const exponentialDist = z.strictObject({
  dist: z.literal('exponential').describe('Memoryless: many short, a few long (e.g. gaps between arrivals).'),
  mean: durationString.describe('Mean duration.'),
  ...truncation,
});
const normalDist = z.strictObject({
  dist: z.literal('normal').describe('Bell curve around the mean, truncated at zero.'),
  mean: durationString.describe('Mean duration.'),
  sd: durationString.describe('Standard deviation.'),
  ...truncation,
});
const lognormalDist = z.strictObject({
  dist: z.literal('lognormal').describe('Skewed to the right: typical for human work. Given by its median and 90th percentile.'),
  median: durationString.describe('Half of the cases take less than this.'),
  p90: durationString.describe('90 % of the cases take less than this.'),
  ...truncation,
});
const gammaDist = z.strictObject({
  dist: z.literal('gamma').describe('Skewed to the right, lighter tail than lognormal. Given by its mean and standard deviation.'),
  mean: durationString.describe('Mean duration.'),
  sd: durationString.describe('Standard deviation.'),
  ...truncation,
});
const empiricalDist = z.strictObject({
  dist: z.literal('empirical').describe('Drawn from observed durations, each equally likely.'),
  values: z.array(durationString).min(1).describe('Observed durations.'),
});

export const distributionObject = z.discriminatedUnion('dist', [
  fixedDist,
  uniformDist,
  triangularDist,
  exponentialDist,
  normalDist,
  lognormalDist,
  gammaDist,
  empiricalDist,
]);

export const DISTRIBUTIONS = ['fixed', 'uniform', 'triangular', 'exponential', 'normal', 'lognormal', 'gamma', 'empirical'] as const;

export const durationSchema = z
  .union([durationString, rangeString, distributionObject])
  .describe(
    'How long it takes: `2h` (fixed), `1h..4h` (uniform), or `{ dist: triangular|exponential|normal|lognormal|gamma|empirical, … }`.',
  );
export type DurationInput = z.input<typeof durationSchema>;

const probability = z.number().min(0).max(1);

const onPathLong = z.strictObject({
  next: id('Step').describe('The step the case goes to when this exception happens.'),
  probability: probability.optional().describe('How often the exception happens (0–1) when `when` is absent or cannot be evaluated.'),
  when: z.string().optional().describe('CEL condition over `case.<field>`: the exception happens when it is true.'),
  name: z.string().min(1).optional().describe('What diagrams call this path, in any language, e.g. `驳回`; the key stays its id.'),
});
export const onPathSchema = z
  .union([id('Step'), onPathLong])
  .describe('Where the case goes on this exception: a step id, or `{ next, probability, when }`.');

export const onSchema = z
  .record(z.string().regex(KEBAB, { message: 'kebab-case' }), onPathSchema)
  .describe(
    'Exception paths: `rejected`, `timeout`, `error`, `cancelled` or a custom name, each to a step. Short form `rejected: revise-quote`.',
  );

export const slaSchema = z
  .strictObject({
    within: durationString.describe('The time limit, counted from when the step is entered.'),
    breach: id('Step').optional().describe('Where the case goes when the limit passes. Without it the SLA is only measured.'),
    calendar: id('Calendar').optional().describe('Count the limit in this calendar\'s working time.'),
    interrupting: z.boolean().optional().describe('Whether the breach stops the step (default true when `breach` is set).'),
  })
  .describe('A service-level agreement: a boundary timer on the step.');

export const actionSchema = z
  .strictObject({
    notify: z.string().min(1).optional().describe('Who to notify, e.g. a chat group or a role.'),
    webhook: z.string().min(1).optional().describe('A webhook to call.'),
    template: z.string().optional().describe('Message text; `{case.<field>}` is replaced by the case\'s value.'),
  })
  .describe('An automation run when the step is reached, e.g. a chat-group notification.');

const common = {
  id: id('Step id, unique in the process'),
  name: z.string().min(1).optional().describe('What the step is called in diagrams and reports; any language. Defaults to the id.'),
  description: z.string().optional().describe('Free text.'),
  actions: z.array(actionSchema).optional().describe('Automations run when the step is reached.'),
  tags: z.array(z.string()).optional().describe('Free labels.'),
};

const roleRef = id('Role').describe('Who does the work: a role id from crmflow.yaml or this process\'s `roles`, or the built-in `customer` / `system`.');
const next = id('Step').describe('The step that follows, in the same process.');
const valueAdded = z
  .boolean()
  .optional()
  .describe('Whether the customer would pay for this work (default true). Rework and waiting are not value-added.');

/** The event-log activity names a step stands for (conformance, calibration); see src/log/activities.ts. */
const activity = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .optional()
  .describe('The activity name (or names) this step has in event logs, e.g. `Check credit history`. Without it the step matches a log activity by name or id, ignoring case and spaces.');

export const startStep = z
  .strictObject({
    ...common,
    type: z.literal('start').describe('Where a case begins (BPMN start event).'),
    activity,
    next: next.optional(),
    arrivals: z
      .strictObject({ every: durationSchema.describe('Mean gap between new cases (exponential), or the distribution of the gaps.') })
      .optional()
      .describe('How often new cases arrive when `simulate` has no data.'),
  })
  .describe('A start event.');

export const endStep = z
  .strictObject({
    ...common,
    type: z.literal('end').describe('Where a case finishes (BPMN end event).'),
    activity,
    outcome: z.string().min(1).optional().describe('How the case ended: won, lost, resolved, recycled, …'),
  })
  .describe('An end event.');

export const recycleSchema = z
  .strictObject({
    after: durationString.describe('How long the case may stay at this step before it goes back, e.g. `7d`.'),
    to: id('Step').describe('The pool step (公海池) the case returns to.'),
  })
  .describe('Returns a case that has not moved on from this step in time to a pool (公海池 recycling), e.g. `{ after: 7d, to: lead-pool }`.');

const workFields = {
  activity,
  role: roleRef.optional(),
  duration: durationSchema.optional(),
  sla: slaSchema.optional(),
  on: onSchema.optional(),
  next: next.optional(),
  'value-added': valueAdded,
  recycle: recycleSchema.optional(),
};

export const APPROVAL_MODES = ['single', 'all', 'any', 'sequence'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];
const modeSchema = z
  .enum(APPROVAL_MODES)
  .describe('How several approvers decide: `single` (default, one approver), `all` (会签: everyone approves, one rejection rejects), `any` (或签: the first to decide, decides), `sequence` (依次审批: one after another in order).');
export const approversSchema = z
  .union([
    z.array(roleRef).min(1),
    z.strictObject({
      supervisor: z.number().int().min(1).max(9).describe('1 = the submitter\'s manager (`reportsTo` of their role), 2 = that manager\'s manager, …'),
    }),
  ])
  .describe('Who approves: a list of roles, or `{ supervisor: 1 }` for the submitter\'s manager by the roles\' `reportsTo` in crmflow.yaml.');

export const taskStep = z
  .strictObject({
    ...common,
    type: z.literal('task').describe('Work someone (or something) does.'),
    kind: z.enum(['user', 'service', 'manual']).optional().describe('user (default), service (automated) or manual.'),
    ...workFields,
  })
  .describe('A task.');

export const tiersSchema = z
  .strictObject({
    field: z.string().min(1).describe('The case field the levels compare, e.g. `case.amount`.'),
    levels: z
      .array(
        z.strictObject({
          below: z.number().optional().describe('This level approves values below this bound (the last level has none).'),
          role: z.union([roleRef, z.array(roleRef).min(1)]).describe('Who approves at this level: a role, or a list of roles with a `mode`.'),
          mode: modeSchema.optional(),
        }),
      )
      .min(1)
      .describe('Approval levels in increasing order.'),
  })
  .describe('Who approves depends on a case field: `{ field: case.amount, levels: [{ below: 10000, role: sales-manager }, { role: cfo }] }`.');

export const approvalStep = z
  .strictObject({
    ...common,
    type: z.literal('approval').describe('A decision by a person with approve / reject outcomes.'),
    ...workFields,
    tiers: tiersSchema.optional(),
    mode: modeSchema.optional(),
    approvers: approversSchema.optional(),
  })
  .describe('An approval.');

export const poolStep = z
  .strictObject({
    ...common,
    type: z.literal('pool').describe('A shared pool (公海池) that holds cases until someone claims one.'),
    activity,
    claimedBy: roleRef.describe('The role whose members claim cases from the pool when they can.'),
    limit: z.number().int().min(1).optional().describe('How many open cases one person may hold at a time (领取上限); without it, no limit.'),
    priority: z.string().optional().describe('CEL expression over `case.<field>`: cases with a higher value are claimed first (default: first in, first out).'),
    next: next.optional(),
  })
  .describe('A lead or customer pool (公海池).');

const branchWhen = z.strictObject({
  when: z.string().optional().describe('CEL condition over `case.<field>`, e.g. `case.discount_pct <= 10`.'),
  probability: probability.optional().describe('Share of cases taking this branch when the condition cannot be evaluated.'),
  next: id('Step').describe('The step this branch leads to.'),
});
const branchElse = z.strictObject({
  else: id('Step').describe('The step taken when no other branch applies.'),
});

export const decisionStep = z
  .strictObject({
    ...common,
    type: z.literal('decision').describe('An exclusive choice (BPMN exclusive gateway).'),
    branches: z
      .array(z.union([branchWhen, branchElse]))
      .min(1)
      .describe('Tried in order: `{ when, next, probability }`, …, and last `{ else: <step> }`.'),
  })
  .describe('A decision.');

export const parallelStep = z
  .strictObject({
    ...common,
    type: z.literal('parallel').describe('Work that happens at the same time (BPMN parallel gateway, fork).'),
    branches: z.array(id('Step')).min(1).describe('The steps that start at the same time.'),
    join: id('Step').describe('The join step where the branches meet again.'),
  })
  .describe('A parallel fork.');

export const joinStep = z
  .strictObject({
    ...common,
    type: z.literal('join').describe('Waits for all parallel branches (BPMN parallel gateway, join).'),
    next: next.optional(),
  })
  .describe('A parallel join.');

export const waitStep = z
  .strictObject({
    ...common,
    type: z.literal('wait').describe('Waits for time to pass or a message to arrive (BPMN intermediate event).'),
    activity,
    for: durationSchema.optional().describe('Wait this long, e.g. `3d`.'),
    message: z.string().min(1).optional().describe('Wait for this message, e.g. `customer-reply`.'),
    arrives: durationSchema
      .optional()
      .describe('When the message comes, counted from the start of the wait, e.g. `{ dist: lognormal, median: 5d, p90: 20d }` (default: `for`). The timeout does not move it.'),
    timeout: durationSchema
      .optional()
      .describe('Give up waiting for the message after this long: a message that would come later (or never: the probability of `on.timeout`) sends the case to `on.timeout` at the timeout.'),
    on: onSchema.optional(),
    next: next.optional(),
    'value-added': valueAdded,
    recycle: recycleSchema.optional(),
  })
  .describe('A wait.');

export const subprocessStep = z
  .strictObject({
    ...common,
    type: z.literal('subprocess').describe('Runs another process (BPMN call activity).'),
    process: id('Process').describe('The id of the process this step runs (same or lower layer).'),
    on: onSchema.optional(),
    next: next.optional(),
  })
  .describe('A call to another process.');

/** Step schemas by type; validation picks one by `type` to give precise messages. */
export const stepSchemas = {
  start: startStep,
  end: endStep,
  task: taskStep,
  approval: approvalStep,
  decision: decisionStep,
  parallel: parallelStep,
  join: joinStep,
  wait: waitStep,
  subprocess: subprocessStep,
  pool: poolStep,
} as const;

export const stepSchema = z.discriminatedUnion('type', [
  startStep,
  endStep,
  taskStep,
  approvalStep,
  decisionStep,
  parallelStep,
  joinStep,
  waitStep,
  subprocessStep,
  poolStep,
]);

export const calendarRef = id('Calendar');

export const roleSchema = z
  .strictObject({
    name: z.string().optional().describe('Display name, e.g. `Sales rep`.'),
    headcount: z.number().int().min(1).optional().describe('How many people share the work (default 1).'),
    calendar: calendarRef.optional().describe('When they work: a calendar id. Without one, around the clock.'),
    reportsTo: id('Role').optional().describe('The role this role reports to (its supervisor), for approvals by `{ supervisor: n }`.'),
    description: z.string().optional().describe('Free text.'),
  })
  .describe('A role: a pool of people who do the same work.');

const processHeader = {
  crmflow: z.literal(1).describe('Format version: 1.'),
  id: id('Process id, unique in the project; the file name should match'),
  name: z.string().min(1).optional().describe('Display name, any language: 折扣审批 is fine.'),
  layer: z.enum(LAYERS).describe('strategy (lifecycle stages), core (an end-to-end flow) or operation (concrete work).'),
  refines: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'step-ref' })
    .optional()
    .describe('`<process-id>/<step-id>` of the higher-layer step this process details.'),
  owner: id('Role').optional().describe('The accountable role.'),
  description: z.string().optional().describe('What the process is for.'),
  version: z.string().optional().describe('Free-form version label.'),
  roles: z.record(id('Role'), roleSchema).optional().describe('Roles declared for this process only.'),
};

/** A process file, as used for the generated JSON Schema. */
export const processSchema = z
  .strictObject({
    ...processHeader,
    steps: z.array(stepSchema).min(1).describe('The steps, in reading order; the first `start` step begins the process.'),
  })
  .describe('A crmflow process file.');

/** The process header; steps are checked one by one for precise messages. */
export const processHeaderSchema = z.strictObject({
  ...processHeader,
  steps: z.array(z.unknown()).min(1).describe('The steps.'),
});

const level = z.enum(['off', 'warn', 'error']);
export const ruleSetting = z
  .union([level, z.tuple([level]), z.tuple([level, z.record(z.string(), z.unknown())])])
  .describe('`off`, `warn` or `error`, or `[level, { options }]`.');

const kpiTarget = z
  .strictObject({
    mean: durationString.optional(),
    p50: durationString.optional(),
    p90: durationString.optional(),
    p95: durationString.optional(),
  })
  .describe('The target: one statistic and its limit, e.g. `{ p90: 2h }`.');

const stepRef = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'step-ref' })
  .describe('`<process-id>/<step-id>`.');

export const calendarSchema = z
  .strictObject({
    timezone: z.string().min(1).describe('IANA time zone, e.g. `Asia/Shanghai`.'),
    hours: z
      .string()
      .min(1)
      .describe('Working hours, e.g. `Mon-Fri 09:00-18:00`; several spans separated by `,` or `;`, e.g. `Mon-Fri 09:00-12:00, Mon-Fri 13:00-18:00`.'),
    holidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?$/, { message: 'date' }))
      .optional()
      .describe('Days off: `2026-10-01` or ranges `2026-10-01..2026-10-07`.'),
    workdays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?$/, { message: 'date' }))
      .optional()
      .describe(
        'Days worked although `hours` gives them none, e.g. weekends made working days around a public holiday (China\'s 调休): `2026-09-27`. They take the hours of the busiest weekday (Monday for `Mon-Fri 09:00-18:00`).',
      ),
  })
  .describe('A working calendar.');

/** The types a case field can have; integers are CEL `int`, numbers CEL `double`. */
export const fieldTypes = ['string', 'integer', 'number', 'boolean', 'enum', 'date', 'datetime', 'list'] as const;

export const fieldSchema = z
  .strictObject({
    type: z.enum(fieldTypes).describe('`string`, `integer`, `number`, `boolean`, `enum`, `date`, `datetime` or `list`.'),
    description: z.string().optional().describe('What the field holds, e.g. `Deal value in CNY`.'),
    values: z.array(z.string().min(1)).min(1).optional().describe('The allowed values of an `enum` field (required there, not allowed elsewhere), e.g. `[east, north, south, west]`.'),
    min: z.number().optional().describe('Smallest allowed value of a number or integer field (not above `max`).'),
    max: z.number().optional().describe('Largest allowed value of a number or integer field (not below `min`).'),
    items: z
      .enum(['string', 'integer', 'number', 'boolean'])
      .optional()
      .describe('The type of a `list` field\'s items (default string); only for `list` fields.'),
  })
  .describe('A case field: its type and, for an enum, its values.');

export const configSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema reference for editors.'),
    crmflow: z.literal(1).describe('Format version: 1.'),
    lang: z.enum(['en', 'zh-CN']).optional().describe('The language crmflow speaks for this project: `en` or `zh-CN` (`--lang` wins; default from LC_ALL / LC_MESSAGES / LANG).'),
    processes: z
      .union([z.string(), z.array(z.string()).min(1)])
      .optional()
      .describe('Where the process files are: a glob or a list (default `processes/**/*.{yaml,yml}`).'),
    roles: z.record(id('Role'), roleSchema).optional().describe('The roles of the project.'),
    calendars: z.record(calendarRef, calendarSchema).optional().describe('Working calendars by id.'),
    outcomes: z
      .record(z.string().min(1), z.strictObject({ name: z.string().min(1).describe('What readers see, e.g. `已结案`.') }))
      .optional()
      .describe('Names for the `outcome` ids of end steps, shown in diagrams and reports (the id stays in JSON), e.g. `resolved: { name: 已结案 }`.'),
    fields: z
      // Letters of any script (U+00C0 and up), so `区域` works: conditions read it as case["区域"].
      .record(z.string().regex(/^[A-Za-z_\u00c0-\uffff][A-Za-z0-9_\u00c0-\uffff]*$/, { message: 'field-name' }), fieldSchema)
      .optional()
      .describe('The case fields that conditions, KPIs, actions and sample data use (`case.<field>`).'),
    kpis: z
      .array(
        z.strictObject({
          id: id('KPI id'),
          name: z.string().optional().describe('Display name.'),
          from: stepRef.describe('Where the clock starts: `<process-id>/<step-id>`.'),
          to: stepRef.describe('Where the clock stops: `<process-id>/<step-id>`.'),
          target: kpiTarget,
        }),
      )
      .optional()
      .describe('Key performance indicators measured by `simulate`.'),
    lint: z
      .strictObject({
        extends: z.enum(['recommended', 'all']).optional().describe('The rule set to start from (default recommended).'),
        rules: z.record(z.string(), ruleSetting).optional().describe('Rule levels and options by rule id.'),
      })
      .optional()
      .describe('Lint configuration.'),
    simulate: z
      .strictObject({
        data: z.string().optional().describe('CSV or JSON file of sample cases.'),
        seed: z.number().int().optional().describe('Random seed (default 42).'),
        'arrival-field': z.string().optional().describe('The data column that holds the arrival time.'),
        cases: z.number().int().min(1).optional().describe('How many cases to simulate.'),
        runs: z.number().int().min(1).optional().describe('Replications.'),
        warmup: z.number().int().min(0).optional().describe('Cases left out of the figures at the start.'),
        'max-steps': z.number().int().min(1).optional().describe('Steps after which a case is stopped as a runaway loop.'),
      })
      .optional()
      .describe('Simulation defaults.'),
    render: z
      .strictObject({
        direction: z
          .enum(['right', 'down'])
          .optional()
          .describe('Which way the flow runs in diagrams: `right` (lanes are rows, the default) or `down` (lanes are columns, the cross-functional chart); `crmflow render --direction` wins.'),
      })
      .optional()
      .describe('Diagram settings for `crmflow render`.'),
    scenarios: z
      .record(
        id('Scenario'),
        z.strictObject({
          description: z.string().optional().describe('What the scenario tries.'),
          set: z
            .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
            .describe('Overrides, e.g. `roles.sales-manager.headcount: 3`.'),
        }),
      )
      .optional()
      .describe('Named what-if scenarios for `simulate --scenario`.'),
  })
  .describe('crmflow project configuration (crmflow.yaml).');

export type ProcessInput = z.infer<typeof processSchema>;
export type StepInput = z.infer<typeof stepSchema>;
export type ConfigInput = z.infer<typeof configSchema>;
export type RoleInput = z.infer<typeof roleSchema>;
export type CalendarInput = z.infer<typeof calendarSchema>;
export type FieldInput = z.infer<typeof fieldSchema>;
export type SlaInput = z.infer<typeof slaSchema>;
export type TiersInput = z.infer<typeof tiersSchema>;
export type ActionInput = z.infer<typeof actionSchema>;
