/**
 * Engine semantics on small fixtures (test/simulate/fixtures): calendars, SLAs, data-driven
 * routing, parallel joins, runaway loops and reproducibility.
 */
import { describe, expect, it } from 'vitest';
import { loadCases, parseCsvCases, simulate } from '../../src/simulate/index.js';
import { markdownReport, textReport } from '../../src/simulate/format.js';
import { fixture } from './helpers.js';
import { fileURLToPath } from 'node:url';

describe('calendars', () => {
  it('a 1h task arriving Friday 17:30 with Mon–Fri 09:00–18:00 ends Monday 09:30', async () => {
    const project = await fixture('office');
    // 2026-10-16 is a Friday; Monday 09:30 is 2 days 16 hours later.
    const r = await simulate(project, 'call-back', { data: [{ created_at: '2026-10-16T17:30:00+08:00' }], arrivalField: 'created_at' });
    expect(r.cycleTime.max).toBe(2 * 1440 + 16 * 60);
    expect(r.window.end).toBe('2026-10-19T01:30:00.000Z');
    const call = r.steps.find((s) => s.step === 'call')!;
    expect(call.working.mean).toBe(60);
    expect(call.waiting.mean).toBe(2 * 1440 + 15 * 60);
  });

  it('skips holidays: a task on the eve of National Day waits for 8 October', async () => {
    const project = await fixture('office');
    const r = await simulate(project, 'call-back', { data: [{ created_at: '2026-09-30T17:30:00+08:00' }], arrivalField: 'created_at' });
    expect(r.window.end).toBe('2026-10-08T01:30:00.000Z'); // 09:30 in Shanghai
  });

  it('refuses an arrival time that is not in the calendar, naming the row (Date.parse gave 2 March)', async () => {
    const project = await fixture('office');
    const data = [{ created_at: '2026-10-16T17:30:00+08:00' }, { created_at: '2026-02-30T10:00:00+08:00' }];
    await expect(simulate(project, 'call-back', { data, arrivalField: 'created_at' })).rejects.toThrow(
      'case data row 2: created_at "2026-02-30T10:00:00+08:00" is not a date and time: February 2026 has 28 days',
    );
  });
});

describe('days and weeks under a working calendar', () => {
  // Monday 2026-01-05 10:00 UTC; one case a day for two weeks.
  const start = Date.UTC(2026, 0, 5, 10) / 60000;

  it('a task of 1d for a Mon–Fri 09:00–18:00 role takes one working day', async () => {
    const project = await fixture('working-days');
    const r = await simulate(project, 'one-day-task', { cases: 14, start, data: [] });
    // Mon–Thu: to 10:00 next day (1,440 min); Fri: to Monday 10:00 (4,320); Sat: to Monday
    // 18:00 (3,360); Sun: to Monday 18:00 (1,920). Mean (4 × 1,440 + 4,320 + 3,360 + 1,920) / 7.
    expect(r.cycleTime.mean).toBe(Math.round((15360 / 7) * 100) / 100);
    expect(r.cycleTime.max).toBe(4320);
    expect(r.steps[0]!.working.mean).toBe(9 * 60);
  });

  it('an SLA of 1d on the office calendar ends at the same time the next working day', async () => {
    const project = await fixture('working-days');
    const r = await simulate(project, 'sla-working-day', { cases: 14, start, data: [] });
    // Done 30 h after arrival. Mon–Thu: the deadline is 24 h later, breached. Fri: deadline
    // Monday 10:00, done Saturday 16:00. Sat, Sun: deadline Monday 18:00, done Sunday / Monday 16:00.
    expect(r.slas).toEqual([{ process: 'sla-working-day', step: 'work', within: '1d', unit: 'working days, office', entered: 14, breached: 8, rate: 0.5714, interrupting: false }]);
    expect(textReport(r)).toContain('within 1d (working days, office)');
    expect(markdownReport(r)).toContain('| 1d (working days, office) |');
  });

  it('an approval tier counts the working day of the role that approves', async () => {
    const project = await fixture('working-days');
    const data = [{ amount: 500 }, { amount: 5000 }];
    const r = await simulate(project, 'tiered-approval', { cases: 2, start, data });
    // The rep's day is 9 working hours, the clerk's 24 hours.
    expect(r.steps[0]!.working.mean).toBe((540 + 1440) / 2);
  });
});

