/**
 * Regression tests for what a reviewer reads in a diff: added steps with their fields, a step
 * split into two, a process renamed with its file, a removed KPI by name, and a change that is
 * noise labelled not significant. Projects are built from the YAML below, no git.
 */
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { diffProjects } from '../../src/diff/diff.js';
import { configChanges, formatMarkdown, formatText } from '../../src/diff/format.js';
import { CycleTimer } from '../../src/diff/simulate.js';
import { buildProject } from '../../src/model/project.js';
import type { Project } from '../../src/model/types.js';

const CONFIG = `crmflow: 1
roles:
  sales-rep: { headcount: 2 }
  legal: { headcount: 1 }
  sales-manager: { headcount: 1 }
`;

function project(files: Record<string, string>, config = CONFIG): Project {
  return buildProject({ root: '/tmp/x', config: { path: 'crmflow.yaml', bytes: config }, files: Object.entries(files).map(([path, bytes]) => ({ path, bytes })) });
}

const CONTRACT = `crmflow: 1
id: contract
layer: operation
steps:
  - { id: start, type: start, arrivals: { every: 3h }, next: review }
  - { id: review, type: task, name: Review the contract, role: legal, duration: 2h, next: sign }
  - { id: sign, type: task, role: sales-rep, duration: 30m, next: done }
  - { id: done, type: end }
`;

describe('added steps, splits and renames', () => {
  it('shows an added approval with its role, tiers, SLA, duration and connections in text, Markdown and JSON', () => {
    const after = CONTRACT.replace(
      'next: sign }\n',
      `next: approve }
  - id: approve
    type: approval
    name: Manager approves
    role: sales-manager
    duration: 1h
    tiers: { field: amount, levels: [{ below: 10000, role: sales-manager }, { role: legal }] }
    sla: { within: 4h }
    next: sign
`,
    );
    const before = project({ 'processes/contract.yaml': CONTRACT });
    const r = diffProjects(before, project({ 'processes/contract.yaml': after }), { from: 'a', to: 'b', findings: () => [] });
    const step = r.processes[0]!.steps.find((s) => s.id === 'approve')!;
    expect(step).toMatchObject({ status: 'added', connects: { from: ['review'], to: ['sign'] } });
    expect(step.fields).toMatchObject({ role: { before: null, after: 'sales-manager' }, duration: { after: '1h' }, sla: { after: { within: '4h' } }, tiers: { after: { field: 'amount' } } });
    const text = formatText(r, new Chalk({ level: 0 }));
    expect(text).toContain('role sales-manager');
    expect(text).toContain('approval tiers amount: below 10000 sales-manager, legal');
    expect(text).toContain('SLA 4h (measured only)');
    expect(text).toContain('duration 1h');
    expect(text).toContain('from review · to sign');
    const markdown = formatMarkdown(r, { before, after: project({ 'processes/contract.yaml': after }) });
    expect(markdown).toContain('role sales-manager; approval tiers amount: below 10000 sales-manager, legal; duration 1h; SLA 4h (measured only); from review · to sign');
  });

  it('names a step split into two', () => {
    const after = CONTRACT.replace(
      "  - { id: review, type: task, name: Review the contract, role: legal, duration: 2h, next: sign }\n",
      `  - { id: check-terms, type: task, name: Check the terms, role: legal, duration: 1h, next: check-liability }
  - { id: check-liability, type: task, name: Check liability, role: legal, duration: 1h, next: sign }
`,
    ).replace('next: review }', 'next: check-terms }');
    const r = diffProjects(project({ 'p.yaml': CONTRACT }), project({ 'p.yaml': after }), { from: 'a', to: 'b', findings: () => [] });
    const steps = r.processes[0]!.steps;
    expect(steps.find((s) => s.id === 'review')).toMatchObject({ status: 'removed', splitInto: ['check-terms', 'check-liability'] });
    expect(steps.find((s) => s.id === 'check-liability')).toMatchObject({ status: 'added', splitFrom: 'review' });
    expect(formatText(r, new Chalk({ level: 0 }))).toContain('split into check-terms, check-liability');
  });

  it('reads a process renamed with its file as one rename, not one added and one removed', () => {
    const after = CONTRACT.replace('id: contract', 'id: sales-contract');
    const r = diffProjects(project({ 'processes/contract.yaml': CONTRACT }), project({ 'processes/sales-contract.yaml': after }), { from: 'a', to: 'b', findings: () => [] });
    expect(r.processes).toHaveLength(1);
    expect(r.processes[0]).toMatchObject({ id: 'sales-contract', status: 'changed', fields: { id: { before: 'contract', after: 'sales-contract' }, file: { before: 'processes/contract.yaml' } } });
    expect(r.summary.processes).toEqual({ added: 0, removed: 0, changed: 1 });
  });

  it('names a removed KPI instead of printing the KPI list as JSON', () => {
    const kpis = `kpis:
  - { id: review-time, name: Review time, from: contract/review, to: contract/sign, target: { p90: 1d } }
  - { id: signing, from: contract/sign, to: contract/done, target: { p90: 2h } }
`;
    const files = { 'p.yaml': CONTRACT };
    const r = diffProjects(project(files, CONFIG + kpis), project(files, CONFIG + kpis.replace(/ {2}- \{ id: review-time.*\n/, '').replace('p90: 2h', 'p90: 1h')), { from: 'a', to: 'b', findings: () => [] });
    expect(configChanges(r)).toEqual(['KPI review-time (Review time) removed', 'KPI signing: target p90 2h → p90 1h']);
  });
});

describe('diff --simulate tells impact from noise', () => {
  it('labels a parallel branch that changes nothing as not significant, on common random numbers', async () => {
    const after = CONTRACT.replace('next: review }', 'next: fork }').replace(
      '  - { id: review,',
      `  - { id: fork, type: parallel, branches: [review, log], join: joined }
  - { id: log, type: task, role: system, duration: 1m, next: joined }
  - { id: joined, type: join, next: sign }
  - { id: review,`,
    ).replace('duration: 2h, next: sign }', 'duration: 2h, next: joined }');
    const side = (p: Project, label: string) => ({ project: p, label, contentHash: label });
    const timer = new CycleTimer({ cwd: '/tmp', root: '/tmp', seed: 3, cases: 300, runs: 5 });
    const ct = await timer.compare(side(project({ 'p.yaml': CONTRACT }), 'a'), side(project({ 'p.yaml': after }), 'b'), 'contract');
    expect(ct.runs).toBe(5);
    expect(ct.significant).toEqual({ p50: false, p90: false });
    // The same comparison with a slower review is significant.
    const slower = await timer.compare(side(project({ 'p.yaml': CONTRACT }), 'a'), side(project({ 'p.yaml': CONTRACT.replace('duration: 2h', 'duration: 3h') }), 'c'), 'contract');
    expect(slower.significant!.p50).toBe(true);
  }, 60_000);
});
