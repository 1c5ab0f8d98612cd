/**
 * Turns zod issues into crmflow findings: lowercase, quoting the bad value, saying what is
 * allowed, with a did-you-mean for unknown keys and values.
 */
import type { z } from 'zod';
import { hint } from './suggest.js';
import type { Finding, PathSegment, SourceFile } from './types.js';

type Issue = z.core.$ZodIssue;

/** Converts the issues of one `safeParse` at `base` in `source` into findings. */
export function issuesToFindings(
  issues: readonly Issue[],
  schema: z.ZodType,
  data: unknown,
  source: SourceFile,
  base: PathSegment[],
  extra: { process?: string; step?: string } = {},
): Finding[] {
  const out: Finding[] = [];
  for (const issue of issues) {
    for (const f of describe(issue, schema, data, base, extra.step)) {
      const range = source.locate([...base, ...f.path], f.part);
      out.push({ rule: 'schema', severity: 'error', message: f.message, file: source.path, ...range, ...extra });
    }
  }
  return out;
}

interface Described {
  message: string;
  path: PathSegment[];
  part: 'value' | 'key';
}

function describe(issue: Issue, schema: z.ZodType, data: unknown, base: PathSegment[], stepId?: string): Described[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = path.length === 0 && stepId ? `step "${stepId}"` : fieldName(base, path);
  const value = getAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schema, data, path);
      return issue.keys.map((key) => ({
        message: `unknown field "${key}"${where ? ` in ${where}` : ''}${hint(key, known)}${known.length && !hint(key, known) ? `; allowed: ${known.join(', ')}` : ''}`,
        path: [...path, key],
        part: 'key' as const,
      }));
    }
    case 'invalid_type': {
      if (value === undefined) {
        return [{ message: `missing required field "${String(path[path.length - 1])}"${parentName(base, path)}`, path: path.slice(0, -1), part: 'value' }];
      }
      return [{ message: `${where || 'value'} must be ${article(issue.expected)}, not ${show(value)}`, path, part: 'value' }];
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v));
      if (allowed.length === 1) return [{ message: `${where || 'value'} must be ${show(issue.values[0])}, not ${show(value)}`, path, part: 'value' }];
      return [{ message: `${where || 'value'} ${show(value)} is not one of ${allowed.join(', ')}${hint(String(value), allowed)}`, path, part: 'value' }];
    }
    case 'invalid_format':
      return [{ message: formatMessage(issue.message, where, value), path, part: 'value' }];
    case 'too_small':
      if (Array.isArray(value) && Number(issue.minimum) === 1) return [{ message: `${where} must not be empty`, path, part: 'value' }];
      if (typeof value === 'string') return [{ message: `${where} must not be empty`, path, part: 'value' }];
      return [{ message: `${where || 'value'} must be at least ${String(issue.minimum)}, not ${show(value)}`, path, part: 'value' }];
    case 'too_big':
      return [{ message: `${where || 'value'} must be at most ${String(issue.maximum)}, not ${show(value)}`, path, part: 'value' }];
    case 'invalid_union': {
      if (typeof value === 'string' && /duration|for|timeout|every|within|min|max|mean|median|p90|sd/.test(String(path[path.length - 1]))) {
        return [{ message: formatMessage('duration', where, value), path, part: 'value' }];
      }
      // Report the alternative that got furthest: the one with the fewest, deepest issues.
      const options = issue.errors.filter((e) => e.length > 0);
      if (options.length === 0) return [{ message: `${where || 'value'} ${show(value)} is not valid`, path, part: 'value' }];
      const score = (errs: readonly Issue[]) => errs.reduce((n, e) => n + 10 - Math.min(9, e.path.length), 0);
      const best = [...options].sort((a, b) => score(a) - score(b))[0]!;
      return best.flatMap((e) => describe({ ...e, path: [...path, ...e.path] } as Issue, schema, data, base, stepId));
    }
    case 'invalid_key': {
      // A key of a map of ids (on:, roles:, calendars:, scenarios:): an id, not a display name.
      const key = String(path[path.length - 1]);
      const owner = fieldName(base, path.slice(0, -1));
      const fixed = key.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      const eg = fixed ? `, e.g. "${fixed}"` : '';
      const message =
        owner === 'on'
          ? `exception name ${show(key)} in "on" is not an id; use rejected, timeout, error, cancelled or your own in lowercase letters, digits and hyphens${eg}`
          : `key ${show(key)}${owner ? ` in "${owner}"` : ''} is not an id; use lowercase letters, digits and hyphens${eg}${owner === 'roles' ? ', and put the display name under name:' : ''}`;
      return [{ message, path, part: 'key' }];
    }
    default:
      return [{ message: `${where || 'value'}: ${issue.message.toLowerCase()}`, path, part: 'value' }];
  }
}

