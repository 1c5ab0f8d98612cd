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
