/**
 * Reads a CSV event log (one row per activity instance or per stage change) as a stream, so a
 * large export is never held as text: csv-parse parses, `node:zlib` unpacks `.gz` on the way,
 * and only the events themselves are kept, grouped by case. A bad row is an error naming the
 * file, its line and the column.
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { embed, msg, part, type Part } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import { parseInstant } from '../model/date-times.js';
import { type ColumnIndex, normalizeColumn, resolveColumns } from './columns.js';
import { groupCases } from './group.js';
import { gzipError, openLog } from './open.js';
import { findPreset, type LogPreset } from './presets.js';
import type { ColumnMap, EventLog, LogCase, LogEvent, LogField, LogReadOptions } from './types.js';

/** Reads a `.csv` or `.csv.gz` event log from disk. */
export async function readCsvLog(path: string, options: LogReadOptions = {}): Promise<EventLog> {
  const name = options.name ?? path;
  return parseCsvLog(await openLog(path, name), name, options);
}

/** Reads a CSV event log from a stream of (already unpacked) bytes or text. */
export async function parseCsvLog(input: Readable, name: string, options: LogReadOptions = {}): Promise<EventLog> {
  const parser = input.pipe(parse({ bom: true, skip_empty_lines: true, trim: true, info: true }));
  input.once('error', (e) => parser.destroy(e));
  if (options.object !== undefined) {
    throw new CrmflowError(msg('logCsv.objectCsv', { file: name }), msg('logCsv.objectCsvHint'), 'usage');
  }
  const preset = options.preset === undefined ? undefined : findPreset(options.preset);
  let index: ColumnIndex | undefined;
  let header: string[] = [];
  let columns: ColumnMap = {};
  let stage: StageColumns = {};
  const history = preset ? new StageHistory() : undefined;
  const events: LogEvent[] = [];
  let rows = 0;
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
        // The preset's own columns first: a missing "Field" says most plainly that the export is another one.
        if (preset) stage = stageColumns(preset, header, name);
        ({ index, columns } = resolveColumns(header, options.map ?? {}, name, preset?.columns));
        continue;
      }
      rows++;
      const where = msg('logCsv.where', { file: name, line, row: rows });
      if (history && stage.filter !== undefined) {
        const field = record[stage.filter] ?? '';
        if (preset!.filter!.created?.includes(field)) {
          // The creation row says when the case began; the first stage's name comes from OldValue.
          const e = readEvent(record, { ...index, activity: index.case }, header, where);
          if (!history.created.has(e.case) || e.end < history.created.get(e.case)!.end) history.created.set(e.case, e);
          continue;
        }
        if (!preset!.filter!.values.includes(field)) continue;
      }
      const event = readEvent(record, index, header, where);
      if (history && stage.previous !== undefined) {
        const old = record[stage.previous];
        if (old) history.previous.set(event, old);
      }
      events.push(event);
    }
  } catch (e) {
    if (e instanceof CrmflowError) throw e;
    throw malformed(e as Error & { lines?: number; code?: string }, name);
  }
  if (index === undefined) throw new CrmflowError(msg('logCsv.empty', { file: name }), msg('logCsv.emptyHint'), 'data');
  let cases = groupCases(events);
  if (history) cases = cases.map((c) => history.complete(c, preset!));
  const count = cases.reduce((n, c) => n + c.events.length, 0);
  const stats: EventLog['stats'] = { rows, cases: cases.length, events: count, timestamps: index.start !== undefined ? 'start-end' : 'single', columns };
  if (preset) {
    stats.preset = preset.id;
    stats.skipped = Math.max(0, rows - count);
  }
  return { name, cases, stats };
}

interface StageColumns {
  filter?: number;
  previous?: number;
}

/** The columns a preset needs beyond the fields: which field changed, and its old value. */
function stageColumns(preset: LogPreset, header: readonly string[], file: string): StageColumns {
  const normalized = header.map(normalizeColumn);
  const find = (names: readonly string[]) => names.map((n) => normalized.indexOf(normalizeColumn(n))).find((i) => i >= 0);
  const out: StageColumns = {};
  if (preset.filter) {
    out.filter = find(preset.filter.column);
    if (out.filter === undefined) {
      throw new CrmflowError(
        msg('logMap.presetColumn', { file, preset: preset.id, columns: oneOf(preset.filter.column.map((c) => `"${c}"`)) }),
        msg('logMap.presetColumnHint', { source: preset.source, columns: header.map((h) => `"${h}"`).join(', ') }),
        'data',
      );
    }
  }
  if (preset.previous) out.previous = find(preset.previous);
  return out;
}

/** What a stage history needs after reading: the first stage (from OldValue) and repeats removed. */
class StageHistory {
  /** The creation row of each case (its time and who created it). */
  readonly created = new Map<string, LogEvent>();
  readonly previous = new WeakMap<LogEvent, string>();

  complete(c: LogCase, preset: LogPreset): LogCase {
    let events = c.events;
    const first = events[0];
    const old = first && this.previous.get(first);
    if (first && old !== undefined && old !== first.activity) {
      // The stage the case was created in: entered at creation (or, without a creation row, at the first change).
      const created = this.created.get(c.id);
      const entered: LogEvent = { case: c.id, activity: old, end: Math.min(created?.end ?? first.end, first.end) };
      const resource = created?.resource ?? first.resource;
      if (resource) entered.resource = resource;
      events = [entered, ...events];
    }
    if (preset.collapseRepeats) events = events.filter((e, i) => i === 0 || e.activity !== events[i - 1]!.activity);
    return { id: c.id, events };
  }
}

function readEvent(record: string[], index: ColumnIndex, header: string[], where: string): LogEvent {
  const cell = (field: LogField): string | undefined => {
    const i = index[field];
    return i === undefined ? undefined : record[i];
  };
  const required = (field: LogField): string => {
    const v = cell(field);
    if (v === undefined || v === '') {
      throw new CrmflowError(msg('logCsv.emptyCell', { where: embed(where), column: header[index[field]!], what: part(field === 'end' ? 'logMap.what.timestamp' : `logMap.what.${field as 'case' | 'activity'}`) }), msg('logCsv.emptyCellHint'), 'data');
    }
    return v;
  };
  const time = (field: 'start' | 'end', text: string): number => {
    const t = parseInstant(text);
    if (!t.ok) {
      throw new CrmflowError(
        msg('logCsv.badTime', { where: embed(where), column: header[index[field]!], why: embed(t.message) }),
        msg('logCsv.badTimeHint'),
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
  return new CrmflowError(
    msg('logCsv.malformed', { file: name, line: typeof err.lines === 'number' ? `:${err.lines}` : '', why: err.message.replace(/^Invalid Record Length: /, '') }),
    msg('simData.malformedHint'),
    'data',
  );
}

/** `"a" or "b" or "c"`, with "or" in the reader's language. */
function oneOf(items: string[]): string | Part {
  return items.slice(0, -1).reduceRight<string | Part>((rest, a) => part('logMap.orPair', { a, b: rest }), items[items.length - 1] ?? '');
}
