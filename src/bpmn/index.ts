/**
 * BPMN 2.0 export and import: crmflow processes to Camunda 8 / bpmn.io / other modelers and
 * back. See plan.ts for the mapping table.
 */
export { exportBpmn, BpmnExportError, BPMN_TARGETS, laneId, type BpmnTarget, type DiagramLayout, type ExportOptions, type ExportResult } from './export.js';
export { importBpmn, toYaml, kebab, minutesToDuration, BpmnImportError, type ImportNote, type ImportOptions, type ImportResult, type ImportedProcess } from './import.js';
export { celToFeel, conditionToCel, normalizeCel, ExpressionError, CEL_LANGUAGE } from './expression.js';
export { toIsoDuration, fromIsoDuration } from './iso-duration.js';
export { planProcess, bpmnId, type Plan } from './plan.js';
export { MAX_BPMN_BYTES, checkXmlSafety } from './moddle.js';
