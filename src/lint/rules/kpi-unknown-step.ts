import type { Rule } from '../types.js';
import { checkKpiSteps } from '../../model/project.js';

/** A KPI that measures between steps that do not exist measures nothing. */
export const rule: Rule = {
  id: 'kpi-unknown-step',
  meta: {
    description: 'a KPI in crmflow.yaml whose from: or to: names a process or step that does not exist',
    why: 'KPIs are what the quarterly review looks at. After a step is renamed, a KPI pointing at the old id silently stops being measured, and the target looks met because there is no data.',
    fix: 'Point from: and to: at existing steps as <process-id>/<step-id>; crmflow suggests the closest id.',
    defaultLevel: 'error',
    examples: {
      bad: `kpis:
  - id: lead-response-time
    from: lead-assignment/received
    to: lead-assignment/first-contakt
    target: { p90: 1d }`,
      good: `kpis:
  - id: lead-response-time
    from: lead-assignment/received
    to: lead-assignment/first-contact
    target: { p90: 1d }`,
    },
  },
  check({ project, report }) {
    for (const f of checkKpiSteps(project)) {
      report({ message: f.message, at: { file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn } });
    }
  },
};
