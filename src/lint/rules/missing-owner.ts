import type { Rule } from '../types.js';
import { msg, part } from '../../i18n/index.js';

/** Work nobody owns does not get done. */
export const rule: Rule = {
  id: 'missing-owner',
  meta: {
    description: 'a task or approval with no role (service tasks run as system and approvals with tiers name their roles per level)',
    why: 'A step without a role has no queue, no owner to chase and no capacity in simulation: in real life it is the step everyone assumes someone else does.',
    fix: 'Add role: with a role from crmflow.yaml (or customer / system).',
    defaultLevel: 'error',
    examples: {
      bad: `- id: send-contract
  type: task
  next: signed`,
      good: `- id: send-contract
  type: task
  role: sales-rep
  next: signed`,
    },
  },
  check({ project, report }) {
    for (const process of project.processes.values()) {
      for (const step of process.steps) {
        if (step.type !== 'task' && step.type !== 'approval') continue;
        if (step.role !== undefined) continue;
        if (step.type === 'task' && step.kind === 'service') continue;
        if (step.type === 'approval' && (step.tiers || step.approvers)) continue;
        const example = process.owner ? part('lint.missing-owner.example', { role: process.owner }) : '';
        report({ process, step: step.id, field: ['id'], message: msg('lint.missing-owner', { type: part(`stepType.${step.type}`), step: step.id, example }) });
      }
    }
  },
};
