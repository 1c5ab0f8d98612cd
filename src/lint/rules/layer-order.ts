import type { Rule } from '../types.js';
import { layerRank } from '../../model/graph.js';
import { msg, part } from '../../i18n/index.js';

/** Drill-down only works downwards: strategy → core → operation. */
export const rule: Rule = {
  id: 'layer-order',
  meta: {
    description: 'a subprocess step calling a process of a higher layer, or refines: pointing to a process of the same or a lower layer',
    why: 'Layers give drill-down: the strategy diagram links to core flows and those to operation detail. A call upwards or a refines sideways breaks that hierarchy, so diagrams link in circles and nobody knows which file is the summary and which the detail.',
    fix: 'Call only processes of the same or a lower layer (strategy > core > operation); let refines: name a step of a higher layer. Move the process to the right layer if it is in the wrong one.',
    defaultLevel: 'error',
    examples: {
      bad: `# in processes/operation/discount-approval.yaml (layer: operation)
- id: back-to-deal
  type: subprocess
  process: lead-to-cash      # a core process`,
      good: `# in processes/core/lead-to-cash.yaml (layer: core)
- id: negotiate
  type: subprocess
  process: discount-approval # an operation process`,
    },
  },
  check({ project, report }) {
    for (const process of project.processes.values()) {
      const rank = layerRank(process.layer);
      for (const step of process.steps) {
        if (step.type !== 'subprocess') continue;
        const callee = project.processes.get(step.process);
        if (!callee || layerRank(callee.layer) >= rank) continue;
        report({
          process,
          step: step.id,
          field: ['process'],
          message: msg('lint.layer-order.calls', { step: step.id, layer: part(`layer.${process.layer}`), process: process.id, callee: callee.id, calleeLayer: part(`layer.${callee.layer}`) }),
        });
      }
      if (process.refines) {
        const target = project.processes.get(process.refines.split('/')[0]!);
        if (target && target.id !== process.id && layerRank(target.layer) >= rank) {
          report({
            process,
            field: ['refines'],
            message: msg('lint.layer-order.refines', { layer: part(`layer.${process.layer}`), process: process.id, refines: process.refines, targetLayer: part(`layer.${target.layer}`), target: target.id }),
          });
        }
      }
    }
  },
};
