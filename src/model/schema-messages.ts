/**
 * Turns zod issues into crmflow findings: lowercase, quoting the bad value, saying what is
 * allowed, with a did-you-mean for unknown keys and values.
 */
import type * as z from 'zod';
import { embed, msg, part, type Part } from '../i18n/index.js';
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
  const where: Part | string = path.length === 0 && stepId ? part('schema.step', { step: stepId }) : fieldName(base, path);
  const whereOr = (word: 'value' | 'id' | 'duration' | 'reference' | 'date') => where || part(`schema.word.${word}`);
  const value = getAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(schema, data, path);
      return issue.keys.map((key) => ({
        message:
          known.length && !hint(key, known)
            ? msg('schema.unknownFieldAllowed', { key, where: where ? part('schema.in', { where }) : '', known: known.join(', ') })
            : msg('schema.unknownField', { key, where: where ? part('schema.in', { where }) : '', hint: embed(hint(key, known)) }),
        path: [...path, key],
        part: 'key' as const,
      }));
    }
    case 'invalid_type': {
      if (value === undefined) {
        return [{ message: msg('schema.missing', { field: String(path[path.length - 1]), parent: parentName(base, path) }), path: path.slice(0, -1), part: 'value' }];
      }
      return [{ message: msg('schema.mustBe', { where: whereOr('value'), expected: article(issue.expected), value: shown(value) }), path, part: 'value' }];
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v));
      if (allowed.length === 1) return [{ message: msg('schema.mustBe', { where: whereOr('value'), expected: shown(issue.values[0]), value: shown(value) }), path, part: 'value' }];
      return [{ message: msg('schema.notOneOf', { where: whereOr('value'), value: shown(value), allowed: allowed.join(', '), hint: embed(hint(String(value), allowed)) }), path, part: 'value' }];
    }
    case 'invalid_format':
      return [{ message: formatMessage(issue.message, where, value), path, part: 'value' }];
    case 'too_small':
      if (Array.isArray(value) && Number(issue.minimum) === 1) return [{ message: msg('schema.notEmpty', { where }), path, part: 'value' }];
      if (typeof value === 'string') return [{ message: msg('schema.notEmpty', { where }), path, part: 'value' }];
      return [{ message: msg('schema.atLeast', { where: whereOr('value'), min: String(issue.minimum), value: shown(value) }), path, part: 'value' }];
    case 'too_big':
      return [{ message: msg('schema.atMost', { where: whereOr('value'), max: String(issue.maximum), value: shown(value) }), path, part: 'value' }];
    case 'invalid_union': {
      if (typeof value === 'string' && /duration|for|timeout|every|within|min|max|mean|median|p90|sd/.test(String(path[path.length - 1]))) {
        return [{ message: formatMessage('duration', where, value), path, part: 'value' }];
      }
      // Report the alternative that got furthest: the one with the fewest, deepest issues.
      const options = issue.errors.filter((e) => e.length > 0);
      if (options.length === 0) return [{ message: msg('schema.notValid', { where: whereOr('value'), value: shown(value) }), path, part: 'value' }];
      const score = (errs: readonly Issue[]) => errs.reduce((n, e) => n + 10 - Math.min(9, e.path.length), 0);
      const best = [...options].sort((a, b) => score(a) - score(b))[0]!;
      return best.flatMap((e) => describe({ ...e, path: [...path, ...e.path] } as Issue, schema, data, base, stepId));
    }
    case 'invalid_key': {
      // A key of a map of ids (on:, roles:, calendars:, scenarios:): an id, not a display name.
      const key = String(path[path.length - 1]);
      const owner = fieldName(base, path.slice(0, -1));
      const fixed = key.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      const eg = fixed ? part('schema.eg', { id: fixed }) : '';
      const message =
        owner === 'on'
          ? msg('schema.exceptionKey', { key: show(key), eg })
          : msg('schema.keyNotId', { key: show(key), owner: owner ? part('schema.inQuoted', { name: owner }) : '', eg, roles: owner === 'roles' ? part('schema.rolesName') : '' });
      return [{ message, path, part: 'key' }];
    }
    default:
      return [{ message: msg('schema.other', { where: where || part('schema.word.value'), why: issue.message.toLowerCase() }), path, part: 'value' }];
  }
}

function formatMessage(code: string, where: Part | string, value: unknown): string {
  const v = shown(value);
  const or = (word: 'value' | 'id' | 'duration' | 'reference' | 'date') => where || part(`schema.word.${word}`);
  switch (code) {
    case 'kebab-case': {
      const fixed = typeof value === 'string' ? value.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') : '';
      return msg('schema.kebab', { where: or('id'), value: v, eg: fixed ? part('schema.eg', { id: fixed }) : '' });
    }
    case 'duration':
      return msg('schema.duration', { where: or('duration'), value: v });
    case 'range':
      return msg('schema.range', { where: or('duration'), value: v });
    case 'step-ref':
      return msg('schema.stepRef', { where: or('reference'), value: v });
    case 'field-name':
      return msg('schema.fieldName', { value: v });
    case 'date':
      return msg('schema.date', { where: or('date'), value: v });
    default:
      return msg('schema.invalidFormat', { where: or('value'), value: v, code: code.toLowerCase() });
  }
}

function article(t: string): Part | string {
  return ['string', 'number', 'boolean', 'object', 'array', 'int'].includes(t) ? part(`type.${t as 'string'}`) : t;
}

/** `show` with its words (nothing, a list, …) translated. */
function shown(value: unknown): Part | string {
  if (value === undefined) return part('show.nothing');
  if (value === null) return part('show.null');
  if (Array.isArray(value)) return part('show.list');
  if (typeof value === 'object') return part('show.mapping');
  return show(value);
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

function parentName(base: PathSegment[], path: PathSegment[]): Part | string {
  const full = [...base, ...path].slice(0, -1);
  const last = [...full].reverse().find((p) => typeof p === 'string');
  return last !== undefined ? part('schema.inQuoted', { name: String(last) }) : '';
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
