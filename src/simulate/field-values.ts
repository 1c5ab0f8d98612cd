/**
 * Sample-data values read by their declared field type (`fields:` in crmflow.yaml). Each value
 * gets the JS type CEL evaluates it as, so that the condition sees what the declaration says:
 * integer → BigInt (CEL `int`: `case.score + 20` works), number → number (CEL `double`),
 * boolean → boolean, date and datetime → Date (CEL `timestamp`), list → array, the rest text.
 * `fields --infer` uses the same recognisers, so what it proposes is what simulate accepts.
 */
import { part, type Part } from '../i18n/index.js';
import { parseDay } from '../model/dates.js';
import { parseInstant } from '../model/date-times.js';
import type { FieldInput } from '../model/schema.js';

/** Separates the items of a `list` field in a CSV cell (CRM exports of multi-select picklists use it too). */
export const LIST_SEPARATOR = ';';

/** Returned by `readValue` for a value that does not fit its type. */
export const BAD: unique symbol = Symbol('bad value');

const TRUE = new Set(['true', 'yes', '是', '1']);
const FALSE = new Set(['false', 'no', '否', '0']);
/** Words that make a column a boolean when inferring (`1`/`0` alone are more likely counts). */
const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no', '是', '否']);
/** Whole numbers, optionally with `,` between groups of three digits: `103000`, `1,250,000`. */
const INTEGER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)$/;
/** Decimals with optional thousands separators and exponent: `9.5`, `1,234.50`, `.5`, `1e6`. */
const NUMBER = /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DAY = /^(\d{4})([-/])(\d{2})\2(\d{2})$/;
/** A date followed by a time: the shapes of `datetime` (a date alone is not a datetime). */
const DAY_TIME = /^(\d{4})([-/])(\d{2})\2(\d{2})[T ](\d{2}:\d{2}.*)$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

type Scalar = 'string' | 'integer' | 'number' | 'boolean';

/** `yes`, `是`, `TRUE`, `1` → true; `no`, `否`, `false`, `0` → false; anything else undefined. */
export function readBoolean(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return undefined;
}

/** Whether a cell is one of the boolean words (not `1`/`0`), for inference. */
export function isBooleanWord(text: string): boolean {
  return BOOLEAN_WORDS.has(text.trim().toLowerCase());
}

/** `1,250,000` → 1250000n; undefined when not a whole number that fits CEL's 64-bit int. */
export function readInteger(text: string): bigint | undefined {
  const t = text.trim();
  if (!INTEGER.test(t)) return undefined;
  const v = BigInt(t.replace(/,/g, ''));
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/** `1,234.50` → 1234.5; undefined when not a finite decimal number. */
export function readNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const v = Number(t.replace(/,/g, ''));
  return Number.isFinite(v) ? v : undefined;
}

/** `2026-07-01` or `2026/07/01` → that day at 00:00 UTC; undefined when not a real date. */
export function readDate(text: string): Date | undefined {
  const m = DAY.exec(text.trim());
  if (!m) return undefined;
  const day = parseDay(`${m[1]}-${m[3]}-${m[4]}`);
  return day.ok ? new Date(day.value * 86400000) : undefined;
}

/**
 * A date and time: ISO 8601 (`2026-07-01T09:30:00+08:00`) or `2026-07-01 09:30[:00]`, with `-`
 * or `/` in the date. Without an offset the time is UTC, as for arrival times.
 */
export function readDateTime(text: string): Date | undefined {
  const m = DAY_TIME.exec(text.trim());
  if (!m) return undefined;
  const t = parseInstant(`${m[1]}-${m[3]}-${m[4]}T${m[5]!.replace(/ (?=[+-]\d|Z$)/, '')}`, 'UTC');
  return t.ok ? new Date(t.value) : undefined;
}

/**
 * A cell or JSON value read as `field` says, or `BAD` when it does not fit (including an
 * integer or number outside the field's `min`/`max`, or an enum value outside its `values`).
 */
export function readValue(field: FieldInput, value: unknown): unknown {
  switch (field.type) {
    case 'enum': {
      const v = typeof value === 'string' ? value.trim() : value;
      return typeof v === 'string' && (field.values ?? []).includes(v) ? v : BAD;
    }
    case 'date':
      return (typeof value === 'string' && readDate(value)) || BAD;
    case 'datetime':
      return (typeof value === 'string' && readDateTime(value)) || BAD;
    case 'list': {
      const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(LIST_SEPARATOR).map((s) => s.trim()).filter((s) => s !== '') : undefined;
      if (!items) return BAD;
      const out = items.map((item) => readScalar(field.items ?? 'string', item, field));
      return out.includes(BAD) ? BAD : out;
    }
    default:
      return readScalar(field.type, value, field);
  }
}

function readScalar(type: Scalar, value: unknown, field: FieldInput): unknown {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : BAD;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      return (typeof value === 'string' ? readBoolean(value) : undefined) ?? BAD;
    case 'integer': {
      const v = typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : typeof value === 'string' ? readInteger(value) : undefined;
      return v === undefined || !inRange(Number(v), field) ? BAD : v;
    }
    case 'number': {
      const v = typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' ? readNumber(value) : undefined;
      return v === undefined || !inRange(v, field) ? BAD : v;
    }
  }
}

function inRange(v: number, field: FieldInput): boolean {
  return (field.min === undefined || v >= field.min) && (field.max === undefined || v <= field.max);
}

/** What a field accepts, for error messages: `a boolean (true/false, yes/no, 是/否, 1/0)`, in the reader's language. */
export function expected(field: FieldInput): Part {
  const { min, max } = field;
  const range = min !== undefined && max !== undefined ? part('fieldType.range', { min, max }) : min !== undefined ? part('fieldType.min', { min }) : max !== undefined ? part('fieldType.max', { max }) : '';
  switch (field.type) {
    case 'string':
    case 'boolean':
    case 'date':
    case 'datetime':
      return part(`fieldType.${field.type}`);
    case 'integer':
    case 'number':
      return part(`fieldType.${field.type}`, { range });
    case 'enum':
      return part('fieldType.enum', { values: (field.values ?? []).join(', ') });
    case 'list':
      return part('fieldType.list', { items: field.items ?? 'string', separator: LIST_SEPARATOR });
  }
}
