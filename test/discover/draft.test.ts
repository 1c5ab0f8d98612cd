import { describe, expect, it } from 'vitest';
import { discoverProcess, draftYaml, fitDuration, quantile } from '../../src/discover/index.js';
import { lintProject } from '../../src/lint/engine.js';
import type { EventLog, LogEvent } from '../../src/log/types.js';
import { buildProject } from '../../src/model/project.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 6, 1, 9);

/** A log from `[case, activity, hours after T0, resource?, duration in hours?]` rows. */
function log(rows: Array<[string, string, number, string?, number?]>): EventLog {
  const byCase = new Map<string, LogEvent[]>();
  for (const [c, activity, at, resource, hours] of rows) {
    const e: LogEvent = { case: c, activity, end: T0 + at * H };
    if (hours !== undefined) e.start = e.end - hours * H;
    if (resource) e.resource = resource;
    if (!byCase.has(c)) byCase.set(c, []);
    byCase.get(c)!.push(e);
  }
  const cases = [...byCase].map(([id, events]) => ({ id, events }));
  const events = rows.length;
  return { name: 'test.csv', cases, stats: { rows: events, cases: cases.length, events, timestamps: rows.some((r) => r[4] !== undefined) ? 'start-end' : 'single', columns: {} } };
}

function check(yaml: string) {
  const project = buildProject({ root: '/draft', files: [{ path: 'processes/draft.yaml', bytes: yaml }] });
  return { errors: project.findings.filter((f) => f.severity === 'error'), lint: lintProject(project).findings };
}

const steps = (p: Record<string, unknown>) => p.steps as Array<Record<string, unknown>>;
const step = (p: Record<string, unknown>, id: string) => steps(p).find((s) => s.id === id)!;

describe('discoverProcess', () => {
  // Three opportunities through stages (one timestamp per row: stage entry), one lost after qualifying.
  const stages = log([
    ['o1', 'Qualification', 0, 'Rep-1'],
    ['o1', 'Proposal', 10, 'Rep-1'],
    ['o1', 'Closed Won', 30, 'Rep-2'],
    ['o2', 'Qualification', 2, 'Rep-2'],
    ['o2', 'Proposal', 22, 'Rep-2'],
    ['o2', 'Closed Won', 62, 'Rep-1'],
    ['o3', 'Qualification', 4, 'Rep-1'],
    ['o3', 'Closed Lost', 34, 'Rep-1'],
  ]);

  it('drafts steps, a decision with observed probabilities, roles and stage durations', () => {
    const d = discoverProcess(stages, { id: 'opportunity-stages' });
    const p = d.process;
    expect(steps(p).map((s) => s.id)).toEqual(['start', 'qualification', 'choice-1', 'proposal', 'closed-won', 'closed-lost', 'end']);
    // 2 of 3 opportunities went on to a proposal.
    expect(step(p, 'choice-1').branches).toEqual([{ next: 'proposal', probability: 0.67 }, { else: 'closed-lost' }]);
    // Resources "Rep-1", "Rep-2" are one role, "rep", with two people.
    expect(p.roles).toEqual({ rep: { headcount: 2 } });
    expect(step(p, 'qualification').role).toBe('rep');
    // Time in Qualification: 10 h, 20 h, 30 h → median 20 h, p90 28 h (linear interpolation).
    expect(step(p, 'qualification').duration).toEqual({ dist: 'lognormal', median: '20h', p90: '28h' });
    // The last stage of a case has no next event, so no duration.
    expect(step(p, 'closed-won').duration).toBeUndefined();
    // Arrivals: first cases start at 0, 2 and 4 h → a mean gap of 2 h.
    expect(step(p, 'start').arrivals).toEqual({ every: '2h' });
    expect(d.notes.map((n) => n.message).join()).toMatch(/one timestamp per event/);
    expect(d.timestamps).toBe('single');
  });

  it('writes a draft that validates and lints without findings', () => {
    const { errors, lint } = check(draftYaml(discoverProcess(stages, { id: 'draft' }), { schemaPath: 'x.json' }));
    expect(errors).toEqual([]);
    expect(lint).toEqual([]);
  });

  it('drafts a parallel block with a fork and a join, and work durations from start and end times', () => {
    const d = discoverProcess(
      log([
        ['c1', 'Receive', 1, 'Clerk-1', 1],
        ['c1', 'Check credit', 3, 'Clerk-2', 2],
        ['c1', 'Appraise', 5, 'Appraiser-1', 2],
        ['c1', 'Decide', 6, 'Officer-1', 1],
        ['c2', 'Receive', 11, 'Clerk-1', 1],
        ['c2', 'Appraise', 13, 'Appraiser-1', 2],
        ['c2', 'Check credit', 14, 'Clerk-1', 1],
        ['c2', 'Decide', 15, 'Officer-1', 1],
      ]),
      { id: 'draft' },
    );
    const p = d.process;
    expect(step(p, 'fork-1')).toMatchObject({ type: 'parallel', branches: ['check-credit', 'appraise'], join: 'join-1' });
    expect(step(p, 'check-credit').next).toBe('join-1');
    expect(step(p, 'join-1').next).toBe('decide');
    expect(step(p, 'appraise').duration).toBe('2h');
    expect(step(p, 'appraise').role).toBe('appraiser');
    const { errors } = check(draftYaml(d, { schemaPath: 'x.json' }));
    expect(errors).toEqual([]);
  });

  it('says where the log shows no order (a flower), and the draft still validates', () => {
    const d = discoverProcess(log([['c1', 'A', 0, 'X'], ['c1', 'B', 1, 'X'], ['c1', 'C', 2, 'X'], ['c2', 'B', 3, 'X'], ['c2', 'C', 4, 'X'], ['c2', 'A', 5, 'X'], ['c3', 'C', 6, 'X'], ['c3', 'A', 7, 'X'], ['c3', 'B', 8, 'X']]), { id: 'draft', noise: 0 });
    expect(d.notes.filter((n) => n.severity === 'warning').map((n) => n.step)).toEqual(['any-order-1']);
    const yaml = draftYaml(d, { schemaPath: 'x.json' });
    expect(yaml).toMatch(/Ambiguous in the data/);
    expect(check(yaml).errors).toEqual([]);
  });

  it('uses the roles the project declares instead of declaring them again', () => {
    const d = discoverProcess(stages, { id: 'draft', knownRoles: ['rep'] });
    expect(d.process.roles).toBeUndefined();
    expect(step(d.process, 'proposal').role).toBe('rep');
  });
});

describe('fitDuration', () => {
  it('fits a lognormal through the observed median and 90th percentile', () => {
    // 10..50 minutes: median 30, p90 = 40 + 0.6 × 10 = 46.
    expect(quantile([10, 20, 30, 40, 50], 0.9)).toBe(46);
    expect(fitDuration([50, 10, 40, 20, 30])).toEqual({ dist: 'lognormal', median: '30m', p90: '46m' });
  });

  it('gives a fixed duration when the observations hardly vary, and none without observations', () => {
    expect(fitDuration([5, 5, 5])).toBe('5m');
    expect(fitDuration([])).toBeUndefined();
  });
});
