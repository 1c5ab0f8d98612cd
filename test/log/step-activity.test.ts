import { describe, expect, it } from 'vitest';
import { mapActivities } from '../../src/log/activities.js';
import { buildProject } from '../../src/model/project.js';

const yaml = `
crmflow: 1
id: loan
layer: core
steps:
  - { id: start, type: start, next: check }
  - { id: check, type: task, activity: [Check application form completeness, Check credit history], next: assess }
  - { id: assess, type: task, name: Assess loan risk, next: wait }
  - { id: wait, type: wait, for: 1d, activity: Applicant completes form, next: done }
  - { id: done, type: end, activity: Approve application }
`;

describe('the step field activity:', () => {
  it('validates as a string or a list and maps the log activities it names', () => {
    const project = buildProject({ root: '/p', files: [{ path: 'processes/loan.yaml', bytes: yaml }] });
    expect(project.findings.map((f) => f.message)).toEqual([]);
    const steps = project.processes.get('loan')!.steps;
    const counts = new Map([
      ['Check credit history', 2],
      ['Assess loan risk', 1],
      ['Applicant completes form', 1],
      ['Approve application', 1],
      ['AML check', 1],
    ]);
    const m = mapActivities(counts, steps);
    expect(Object.fromEntries(m.steps)).toEqual({
      'Check credit history': 'check',
      'Assess loan risk': 'assess',
      'Applicant completes form': 'wait',
      'Approve application': 'done',
    });
    expect(m.unmapped).toEqual([{ activity: 'AML check', count: 1 }]);
    expect(m.unseen).toEqual(['start']);
  });

  it('rejects an empty activity list and an empty name', () => {
    for (const bad of ['activity: []', 'activity: ""']) {
      const p = buildProject({ root: '/p', files: [{ path: 'processes/x.yaml', bytes: `crmflow: 1\nid: x\nlayer: core\nsteps:\n  - { id: s, type: start, next: e }\n  - { id: e, type: end, ${bad} }\n` }] });
      expect(p.findings.map((f) => [f.rule, f.line, f.message.includes('activity')])).toEqual([['schema', 6, true]]);
    }
  });
});
