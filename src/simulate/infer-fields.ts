/**
 * `crmflow fields --infer`: proposes a `fields:` block from a CSV of sample cases. Each
 * column gets the narrowest type every non-empty cell fits, tried in this order: boolean
 * (words only: true/false, yes/no, 是/否), integer, number, date, datetime, enum (at most
 * 20 distinct values, some repeated), string. The recognisers are the ones `simulate --data`
 * reads with, so the proposed block accepts the file it came from.
 */
import { msg, t, type Lang } from '../i18n/index.js';
import { parse } from 'csv-parse/sync';
import { CrmflowError } from '../model/errors.js';
import type { FieldInput } from '../model/schema.js';
import { isBooleanWord, readDate, readDateTime, readInteger, readNumber } from './field-values.js';

/** A column with more distinct values than this is text, not a picklist. */
export const MAX_ENUM_VALUES = 20;

/** The fields inferred from a CSV, in column order, and how many data rows they were read from. */
export interface InferredFields {
  fields: Record<string, FieldInput>;
  rows: number;
  /** Columns whose names cannot be field names (`case.<name>` needs letters, digits and _). */
  skipped: string[];
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Infers a field per column of CSV text. Throws `CrmflowError` on a malformed CSV. */
export function inferFieldsFromCsv(text: string, file = 'data'): InferredFields {
  let table: string[][];
  try {
    table = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new CrmflowError(msg('simData.inferMalformed', { file, line: err.lines ? `:${err.lines}` : '', why: err.message }), msg('simData.malformedHint'), 'data');
  }
  const [header, ...rows] = table;
  if (!header || header.length === 0) throw new CrmflowError(msg('simData.noHeader', { file }), msg('simData.noHeaderHint'), 'data');
  const fields: Record<string, FieldInput> = {};
  const skipped: string[] = [];
  header.forEach((name, i) => {
    if (FIELD_NAME.test(name)) fields[name] = inferField(rows.map((r) => r[i] ?? ''));
    else skipped.push(name);
  });
  return { fields, rows: rows.length, skipped };
}

/** The narrowest field type that every non-empty value fits. */
export function inferField(cells: string[]): FieldInput {
  const values = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (values.length === 0) return { type: 'string' };
  if (values.every(isBooleanWord)) return { type: 'boolean' };
  if (values.every((v) => readInteger(v) !== undefined)) return { type: 'integer' };
  if (values.every((v) => readNumber(v) !== undefined)) return { type: 'number' };
  if (values.every((v) => readDate(v) !== undefined)) return { type: 'date' };
  if (values.every((v) => readDateTime(v) !== undefined)) return { type: 'datetime' };
  const distinct = [...new Set(values)];
  // All-different values (names, ids) are text even when there are few of them.
  if (distinct.length <= MAX_ENUM_VALUES && distinct.length < values.length) return { type: 'enum', values: distinct.sort() };
  return { type: 'string' };
}

/** The fields as a YAML `fields:` block to paste into crmflow.yaml, one flow mapping a line. */
export function fieldsYaml(inferred: InferredFields, file: string, lang: Lang = 'en'): string {
  const names = Object.keys(inferred.fields);
  const width = Math.max(0, ...names.map((n) => n.length + 1));
  const L = [`# ${t(lang, inferred.rows === 1 ? 'fields.inferred.one' : 'fields.inferred.other', { file, n: inferred.rows })}`];
  for (const name of inferred.skipped) L.push(`# ${t(lang, 'fields.leftOut', { column: JSON.stringify(name) })}`);
  L.push('fields:');
  for (const name of names) {
    const f = inferred.fields[name]!;
    const values = f.values ? `, values: [${f.values.map(scalar).join(', ')}]` : '';
    L.push(`  ${`${name}:`.padEnd(width)} { type: ${f.type}${values} }`);
  }
  return L.join('\n') + '\n';
}

/** A YAML plain scalar when that reads back as the same string, else double-quoted (JSON is valid YAML). */
function scalar(s: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_ .-]*$/u.test(s) && !/[ .]$/.test(s) && !/^(?:true|false|yes|no|on|off|y|n|null|~)$/i.test(s);
  return plain ? s : JSON.stringify(s);
}
