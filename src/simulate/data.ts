/**
 * Case data for `simulate --data`: a CSV (csv-parse) or JSON file, one case per row.
 * Numeric text becomes a number so that `case.amount > 10000` compares numbers.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { CrmflowError } from '../model/errors.js';

/** One case: column → value (numbers for numeric text; empty cells are left out). */
export type CaseRecord = Record<string, unknown>;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Turns CSV text into cases. Throws `CrmflowError` naming the row of a malformed record. */
export function parseCsvCases(text: string, file = 'data'): CaseRecord[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (e) {
    const err = e as Error & { lines?: number; record?: unknown[]; code?: string };
    // csv-parse counts lines from 1 including the header; the data row is one less.
    const line = typeof err.lines === 'number' ? err.lines : undefined;
    const where = line !== undefined ? `:${line}: row ${line - 1}` : '';
    throw new CrmflowError(
      `${file}${where}: malformed CSV record: ${err.message.replace(/^Invalid Record Length: /, '')}`,
      'every row needs as many fields as the header; quote fields that contain commas',
      'data',
    );
  }
  return rows.map(coerce);
}

/** Turns JSON text (an array of objects) into cases. */
export function parseJsonCases(text: string, file = 'data'): CaseRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CrmflowError(`${file}: not valid JSON: ${(e as Error).message}`, 'give an array of objects, one per case', 'data');
  }
  if (!Array.isArray(value)) throw new CrmflowError(`${file}: expected an array of case objects`, 'give an array of objects, one per case', 'data');
  return value.map((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new CrmflowError(`${file}: row ${i + 1} is not an object`, 'give an array of objects, one per case', 'data');
    }
    return coerce(row as Record<string, unknown>);
  });
}

/** Reads case data from a `.csv` or `.json` file. */
export async function loadCases(path: string): Promise<CaseRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CrmflowError(`${path}: cannot read the case data`, 'check the --data path (CSV or JSON)', 'data');
  }
  return extname(path).toLowerCase() === '.json' ? parseJsonCases(text, path) : parseCsvCases(text, path);
}

function coerce(row: Record<string, unknown>): CaseRecord {
  const out: CaseRecord = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === '' || v === null || v === undefined) continue;
    out[k] = typeof v === 'string' && NUMBER.test(v) ? Number(v) : v;
  }
  return out;
}

/** An arrival timestamp (ISO 8601 with or without offset, or `YYYY-MM-DD HH:MM`) in epoch minutes, or NaN. */
export function parseArrival(value: unknown, zone = 'UTC'): number {
  if (typeof value === 'number') return NaN;
  if (typeof value !== 'string') return NaN;
  // With an explicit offset the instant is unambiguous and Date.parse is much faster than luxon.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const ms = Date.parse(value);
    if (ms === ms) return ms / 60000;
  }
  let d = DateTime.fromISO(value, { zone, setZone: true });
  if (!d.isValid) d = DateTime.fromSQL(value, { zone });
  return d.isValid ? d.toMillis() / 60000 : NaN;
}
