import type { Rule } from '../types.js';
import type { Step } from '../../model/types.js';
import { suggestTarget } from '../util.js';

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
        const what = step.type === 'subprocess' ? `subprocess "${step.id}" has no next, so cases that return from "${step.process}"` : `${step.type} "${step.id}" has no next, so cases that reach it`;
        report({
          process,
          step: step.id,
          field: ['id'],
          message: `${what} never finish; add next: ${end ? `"${end}" or the step that follows` : '<step>'}, or make it an end step`,
        });
      }
    }
  },
};
