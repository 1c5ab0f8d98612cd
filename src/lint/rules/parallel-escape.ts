import type { Rule } from '../types.js';
import { parallelBlocks } from '../../model/parallel.js';
import { graphComplete } from '../util.js';
import { msg, part } from '../../i18n/index.js';

/** A path out of a parallel block that reaches neither the join nor an end step. */
export const rule: Rule = {
  id: 'parallel-escape',
  meta: {
    description: 'a path that leaves a parallel block (between a parallel step and its join) for a step that is neither inside the block, the join nor an end step',
    why: 'The join waits for every branch. A branch that jumps to a step after the join, or back before the fork, never arrives there: a BPMN engine keeps the other branches waiting at the join forever and the case never closes; in a loop the fork starts new branches while old ones still wait. A path to an end step is fine: it ends the case and cancels the other branches.',
    fix: 'Send the path to the join, to a step inside the block (rework inside the branch), or to an end step that closes the case. To redo the whole block, let the branch reach the join and decide after it whether to go round again.',
    defaultLevel: 'error',
    examples: {
      bad: `- id: checks
  type: parallel
  branches: [legal-ok, finance-ok]
  join: both
- id: legal-ok
  type: approval
  role: legal
  on: { rejected: revise-terms }   # back before the fork: finance waits at "both" forever
  next: both
- id: finance-ok
  type: approval
  role: finance
  on: { rejected: rejected }
  next: both
- id: both
  type: join
  next: approved`,
      good: `- id: legal-ok
  type: approval
  role: legal
  on: { rejected: rejected }       # an end step: the case ends, finance's approval is cancelled
  next: both`,
    },
  },
  check({ project, report }) {
    for (const process of project.processes.values()) {
      if (!graphComplete(process)) continue;
      const seen = new Set<string>();
      // Innermost blocks first: a path out of nested blocks is reported once, for the block it leaves first.
      for (const block of parallelBlocks(process)) {
        for (const e of block.escapes) {
          const key = `${e.from}\0${e.field.join('.')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const path = e.kind === 'next' ? 'next' : e.kind === 'breach' ? 'sla.breach' : e.kind === 'exception' ? `on.${e.label}` : part('lint.parallel-escape.branch');
          const where = part(e.where === 'after' ? 'lint.parallel-escape.after' : 'lint.parallel-escape.before');
          report({
            process,
            step: e.from,
            field: e.field,
            message: msg('lint.parallel-escape', { path, from: e.from, fork: block.fork, to: e.to, where, join: block.join }),
          });
        }
      }
    }
  },
};
