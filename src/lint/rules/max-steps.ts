import * as z from 'zod';
import type { Rule } from '../types.js';
import { msg, part } from '../../i18n/index.js';

const limit = z.number().int().min(1);
const options = z.strictObject({ strategy: limit.optional(), core: limit.optional(), operation: limit.optional() });

/** Higher layers stay short, or they stop being overviews. */
export const rule: Rule = {
  id: 'max-steps',
  meta: {
    description: 'a process with more steps than its layer allows (default: strategy 8, core 20, operation unlimited); start and end events do not count',
    why: 'A strategy diagram is read in a board meeting and a core flow in a quarterly review: past a handful of stages they become the operation detail they should link to, and nobody reads them.',
    fix: 'Move detail into a lower-layer process and call it with a subprocess step, or raise the limit in crmflow.yaml: max-steps: [warn, { core: 25 }].',
    defaultLevel: 'warn',
    options,
    defaultOptions: { strategy: 8, core: 20 },
    optionsHelp: '{ strategy?: number, core?: number, operation?: number } — the most steps (not counting start and end) a process of that layer may have',
    examples: {
      bad: `id: customer-lifecycle
layer: strategy
steps: # 12 stages between start and end`,
      good: `id: customer-lifecycle
layer: strategy
steps: # acquire, convert, deliver, retain — each a subprocess`,
    },
  },
  check({ project, options: o, report }) {
    for (const process of project.processes.values()) {
      const max = o[process.layer] as number | undefined;
      if (max === undefined) continue;
      const n = process.steps.filter((s) => s.type !== 'start' && s.type !== 'end').length;
      if (n <= max) continue;
      report({
        process,
        field: ['steps'],
        part: 'key',
        message: msg('lint.max-steps', { layer: part(`layer.${process.layer}`), process: process.id, n, max, article: part(process.layer === 'operation' ? 'grammar.an' : 'grammar.a'), layerId: process.layer }),
      });
    }
  },
};
