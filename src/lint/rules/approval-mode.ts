import { approversOf, levelApprovers, submitterRoles, type Approvers } from '../../model/approvers.js';
import type { PathSegment } from '../../model/types.js';
import { msg, part, type Part } from '../../i18n/index.js';
import type { Rule } from '../types.js';

const WORD = (mode: Approvers['mode']) => part(`approval.mode.${mode}`);

/** A mode that does not fit its approvers: one approver for all/any, an approver listed twice, a supervisor nobody submits to. */
export const rule: Rule = {
  id: 'approval-mode',
  meta: {
    description:
      'an approval mode that does not fit its approvers: all or any with one approver, the same approver listed twice (in a sequence: the same role approving twice), a { supervisor } approval with no submitter to climb from',
    why: 'all (会签) and any (或签) with one approver are a single approval drawn as a multi-instance task and read as a committee; a role listed twice approves the same case twice (the second approval adds waiting, not control); a supervisor approval reached before anyone has worked on the case has no reporting line to climb, so the approval goes nowhere.',
    fix: 'Use mode: single (or leave mode out) for one approver; list each role once; put a task by the submitting role before a { supervisor } approval, or give the process an owner whose role has reportsTo.',
    defaultLevel: 'warn',
    examples: {
      bad: `- id: contract-approval
  type: approval
  mode: sequence
  approvers: [legal, finance-manager, legal]
  on: { rejected: revise-contract }`,
      good: `- id: contract-approval
  type: approval
  mode: all
  approvers: [legal, finance-manager]
  on: { rejected: revise-contract }`,
    },
  },
  check({ project, report }) {
    for (const process of project.processes.values()) {
      for (const step of process.steps) {
        if (step.type !== 'approval') continue;
        const check = (a: Approvers, field: PathSegment[], where: string, tier: Part | '') => {
          if ((a.mode === 'all' || a.mode === 'any') && a.roles.length === 1 && a.supervisor === undefined) {
            report({ process, step: step.id, field, key: `${where}one`, message: msg('approval.oneApprover', { tier, step: step.id, mode: WORD(a.mode), role: a.roles[0] }) });
          }
          if ((a.mode === 'all' || a.mode === 'any') && a.supervisor === 1) {
            report({ process, step: step.id, field, key: `${where}one`, message: msg('approval.oneSupervisor', { tier, step: step.id, mode: WORD(a.mode) }) });
          }
          const seen = new Set<string>();
          a.roles.forEach((r, i) => {
            if (!seen.has(r)) return void seen.add(r);
            report({
              process,
              step: step.id,
              field: Array.isArray(step.approvers) && !where ? ['approvers', i] : field,
              key: `${where}twice:${r}`,
              message:
                a.mode === 'sequence' ? msg('approval.twiceInSequence', { tier, step: step.id, role: r }) : msg('approval.listedTwice', { tier, step: step.id, role: r }),
            });
          });
        };
        const main = approversOf(step);
        if (step.mode !== undefined || step.approvers !== undefined) check(main, step.approvers !== undefined ? ['approvers'] : ['mode'], '', '');
        step.tiers?.levels.forEach((l, i) => {
          if (Array.isArray(l.role) || l.mode !== undefined) check(levelApprovers(l), ['tiers', 'levels', i, 'role'], `tier ${i + 1} of `, part('approval.tierOf', { n: i + 1 }));
        });
        if (main.supervisor !== undefined && submitterRoles(process, step.id).length === 0) {
          report({
            process,
            step: step.id,
            field: ['approvers', 'supervisor'],
            key: 'no-submitter',
            message: msg('approval.noSubmitter', { step: step.id }),
          });
        }
      }
    }
  },
};
