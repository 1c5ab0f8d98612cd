/**
 * Reads a CSV event log (one row per activity instance or per stage change) as a stream, so a
 * large export is never held as text: csv-parse parses, `node:zlib` unpacks `.gz` on the way,
 * and only the events themselves are kept, grouped by case. A bad row is an error naming the
 * file, its line and the column.
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CrmflowError } from '../model/errors.js';
import { parseInstant } from '../model/date-times.js';
import { type ColumnIndex, resolveColumns } from './columns.js';
import { groupCases } from './group.js';
import { gzipError, openLog } from './open.js';
import type { ColumnMap, EventLog, LogEvent, LogField, LogReadOptions } from './types.js';

/** Reads a `.csv` or `.csv.gz` event log from disk. */
export async function readCsvLog(path: string, options: LogReadOptions = {}): Promise<EventLog> {
  const name = options.name ?? path;
  return parseCsvLog(await openLog(path, name), name, options);
}

/** Reads a CSV event log from a stream of (already unpacked) bytes or text. */
export async function parseCsvLog(input: Readable, name: string, options: LogReadOptions = {}): Promise<EventLog> {
  const parser = input.pipe(parse({ bom: true, skip_empty_lines: true, trim: true, info: true }));
  input.once('error', (e) => parser.destroy(e));
  let index: ColumnIndex | undefined;
  let header: string[] = [];
  let columns: ColumnMap = {};
  const events: LogEvent[] = [];
  // csv-parse says where a record ends; it starts after the previous one and any blank lines.
  let end = 0;
  let blank = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
      const line = end + 1 + (info.empty_lines - blank);
      end = info.lines;
      blank = info.empty_lines;
      if (index === undefined) {
        header = record;
        ({ index, columns } = resolveColumns(header, options.map ?? {}, name));
        continue;
      }
      events.push(readEvent(record, index, header, `${name}:${line}: row ${events.length + 1}`));
    }
  } catch (e) {
    if (e instanceof CrmflowError) throw e;
    throw malformed(e as Error & { lines?: number; code?: string }, name);
  }
  if (index === undefined) throw new CrmflowError(`${name}: the event log is empty`, 'give a CSV with a header row and one row per event', 'data');
  const cases = groupCases(events);
  return {
    name,
    cases,
    stats: { rows: events.length, cases: cases.length, events: events.length, timestamps: index.start !== undefined ? 'start-end' : 'single', columns },
  };
}

function readEvent(record: string[], index: ColumnIndex, header: string[], where: string): LogEvent {
  const cell = (field: LogField): string | undefined => {
    const i = index[field];
    return i === undefined ? undefined : record[i];
  };
  const required = (field: LogField): string => {
    const v = cell(field);
    if (v === undefined || v === '') {
      throw new CrmflowError(`${where}, column "${header[index[field]!]}": the ${field === 'end' ? 'timestamp' : field} is empty`, 'every event needs a case, an activity and a timestamp', 'data');
    }
    return v;
  };
  const time = (field: 'start' | 'end', text: string): number => {
    const t = parseInstant(text);
    if (!t.ok) {
      throw new CrmflowError(
        `${where}, column "${header[index[field]!]}": ${t.message}`,
        'write times as ISO 8601 (2026-07-01T09:30:00Z) or 2026-07-01 09:30:00; times without an offset are read as UTC',
        'data',
      );
    }
    return t.value;
  };
  const event: LogEvent = { case: required('case'), activity: required('activity'), end: time('end', required('end')) };
  const start = cell('start');
  if (start) event.start = time('start', start);
  const resource = cell('resource');
  if (resource) event.resource = resource;
  const role = cell('role');
  if (role) event.role = role;
  return event;
}

function malformed(err: Error & { lines?: number; code?: string }, name: string): CrmflowError {
  const gzip = gzipError(err, name);
  if (gzip) return gzip;
  const where = typeof err.lines === 'number' ? `:${err.lines}` : '';
  return new CrmflowError(
    `${name}${where}: malformed CSV record: ${err.message.replace(/^Invalid Record Length: /, '')}`,
    'every row needs as many fields as the header; quote fields that contain commas',
    'data',
  );
}
