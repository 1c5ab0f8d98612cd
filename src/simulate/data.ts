/**
 * Case data for `simulate --data`: a CSV (csv-parse) or JSON file, one case per row.
 * With `fields:` in crmflow.yaml every declared column is read by its type (field-values.ts)
 * and a value that does not fit is an error naming file, line, row and column. Without it,
 * numeric text becomes a number so that `case.amount > 10000` compares numbers.
 */
import { embed, msg, part } from '../i18n/index.js';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseInstant } from '../model/date-times.js';
import { CrmflowError } from '../model/errors.js';
import type { FieldInput } from '../model/schema.js';
import { BAD, expected, readValue } from './field-values.js';

/** One case: column → value (typed by its field; empty cells are left out). */
export type CaseRecord = Record<string, unknown>;

/** How to read case data. */
export interface CaseDataOptions {
  /** The declared fields (crmflow.yaml `fields:`); without them column types are guessed. */
  fields?: Record<string, FieldInput>;
  /** Leave out rows with a value that does not fit its field (with a warning) instead of failing. */
  skipBadRows?: boolean;
  /** Receives each warning once: rows skipped, declared fields the data lacks. */
  onWarning?: (message: string) => void;
  /** The file's name in messages (default: the path read), e.g. as the user typed it. */
  name?: string;
}

/** A row as read, before typing. */
interface RawRow {
  cells: Record<string, unknown>;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Turns CSV text into cases. Throws `CrmflowError` naming the row of a malformed record or bad value. */
export function parseCsvCases(text: string, file = 'data', options: CaseDataOptions = {}): CaseRecord[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, CSV) as Record<string, string>[];
  } catch (e) {
    const err = e as Error & { lines?: number; record?: unknown[]; code?: string };
    // csv-parse counts lines from 1 including the header; the data row is one less.
    const line = typeof err.lines === 'number' ? err.lines : undefined;
    throw new CrmflowError(
      msg('simData.malformed', { file, where: line !== undefined ? part('simData.malformedRow', { line, row: line - 1 }) : '', why: err.message.replace(/^Invalid Record Length: /, '') }),
      msg('simData.malformedHint'),
      'data',
    );
  }
  const columns = records.length > 0 ? Object.keys(records[0]!) : headerOf(text);
  let lines: number[] | undefined;
  return typeRows(
    records.map((cells) => ({ cells })),
    columns,
    file,
    options,
    (row) => (lines ??= startLines(text))[row],
  );
}

const CSV = { columns: true, bom: true, skip_empty_lines: true, trim: true } as const;

/**
 * The line each record starts on, for messages: csv-parse's `info` gives the line a record ends
 * on (it starts after the previous one and any blank lines). Only read when a row is bad,
 * because `info` makes parsing half again as slow.
 */
function startLines(text: string): number[] {
  const records = parse(text, { ...CSV, info: true }) as Array<{ info: { lines: number; empty_lines: number } }>;
  let end = 1;
  let blank = 0;
  return records.map(({ info }) => {
    const line = end + 1 + (info.empty_lines - blank);
    end = info.lines;
    blank = info.empty_lines;
    return line;
  });
}

/** Turns JSON text (an array of objects) into cases. */
export function parseJsonCases(text: string, file = 'data', options: CaseDataOptions = {}): CaseRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CrmflowError(msg('simData.notJson', { file, why: (e as Error).message }), msg('simData.arrayHint'), 'data');
  }
  if (!Array.isArray(value)) throw new CrmflowError(msg('simData.notArray', { file }), msg('simData.arrayHint'), 'data');
  const rows = value.map((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new CrmflowError(msg('simData.rowNotObject', { file, row: i + 1 }), msg('simData.arrayHint'), 'data');
    }
    return { cells: row as Record<string, unknown> };
  });
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.cells)))];
  return typeRows(rows, columns, file, options);
}

