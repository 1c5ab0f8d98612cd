import type { Rule } from '../types.js';
import type { Step } from '../../model/types.js';
import { suggestTarget } from '../util.js';
import { msg, part } from '../../i18n/index.js';

/** Whether a step has a way forward when its work completes normally. */
function hasWayForward(step: Step): boolean {
  switch (step.type) {
    case 'end':
      return true;
    case 'decision':
    case 'parallel':
      return step.branches.length > 0;
    default:
      // start, task, approval, join, wait, subprocess: `next` is the normal way on; exceptions
      // and SLA breaches are detours, not the way out of a completed step.
      return step.next !== undefined;
  }
}

/** A non-end step with nowhere to go: cases that reach it never finish. */
export const rule: Rule = {
  id: 'dead-end',
  meta: {
    description: 'a non-end step with no way forward, so the process never closes for cases that reach it',
    why: 'A complaint flow that never closes looks fine in a diagram and leaves open cases in the CRM forever: nobody is told to act, and reports count them as in progress.',
    fix: 'Add next: to the step that follows, or make the step an end step (type: end) with an outcome.',
    defaultLevel: 'error',
    examples: {
      bad: `- id: apologise
  type: task
  role: service-agent
  # no next: the complaint never closes`,
      good: `- id: apologise
  type: task
  role: service-agent
  next: closed
- id: closed
  type: end
  outcome: resolved`,
    },
  },
  check({ project, report }) {
    for (const process of project.processes.values()) {
      for (const step of process.steps) {
        if (hasWayForward(step)) continue;
        const end = suggestTarget(process, step, 'end');
        const next = end ? part('lint.dead-end.nextOr', { step: end }) : '<step>';
        report({
          process,
          step: step.id,
          field: ['id'],
          message:
            step.type === 'subprocess'
              ? msg('lint.dead-end.subprocess', { step: step.id, process: step.process, next })
              : msg('lint.dead-end.step', { type: part(`stepType.${step.type}`), step: step.id, next }),
        });
      }
    }
  },
};
