/**
 * crmflow's programmatic API: load a project, inspect its processes and findings.
 * @packageDocumentation
 */
export { loadProject, findRoot, CONFIG_FILE, DEFAULT_PROCESS_GLOB, type LoadOptions, type LoadedProject } from './model/load.js';
export { buildProject, BUILT_IN_ROLES, type FileInput, type ProjectInput } from './model/project.js';
export { parseSource, MAX_FILE_BYTES, MAX_ALIAS_COUNT } from './model/source.js';
export { outgoing, edgesOf, startSteps, reachableFromStart, processLinks, stepName, stepRole, layerRank, type Edge, type EdgeKind, type ProcessLink } from './model/graph.js';
export { parseDuration, toDistribution, meanOf, formatDuration, describeDuration, type Distribution } from './model/duration.js';
export { checkCondition, compileCondition, fieldsOf } from './model/cel.js';
export { jsonSchemas } from './model/json-schema.js';
export { CrmflowError } from './model/errors.js';
export * from './model/schema.js';
export type * from './model/types.js';

// Analysis: each returns data; turning it into text is the caller's (or the CLI's) job.
export { lintProject, type LintOptions } from './lint/engine.js';
export type * from './lint/types.js';
export { rules } from './lint/rules/index.js';
export { diffProjects, hasChanges, type DiffOptions } from './diff/diff.js';
export type * from './diff/types.js';
export { simulate, loadCases, type SimulateOptions, type SimulationReport } from './simulate/index.js';
export { layoutProcess, renderSvg, toMermaid, type Layout } from './render/index.js';
export { exportBpmn, importBpmn, type BpmnTarget, type ExportResult, type ImportResult } from './bpmn/index.js';
export { readEventLog, parseColumnMap, mapActivities, countActivities, type EventLog, type LogCase, type LogEvent, type LogStats, type ActivityMapping } from './log/index.js';