function formatMessage(code: string, where: string, value: unknown): string {
  const v = show(value);
  switch (code) {
    case 'kebab-case': {
      const fixed = typeof value === 'string' ? value.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') : '';
      return `${where || 'id'} ${v} is not kebab-case; use lowercase letters, digits and hyphens${fixed ? `, e.g. "${fixed}"` : ''}`;
    }
    case 'duration':
      return `${where || 'duration'} ${v} is not a duration; write a number and a unit m, h, d or w (e.g. "2h", "1.5d"), a range "1h..4h", or { dist: … }`;
    case 'range':
      return `${where || 'duration'} ${v} is not a range; write "min..max", e.g. "4h..2d"`;
    case 'step-ref':
      return `${where || 'reference'} ${v} is not a step reference; write <process-id>/<step-id>, e.g. "lead-to-cash/negotiate"`;
    case 'field-name':
      return `field name ${v} is not usable in conditions; use letters (any script), digits and underscores, starting with a letter (e.g. "discount_pct" or "区域")`;
    case 'date':
      return `${where || 'date'} ${v} is not a date; write YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD`;
    default:
      return `${where || 'value'} ${v} is not valid: ${code.toLowerCase()}`;
  }
}

function article(t: string): string {
  const map: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
    object: 'a mapping',
    array: 'a list',
    int: 'a whole number',
  };
  return map[t] ?? t;
}

/** A value as a user would see it in a message. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (empty)';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function fieldName(base: PathSegment[], path: PathSegment[]): string {
  const full = [...base, ...path];
  const last = [...full].reverse().find((p) => typeof p === 'string');
  return last !== undefined ? String(last) : '';
}

function parentName(base: PathSegment[], path: PathSegment[]): string {
  const full = [...base, ...path].slice(0, -1);
  const last = [...full].reverse().find((p) => typeof p === 'string');
  return last !== undefined ? ` in "${String(last)}"` : '';
}

function getAt(data: unknown, path: PathSegment[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

/** The keys the schema allows for the object at `path` (choosing among union options by the data). */
function knownKeys(schema: z.ZodType, data: unknown, path: PathSegment[]): string[] {
  let s: unknown = schema;
  let d: unknown = data;
  const unwrap = (x: unknown, value: unknown): unknown => {
    for (let i = 0; i < 20; i++) {
      const def = (x as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
      if (!def) return x;
      if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'pipe') {
        x = def.innerType ?? def.in;
        continue;
      }
      if (def.type === 'union') {
        const opts = def.options as unknown[];
        const keys = value && typeof value === 'object' ? Object.keys(value) : [];
        let best = opts[0];
        let bestScore = -1;
        for (const o of opts) {
          const shape = objectShape(unwrapSimple(o));
          if (!shape) continue;
          const disc = (shape.type ?? shape.dist) as { _zod?: { def?: { values?: unknown[] } } } | undefined;
          const discValues = disc?._zod?.def?.values;
          const v = value as Record<string, unknown> | undefined;
          let score = keys.filter((k) => k in shape).length;
          if (discValues && v && (discValues.includes(v.type) || discValues.includes(v.dist))) score += 100;
          if (score > bestScore) {
            bestScore = score;
            best = o;
          }
        }
        x = best;
        continue;
      }
      return x;
    }
    return x;
  };
  s = unwrap(s, d);
  for (const seg of path) {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (!def) return [];
    if (def.type === 'object') s = (def.shape as Record<string, unknown>)[seg as string];
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else if (def.type === 'tuple') s = (def.items as unknown[])[seg as number];
    else return [];
    d = d && typeof d === 'object' ? (d as Record<string, unknown>)[seg as string] : undefined;
    s = unwrap(s, d);
  }
  const shape = objectShape(s);
  return shape ? Object.keys(shape) : [];
}

function unwrapSimple(x: unknown): unknown {
  for (let i = 0; i < 10; i++) {
    const def = (x as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (def && (def.type === 'optional' || def.type === 'nullable' || def.type === 'default')) x = def.innerType;
    else return x;
  }
  return x;
}

function objectShape(x: unknown): Record<string, unknown> | undefined {
  const def = (x as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  return def?.type === 'object' ? (def.shape as Record<string, unknown>) : undefined;
}
