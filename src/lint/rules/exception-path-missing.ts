import type { Rule } from '../types.js';
import type { Step } from '../../model/types.js';
import { forExample, suggestTarget } from '../util.js';
import { msg, part } from '../../i18n/index.js';

/** Work that can go wrong needs a path for when it does. */
export const rule: Rule = {
  id: 'exception-path-missing',
  meta: {
    description:
      'an approval without on.rejected, a customer step without a rejected or timeout path, a wait for a message without on.timeout, a service task without on.error, a decision without else',
    why: 'The happy path is what gets drawn; the rejection, the customer who never answers and the failed integration are what fill the complaint queue. A step that can fail with nowhere to go leaves cases stuck in the CRM with no owner.',
    fix: 'Add the missing path: on.rejected for approvals and customer steps, on.timeout (or sla.breach) for customer steps and message waits (or recycle: back to a pool), on.error for service tasks, and a last { else: <step> } branch for decisions.',
    defaultLevel: 'error',
    examples: {
      bad: `- id: director-approval
  type: approval
  role: sales-director
  next: send-quote`,
      good: `- id: director-approval
  type: approval
  role: sales-director
  on: { rejected: revise-quote }
  next: send-quote`,
    },
  },
  check({ project, report }) {
    for (const process of project.processes.values()) {
      for (const step of process.steps) {
        const on = 'on' in step && step.on ? step.on : {};
        const has = (name: string) => Object.prototype.hasOwnProperty.call(on, name);
        const at = (message: string, field: (string | number)[] = ['id'], part: 'key' | 'value' = 'value') => report({ process, step: step.id, field, part, message });
        switch (step.type) {
          case 'approval':
            if (!has('rejected')) at(msg('lint.exception-path-missing.approval', { step: step.id, example: forExample(suggestTarget(process, step)) }));
            continue;
          case 'task':
            if (step.role === 'customer' && !has('rejected') && !has('timeout') && !breach(step)) {
              at(msg('lint.exception-path-missing.customer', { step: step.id, example: forExample(suggestTarget(process, step, 'closing')) }));
            } else if (step.kind === 'service' && !has('error')) {
              at(msg('lint.exception-path-missing.service', { step: step.id, example: forExample(suggestTarget(process, step)) }));
            }
            continue;
          case 'wait':
            // A recycle back to the pool is the path for a message that never comes.
            if (step.message !== undefined && !has('timeout') && !step.recycle) {
              at(msg('lint.exception-path-missing.wait', { type: part(`stepType.${step.type}`), step: step.id, message: step.message, example: forExample(suggestTarget(process, step, 'closing')) }), ['message']);
            }
            continue;
          case 'decision': {
            const hasElse = step.branches.some((b) => 'else' in b);
            // Branches that are all shares summing to 1 cover every case (validate checks the sum).
            const allShares = step.branches.every((b) => !('else' in b) && b.when === undefined && b.probability !== undefined);
            if (!hasElse && !allShares) {
              at(msg('lint.exception-path-missing.decision', { step: step.id, example: forExample(suggestTarget(process, step, 'end')) }), ['branches'], 'key');
            }
            continue;
          }
        }
      }
    }
  },
};

function breach(step: Step): boolean {
  return 'sla' in step && step.sla?.breach !== undefined;
}