describe('impossible values', () => {
  it('--set refuses a duration validate would refuse', async () => {
    const project = await fixture('office');
    await expect(simulate(project, 'call-back', { data: [], cases: 5, set: { 'steps.call-back/call.duration': '4h..1h' } })).rejects.toThrow(
      'duration "4h..1h" runs backwards',
    );
  });
});

describe('SLAs', () => {
  it('counts measured breaches exactly (6 of 10)', async () => {
    const project = await fixture('sla');
    const r = await simulate(project, 'measured', { cases: 10, data: [] });
    expect(r.slas).toEqual([{ process: 'measured', step: 'approve', within: '2h', unit: 'hours', entered: 10, breached: 6, rate: 0.6, interrupting: false }]);
  });

  it('interrupts at the limit and takes the breach path', async () => {
    const project = await fixture('sla');
    const r = await simulate(project, 'escalating', { cases: 25, data: [] });
    expect(r.slas[0]).toMatchObject({ entered: 25, breached: 25, rate: 1, interrupting: true });
    expect(r.outcomes).toEqual({ escalated: 25 });
    expect(r.cycleTime.max).toBe(130);
    expect(r.steps.find((s) => s.step === 'check')!.working.mean).toBe(120);
  });
});

describe('data-driven routing', () => {
  it('every case above the threshold takes the director path, no other does', async () => {
    const project = await fixture('routing');
    const r = await simulate(project, 'discount', {});
    const count = (id: string) => r.steps.find((s) => s.step === id)!.count;
    // amounts 5000, 12000, 10000, 250000.50, 9999.99, 10001: three are above 10,000.
    expect(count('director-approval')).toBe(3);
    expect(count('manager-approval')).toBe(3);
    // resampled rows keep the rule: with 600 cases still no case below the threshold goes up
    const big = await simulate(project, 'discount', { cases: 600 });
    const d = big.steps.find((s) => s.step === 'director-approval')!.count;
    const m = big.steps.find((s) => s.step === 'manager-approval')!.count;
    expect(d + m).toBe(600);
    expect(d).toBeGreaterThan(200);
    expect(d).toBeLessThan(400);
    expect(big.warnings).toEqual([]);
  });

  it('reads CSV numbers as numbers (CEL compares them) and keeps text as text', () => {
    const rows = parseCsvCases('id,amount,name\n1,10000.5,"Acme, Ltd."\n2,,x\n');
    expect(rows).toEqual([{ id: 1, amount: 10000.5, name: 'Acme, Ltd.' }, { id: 2, name: 'x' }]);
  });

  it('warns once, naming the missing column, and falls back to the probability', async () => {
    const project = await fixture('routing');
    const r = await simulate(project, 'by-region', { cases: 4000 });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('"region"');
    expect(r.outcomes.east! / 4000).toBeGreaterThan(0.22);
    expect(r.outcomes.east! / 4000).toBeLessThan(0.28);
  });

  it('names the row of a malformed CSV record', async () => {
    expect(() => parseCsvCases('a,b\n1,2\n3\n4,5\n', 'cases.csv')).toThrow(/row 2/);
    await expect(loadCases(fileURLToPath(new URL('./fixtures/routing/missing.csv', import.meta.url)))).rejects.toThrow(/cannot read/);
  });
});

describe('parallel', () => {
  it('a join waits for all its branches', async () => {
    const project = await fixture('join');
    const r = await simulate(project, 'handover', { cases: 50, data: [] });
    // the slower branch takes 3h, then 30m kickoff
    expect(r.cycleTime.mean).toBe(210);
    expect(r.cycleTime.max).toBe(210);
    expect(r.steps.find((s) => s.step === 'kickoff')!.count).toBe(50);
    expect(r.outcomes).toEqual({ live: 50 });
  });
});

describe('runaway loops', () => {
  it('stops a case at the step limit and reports it; the run ends', async () => {
    const project = await fixture('loop');
    const r = await simulate(project, 'rework', { cases: 200, maxSteps: 100, data: [] });
    expect(r.stopped.cases).toBeGreaterThan(150);
    expect(r.stopped.cases + (r.outcomes.done ?? 0)).toBe(200);
    expect(r.stopped.at[0]).toMatchObject({ process: 'rework', reason: 'max-steps' });
    expect(r.warnings.join('\n')).toMatch(/more than 100 steps/);
  });
});

