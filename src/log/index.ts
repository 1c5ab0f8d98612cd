/**
 * Event logs: readers that turn a CSV or XES file into cases (ordered event lists) with the
 * counts every report states, and the mapping of log activities to process steps. What builds
 * on them (conformance, calibration, discovery, log distances) lives beside them in src/log/.
 */
import { CrmflowError } from '../model/errors.js';
import { readCsvLog } from './csv.js';
import type { EventLog, LogReadOptions } from './types.js';
import { readXesLog } from './xes.js';

export { parseColumnMap } from './columns.js';
export { parseCsvLog, readCsvLog } from './csv.js';
export { parseXesLog, readXesLog } from './xes.js';
export { countActivities, mapActivities, normalizeActivity, type ActivityMapping, type MappableStep, type UnmappedActivity, type AmbiguousActivity } from './activities.js';
export type * from './types.js';

/** Reads an event log by its extension: `.xes` (or `.xes.gz`) as XES, `.csv` (or `.csv.gz`) as CSV. */
export async function readEventLog(path: string, options: LogReadOptions = {}): Promise<EventLog> {
  const base = path.toLowerCase().replace(/\.gz$/, '');
  if (base.endsWith('.xes')) return readXesLog(path, options);
  if (base.endsWith('.csv')) return readCsvLog(path, options);
  const ext = /\.[^./\\]+$/.exec(base)?.[0] ?? 'no extension';
  throw new CrmflowError(`${options.name ?? path}: cannot read an event log with ${ext === 'no extension' ? ext : `the extension "${ext}"`}`, 'give a .csv or .xes file (either may be .gz)', 'usage');
}
