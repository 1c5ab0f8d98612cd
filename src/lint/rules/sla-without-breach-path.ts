import type { Rule } from '../types.js';
import { msg } from '../../i18n/index.js';

/** An SLA nobody acts on is a statistic, not a promise. */
export const rule: Rule = {
  id: 'sla-without-breach-path',
  meta: {
    description: 'an SLA without sla.breach: it is only measured, nothing happens when it is missed',
    why: 'An SLA exists so that someone acts when it is missed: escalate, reassign, call the customer. Without a breach path the process diagram promises a response time that nothing enforces.',
    fix: 'Add sla.breach: <step> pointing at the escalation (for example a manager task). If you only want to measure the time, use a KPI in crmflow.yaml instead, or turn this rule off for the step with a reason.',
    defaultLevel: 'warn',
    examples: {
      bad: `- id: first-contact
  type: task
  role: sales-rep
  sla: { within: 24h }
  next: qualify`,
      good: `- id: first-contact
  type: task
  role: sales-rep
  sla: { within: 24h, breach: reassign }
  next: qualify`,
    },
  },
  check({ project, report }) {
    for (const process of project.processes.values()) {
      for (const step of process.steps) {
        if (!('sla' in step) || !step.sla || step.sla.breach !== undefined) continue;
        report({
          process,
          step: step.id,
          field: ['sla'],
          part: 'key',
          message: msg('lint.sla-without-breach-path', { step: step.id, within: step.sla.within }),
        });
      }
    }
  },
};
