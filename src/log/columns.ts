/**
 * Which column of a log holds which field: `--map case=OpportunityId,activity=StageName,…`
 * parsed by a pure function, and the usual column names of pm4py, Disco, Simod and XES
 * recognised when the user names nothing.
 */
import { embed, msg, part } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import { hint } from '../model/suggest.js';
import { type ColumnMap, LOG_FIELDS, type LogField } from './types.js';

/** The usual names of each field, best first, compared after `normalizeColumn`. */
const USUAL: Record<LogField, readonly string[]> = {
  case: ['case_id', 'case', 'case:concept:name', 'caseid'],
  activity: ['activity', 'concept:name', 'activity_name'],
  start: ['start_time', 'start_timestamp', 'start'],
  end: ['end_time', 'end_timestamp', 'time:timestamp', 'complete_timestamp', 'timestamp', 'end'],
  resource: ['resource', 'org:resource'],
  role: ['role', 'org:role'],
};

/** `Case ID`, `case-id` and `case_id` are one name: lower case, spaces and hyphens as `_`. */
export function normalizeColumn(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * Parses `case=OpportunityId,activity=StageName,end=CreatedDate`. Throws a `CrmflowError` for an
 * item without `=`, an unknown field, a field given twice or an empty column name.
 */
export function parseColumnMap(text: string): ColumnMap {
  const map: ColumnMap = {};
  const hintText = msg('logMap.hint', { fields: LOG_FIELDS.join(', ') });
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) throw new CrmflowError(msg('logMap.noEquals', { item }), hintText);
    const field = item.slice(0, eq).trim().toLowerCase();
    const column = item.slice(eq + 1).trim();
    if (!isLogField(field)) {
      throw new CrmflowError(msg('logMap.unknownField', { field: item.slice(0, eq).trim(), hint: embed(hint(field, LOG_FIELDS)) }), hintText);
    }
    if (column === '') throw new CrmflowError(msg('logMap.noColumn', { item }), hintText);
    if (map[field] !== undefined) throw new CrmflowError(msg('logMap.twice', { field }), msg('logMap.twiceHint'));
    map[field] = column;
  }
  return map;
}

function isLogField(s: string): s is LogField {
  return (LOG_FIELDS as readonly string[]).includes(s);
}

/** Field → column index in a header row; fields the log does not have are left out. */
export type ColumnIndex = Partial<Record<LogField, number>>;

/**
 * Finds each field's column in `header`: the mapped name (exactly, else ignoring case), else the
 * first usual name present. Throws naming the file when a mapped column is missing or the log
 * has no case, activity or timestamp column. A log with only a start column uses it as its one
 * timestamp, so every event has an `end`.
 */
export function resolveColumns(
  header: readonly string[],
  map: ColumnMap,
  file: string,
  preset: Partial<Record<LogField, readonly string[]>> = {},
): { index: ColumnIndex; columns: ColumnMap } {
  const index: ColumnIndex = {};
  const normalized = header.map(normalizeColumn);
  for (const field of LOG_FIELDS) {
    const wanted = map[field];
    if (wanted !== undefined) {
      let i = header.indexOf(wanted);
      if (i < 0) i = normalized.indexOf(normalizeColumn(wanted));
      if (i < 0) {
        throw new CrmflowError(
          msg('logMap.noSuchColumn', { file, field, column: wanted, hint: embed(hint(wanted, header)) }),
          msg('logMap.columnsAre', { columns: header.map((h) => `"${h}"`).join(', ') }),
          'data',
        );
      }
      index[field] = i;
      continue;
    }
    // A preset's names come first; the usual names still apply to fields it leaves out.
    for (const usual of [...(preset[field] ?? []).map(normalizeColumn), ...USUAL[field]]) {
      const i = normalized.indexOf(usual);
      // A column the user mapped to another field is not taken again by its usual name.
      if (i >= 0 && !Object.values(index).includes(i) && !mappedElsewhere(header[i]!, map)) {
        index[field] = i;
        break;
      }
    }
  }
  if (index.end === undefined && index.start !== undefined) {
    index.end = index.start;
    delete index.start;
  }
  for (const field of ['case', 'activity', 'end'] as const) {
    if (index[field] !== undefined) continue;
    const what = part(field === 'end' ? 'logMap.what.timestamp' : `logMap.what.${field as 'case' | 'activity'}`);
    const usual = [...(preset[field] ?? []), ...(field === 'end' ? [...USUAL.end, ...USUAL.start] : USUAL[field])];
    throw new CrmflowError(
      msg('logMap.missing', { file, what, usual: usual.map((u) => `"${u}"`).join(', ') }),
      msg('logMap.missingHint', { field, columns: header.map((h) => `"${h}"`).join(', ') }),
      'data',
    );
  }
  const columns: ColumnMap = {};
  for (const field of LOG_FIELDS) if (index[field] !== undefined) columns[field] = header[index[field]!];
  return { index, columns };
}

function mappedElsewhere(column: string, map: ColumnMap): boolean {
  return Object.values(map).some((c) => c === column);
}
