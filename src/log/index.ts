/**
 * Event logs: readers that turn a CSV or XES file into cases (ordered event lists) with the
 * counts every report states, and the mapping of log activities to process steps. What builds
 * on them (conformance, calibration, discovery, log distances) lives beside them in src/log/.
 */
import { msg } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import { readCsvLog } from './csv.js';
import type { EventLog, LogReadOptions } from './types.js';
import { readOcelLog } from './ocel.js';
import { readXesLog } from './xes.js';

export { parseColumnMap } from './columns.js';
export { parseCsvLog, readCsvLog } from './csv.js';
export { parseXesLog, readXesLog } from './xes.js';
export { parseOcelLog, readOcelLog } from './ocel.js';
export { PRESETS, PRESET_IDS, findPreset, type LogPreset } from './presets.js';
export { countActivities, mapActivities, normalizeActivity, type ActivityMapping, type MappableStep, type UnmappedActivity, type AmbiguousActivity } from './activities.js';
export type * from './types.js';

/**
 * Reads an event log by its extension: `.xes` as XES, `.csv` as CSV, `.json`/`.jsonocel` as
 * OCEL 2.0 (each may be `.gz`). `preset` reads a CRM export; `object` flattens an OCEL log.
 */
export async function readEventLog(path: string, options: LogReadOptions = {}): Promise<EventLog> {
  const base = path.toLowerCase().replace(/\.gz$/, '');
  if (options.preset !== undefined && !base.endsWith('.csv')) {
    throw new CrmflowError(msg('logOpen.presetCsv', { file: options.name ?? path }), msg('logOpen.presetCsvHint'), 'usage');
  }
  if (base.endsWith('.json') || base.endsWith('.jsonocel')) return readOcelLog(path, options);
  if (options.object !== undefined) {
    throw new CrmflowError(msg('logOpen.objectOcel', { file: options.name ?? path }), msg('logOpen.objectOcelHint'), 'usage');
  }
  if (base.endsWith('.xes')) return readXesLog(path, options);
  if (base.endsWith('.csv')) return readCsvLog(path, options);
  const ext = /\.[^./\\]+$/.exec(base)?.[0];
  const file = options.name ?? path;
  throw new CrmflowError(ext === undefined ? msg('logOpen.noExtension', { file }) : msg('logOpen.extension', { file, ext }), msg('logOpen.extensionHint'), 'usage');
}
