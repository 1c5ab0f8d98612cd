import type { Rule } from '../types.js';
import { msg } from '../../i18n/index.js';

/** Approval levels must cover every value exactly once. */
export const rule: Rule = {
  id: 'approval-tier-gap',
  meta: {
    description: 'approval tiers whose ranges leave a gap (values no level approves) or overlap (a level that can never apply)',
    why: 'Tiers are the delegation of authority: a gap means large deals have no approver and wait for someone to improvise; an overlap or a level out of order means a level never approves anything, which nobody notices until an audit.',
    fix: 'List levels in increasing order of below:, each bound larger than the one before, and end with one level without below: that takes everything above.',
    defaultLevel: 'error',
    examples: {
      bad: `tiers:
  field: case.amount
  levels:
    - { below: 50000, role: sales-director }
    - { below: 10000, role: sales-manager }`,
      good: `tiers:
  field: case.amount
  levels:
    - { below: 10000, role: sales-manager }
    - { below: 50000, role: sales-director }
    - { role: cfo }`,
    },
  },
  check({ project, report }) {
    for (const process of project.processes.values()) {
      for (const step of process.steps) {
        if (step.type !== 'approval' || !step.tiers) continue;
        const { levels, field } = step.tiers;
        const at = (i: number, message: string, key: 'below' | 'role' = 'below') =>
          report({ process, step: step.id, field: ['tiers', 'levels', i, ...(levels[i]?.below !== undefined || key === 'role' ? [key] : [])], message });
        let prev: number | undefined;
        let open = -1;
        levels.forEach((lvl, i) => {
          if (open >= 0) return;
          if (lvl.below === undefined) {
            open = i;
            if (i < levels.length - 1) {
              at(i, msg('lint.approval-tier-gap.open', { tier: i + 1, step: step.id, role: String(lvl.role), after: levels.length - 1 - i }), 'role');
            }
            return;
          }
          if (prev !== undefined && lvl.below <= prev) {
            at(i, msg('lint.approval-tier-gap.overlap', { tier: i + 1, step: step.id, role: String(lvl.role), field, below: lvl.below, prev }));
            return;
          }
          prev = lvl.below;
        });
        if (open < 0 && prev !== undefined) {
          const last = levels.length - 1;
          at(last, msg('lint.approval-tier-gap.gap', { step: step.id, field, prev }));
        }
      }
    }
  },
};