describe('reproducibility', () => {
  it('the same seed gives identical JSON; another seed does not', async () => {
    const project = await fixture('mmc');
    const a = JSON.stringify(await simulate(project, 'mmc', { cases: 3000, seed: 9, data: [] }));
    const b = JSON.stringify(await simulate(project, 'mmc', { cases: 3000, seed: 9, data: [] }));
    const c = JSON.stringify(await simulate(project, 'mmc', { cases: 3000, seed: 10, data: [] }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('replications give a confidence interval per headline figure', async () => {
    const project = await fixture('mmc');
    const r = await simulate(project, 'mmc', { cases: 2000, runs: 4, data: [], workers: false });
    expect(r.runs).toBe(4);
    expect(r.replications).toHaveLength(4);
    expect(r.ci95!.cycleTime.mean).toBeGreaterThan(0);
    expect(r.roles[0]!.utilisationCi95).toBeGreaterThan(0);
  });
});

describe('--set overrides', () => {
  it('changes a step duration, a headcount or an SLA, and refuses unknown paths', async () => {
    const project = await fixture('sla');
    const faster = await simulate(project, 'measured', { cases: 10, data: [], set: { 'steps.measured/approve.duration': '20m' } });
    expect(faster.slas[0]!.breached).toBe(0);
    const staffed = await simulate(project, 'measured', { cases: 10, data: [], set: { 'roles.approver.headcount': '2' } });
    expect(staffed.roles[0]!.headcount).toBe(2);
    expect(staffed.slas[0]!.breached).toBe(0);
    const looser = await simulate(project, 'measured', { cases: 10, data: [], set: { 'steps.measured/approve.sla.within': '4h' } });
    expect(looser.slas[0]).toMatchObject({ within: '4h', breached: 0 });
    await expect(simulate(project, 'measured', { cases: 10, data: [], set: { 'steps.measured/nope.duration': '1h' } })).rejects.toThrow(/no step "measured\/nope"/);
    await expect(simulate(project, 'measured', { cases: 10, data: [], set: { 'steps.measured/approve.duration': 'soon' } })).rejects.toThrow(/no longer valid/);
  });
  it('checks a condition it sets against fields:', async () => {
    const { buildProject } = await import('../../src/model/project.js');
    const project = buildProject({
      root: '/virtual',
      config: { path: 'crmflow.yaml', bytes: 'crmflow: 1\nfields:\n  amount: { type: number }\n' },
      files: [
        {
          path: 'processes/p.yaml',
          bytes: 'crmflow: 1\nid: p\nlayer: operation\nsteps:\n  - { id: in, type: start, next: route }\n  - id: route\n    type: decision\n    branches:\n      - { when: case.amount > 10.0, next: out }\n      - { else: out }\n  - { id: out, type: end }\n',
        },
      ],
    });
    expect(project.findings).toEqual([]);
    const set = (when: string) => simulate(project, 'p', { cases: 5, data: [{ amount: 20 }], set: { 'steps.p/route.branches.0.when': when } });
    await expect(set('case.amout > 10.0')).rejects.toThrow(/field "amout" is not declared under fields: in crmflow.yaml; did you mean "amount"\?/);
    await expect(set('case.amount + 1 > 10.0')).rejects.toThrow(/operator "\+" is not defined for double and int/);
    await expect(set('case.amount >')).rejects.toThrow(/not valid CEL/);
    expect((await set('case.amount > 100')).cases).toBe(5);
  });
});

describe('warnings', () => {
  it('names an exception path that can never fire (no condition, no probability)', async () => {
    const { buildProject } = await import('../../src/model/project.js');
    const project = buildProject({
      root: '/virtual',
      files: [
        {
          path: 'processes/p.yaml',
          bytes: 'crmflow: 1\nid: p\nlayer: operation\nsteps:\n  - { id: in, type: start, next: ok }\n  - { id: ok, type: approval, role: system, duration: 1h, on: { rejected: out }, next: out }\n  - { id: out, type: end }\n',
        },
      ],
    });
    const r = await simulate(project, 'p', { cases: 5, data: [] });
    expect(r.warnings).toEqual(['the "rejected" path of p/ok has neither a condition nor a probability: the simulation never takes it (add probability: 0.1, say)']);
  });
});