/** Reads case data from a `.csv` or `.json` file. */
export async function loadCases(path: string, options: CaseDataOptions = {}): Promise<CaseRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CrmflowError(msg('simData.cannotRead', { path }), msg('simData.cannotReadHint'), 'data');
  }
  const name = options.name ?? path;
  return extname(path).toLowerCase() === '.json' ? parseJsonCases(text, name, options) : parseCsvCases(text, name, options);
}

/** The column names of a CSV without data rows (csv-parse reports them only with a record). */
function headerOf(text: string): string[] {
  const rows = parse(text, { bom: true, to_line: 1, trim: true }) as string[][];
  return rows[0] ?? [];
}

function isEmpty(v: unknown): boolean {
  return v === '' || v === null || v === undefined;
}

/** Types every row by the declared fields (or guesses, without them); bad rows fail or are skipped. */
function typeRows(rows: RawRow[], columns: string[], file: string, options: CaseDataOptions, lineOf?: (row: number) => number | undefined): CaseRecord[] {
  const fields = options.fields && Object.keys(options.fields).length > 0 ? options.fields : undefined;
  if (!fields) return rows.map((r) => guess(r.cells));
  const have = new Set(columns);
  const missing = Object.keys(fields).filter((f) => !have.has(f));
  if (missing.length > 0) {
    options.onWarning?.(
      msg(`sim.warn.missingColumn.${missing.length === 1 ? 'one' : 'other'}`, { file, fields: missing.map((f) => `"${f}"`).join(', ') }),
    );
  }
  const out: CaseRecord[] = [];
  let skipped = 0;
  let first = '';
  rows.forEach((row, i) => {
    const problem = typeRow(row, fields, out);
    if (problem === undefined) return;
    const line = lineOf?.(i);
    const where = msg('simData.badRow', { file, line: line !== undefined ? `:${line}` : '', row: i + 1, problem: embed(problem) });
    if (!options.skipBadRows) {
      throw new CrmflowError(where, msg('simData.badRowHint'), 'data');
    }
    skipped++;
    first ||= where;
  });
  if (skipped > 0 && out.length === 0) {
    throw new CrmflowError(msg('simData.allBad', { file, first: embed(first) }), msg('simData.allBadHint'), 'data');
  }
  if (skipped > 0) options.onWarning?.(msg('sim.warn.skippedRows', { n: skipped, total: rows.length, file, first }));
  return out;
}

/** Types one row into `out`; returns what is wrong with it instead when a value does not fit. */
function typeRow(row: RawRow, fields: Record<string, FieldInput>, out: CaseRecord[]): string | undefined {
  const rec: CaseRecord = {};
  for (const [k, v] of Object.entries(row.cells)) {
    const field = fields[k];
    if (isEmpty(v)) {
      // An empty list cell is a list with no items; any other empty cell is a missing value.
      if (field?.type === 'list') rec[k] = [];
      continue;
    }
    // Columns that are not declared are not checked; they are read as before.
    if (!field) {
      rec[k] = guessValue(v);
      continue;
    }
    const typed = readValue(field, v);
    if (typed === BAD) return msg('simData.notFit', { column: k, value: JSON.stringify(v), expected: expected(field) });
    rec[k] = typed;
  }
  out.push(rec);
  return undefined;
}

function guess(row: Record<string, unknown>): CaseRecord {
  const out: CaseRecord = {};
  for (const [k, v] of Object.entries(row)) if (!isEmpty(v)) out[k] = guessValue(v);
  return out;
}

function guessValue(v: unknown): unknown {
  return typeof v === 'string' && NUMBER.test(v) ? Number(v) : v;
}

/** An arrival timestamp (ISO 8601 with or without offset, or `YYYY-MM-DD HH:MM`) in epoch minutes, or why it is not one. */
export function parseArrival(value: unknown, zone = 'UTC'): { ok: true; value: number } | { ok: false; message: string } {
  if (value instanceof Date) return { ok: true, value: value.getTime() / 60000 }; // a declared date or datetime field
  if (typeof value !== 'string') return { ok: false, message: msg('simData.notDateTime', { value: JSON.stringify(value ?? null) }) };
  const r = parseInstant(value, zone);
  return r.ok ? { ok: true, value: r.value / 60000 } : r;
}
