import { describe, expect, it } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import { parseDuration, toDistribution, formatDuration, meanOf } from '../../src/model/duration.js';
import { outgoing, reachableFromStart, processLinks } from '../../src/model/graph.js';
import { checkCondition, compileCondition } from '../../src/model/cel.js';

const file = (path: string, text: string) => ({ path, bytes: text });

describe('durations', () => {
  it('parses units into minutes', () => {
    expect(parseDuration('90m')).toBe(90);
    expect(parseDuration('1.5h')).toBe(90);
    expect(parseDuration('2d')).toBe(2880);
    expect(parseDuration('1w')).toBe(10080);
    expect(() => parseDuration('2 hours')).toThrow();
  });
  it('turns every form into a distribution', () => {
    expect(toDistribution('4h..2d')).toEqual({ dist: 'uniform', min: 240, max: 2880 });
    expect(toDistribution({ dist: 'lognormal', median: '2h', p90: '1d' })).toEqual({ dist: 'lognormal', median: 120, p90: 1440 });
    expect(meanOf(toDistribution('1h..3h'))).toBe(120);
    expect(formatDuration(90)).toBe('1.5h');
    expect(formatDuration(2880)).toBe('2d');
    expect(formatDuration(45)).toBe('45m');
  });
});

describe('conditions', () => {
  it('accepts CEL over case fields and evaluates it without eval', () => {
    expect(checkCondition('case.discount_pct <= 10 && case.region in ["east", "north"]')).toBeUndefined();
    expect(compileCondition('case.amount > 10000')({ amount: 12000 })).toBe(true);
    expect(compileCondition('case.amount > 10000')({ amount: 500.5 })).toBe(false);
  });
  it('points at the problem', () => {
    expect(checkCondition('case.amount >')).toMatchObject({ offset: 13 });
    expect(checkCondition('amount > 5')!.message).toContain('case.amount');
    expect(checkCondition('x'.repeat(5000))!.message).toContain('more than');
  });
});

describe('project graph', () => {
  const config = file('crmflow.yaml', 'crmflow: 1\nroles:\n  sales-manager: {}\n  sales-rep: {}\nfields:\n  discount_pct: { type: number }\n');
  const approval = file(
    'processes/discount-approval.yaml',
    `crmflow: 1
id: discount-approval
layer: operation
refines: deal/negotiate
steps:
  - { id: requested, type: start, next: route }
  - id: route
    type: decision
    branches:
      - { when: case.discount_pct <= 10, next: manager, probability: 0.7 }
      - { else: director }
  - id: manager
    type: approval
    role: sales-manager
    sla: { within: 8h, breach: director }
    on: { rejected: { next: revise, probability: 0.15 } }
    next: approved
  - { id: director, type: approval, role: sales-manager, on: { rejected: revise }, next: approved }
  - { id: revise, type: task, role: sales-rep, next: route }
  - { id: approved, type: end, outcome: approved }
  - { id: orphan, type: end }
`,
  );
  const deal = file(
    'processes/deal.yaml',
    `crmflow: 1
id: deal
layer: core
steps:
  - { id: start, type: start, next: negotiate }
  - { id: negotiate, type: subprocess, process: discount-approval, next: won }
  - { id: won, type: end, outcome: won }
`,
  );
  const project = buildProject({ root: '/p', config, files: [approval, deal] });

  it('validates clean', () => {
    expect(project.findings).toEqual([]);
    expect([...project.roles.keys()]).toEqual(['customer', 'system', 'sales-manager', 'sales-rep']);
  });
  it('lists every kind of edge in order', () => {
    const p = project.processes.get('discount-approval')!;
    expect(outgoing(p.stepById.get('manager')!).map((e) => [e.kind, e.to, e.label])).toEqual([
      ['next', 'approved', undefined],
      ['breach', 'director', 'SLA 8h'],
      ['exception', 'revise', 'rejected'],
    ]);
    expect(outgoing(p.stepById.get('route')!).map((e) => e.kind)).toEqual(['branch', 'else']);
    expect([...reachableFromStart(p)].sort()).toEqual(['approved', 'director', 'manager', 'requested', 'revise', 'route']);
  });
  it('links processes by calls and refines', () => {
    expect(processLinks(project)).toEqual([
      { from: 'deal', to: 'discount-approval', kind: 'calls', step: 'negotiate' },
      { from: 'discount-approval', to: 'deal', kind: 'refines', step: 'negotiate' },
    ]);
  });
});
