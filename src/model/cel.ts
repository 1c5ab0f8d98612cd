/**
 * CEL conditions (`when:`). Parsing and evaluation go through @marcbachmann/cel-js, a
 * sandboxed CEL implementation: no `eval`, no `new Function`.
 */
import { Environment } from '@marcbachmann/cel-js';

/** Conditions longer than this are refused: a condition is a line, not a program. */
export const MAX_CONDITION_LENGTH = 4096;

let env: Environment | undefined;
function environment(): Environment {
  // `case` is the only variable: a map of the case's fields.
  env ??= new Environment({ unlistedVariablesAreDyn: false }).registerVariable('case', 'map');
  return env;
}

export interface CelProblem {
  message: string;
  /** Character offset in the expression where the problem is. */
  offset: number;
}

/** Checks the syntax (and the variables) of a condition; undefined when it is fine. */
export function checkCondition(expression: string): CelProblem | undefined {
  if (expression.length > MAX_CONDITION_LENGTH) {
    return { message: `condition is ${expression.length} characters long, more than ${MAX_CONDITION_LENGTH}; split the decision`, offset: 0 };
  }
  if (expression.trim() === '') return { message: 'condition is empty; write a CEL expression such as case.amount > 10000', offset: 0 };
  try {
    const result = environment().check(expression);
    if (result.valid) return undefined;
    const err = result.error as (Error & { node?: { pos?: number } }) | undefined;
    const msg = firstLine(err?.message ?? 'invalid condition');
    const unknown = /^Unknown variable: (.+)$/.exec(msg);
    if (unknown) {
      return {
        message: `condition uses "${unknown[1]}", which is not defined; read case fields as case.<field>, e.g. case.${unknown[1]}`,
        offset: err?.node?.pos ?? 0,
      };
    }
    return bracketHint(expression, msg, err?.node?.pos ?? 0) ?? { message: `condition is not valid CEL: ${lowerFirst(msg)}`, offset: err?.node?.pos ?? 0 };
  } catch (e) {
    const err = e as Error & { node?: { pos?: number } };
    const msg = firstLine(err.message);
    return bracketHint(expression, msg, err.node?.pos ?? 0) ?? { message: `condition is not valid CEL: ${lowerFirst(msg)}`, offset: err.node?.pos ?? 0 };
  }
}

/**
 * `case.区域`: CEL identifiers are ASCII, so a field named in Chinese (or with accents) is
 * read with brackets. Say so instead of "unexpected character".
 */
function bracketHint(expression: string, msg: string, offset: number): CelProblem | undefined {
  if (!/^unexpected character/i.test(msg)) return undefined;
  let start = offset; // `case.région` stops at é: the field starts after the dot
  while (start > 0 && /[A-Za-z0-9_]/.test(expression[start - 1]!)) start--;
  if (expression[start - 1] !== '.') return undefined;
  const field = /^[\p{L}\p{M}\p{N}_]+/u.exec(expression.slice(start))?.[0];
  if (!field) return undefined;
  const owner = /([A-Za-z_][A-Za-z0-9_]*)\.$/.exec(expression.slice(0, start))?.[1] ?? 'case';
  return {
    message: `field name "${field}" is not a CEL identifier (ASCII letters, digits and _ only), so ${owner}.${field} cannot read it; write ${owner}["${field}"]`,
    offset: start,
  };
}

/** A compiled condition: call it with a case's fields. Throws when a field is missing. */
export type CompiledCondition = (fields: Record<string, unknown>) => unknown;

/** Compiles a condition once for many evaluations (simulation). */
export function compileCondition(expression: string): CompiledCondition {
  const fn = environment().parse(expression);
  return (fields) => fn({ case: fields });
}

/** The case fields a condition reads (`case.amount` → `amount`, `case["区域"]` → `区域`), for data checks. */
export function fieldsOf(expression: string): string[] {
  const out = new Set<string>();
  for (const m of expression.matchAll(/\bcase\.([A-Za-z_][A-Za-z0-9_]*)|\bcase\[\s*(?:"([^"\\]+)"|'([^'\\]+)')\s*\]/g)) out.add((m[1] ?? m[2] ?? m[3])!);
  return [...out];
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim().replace(/\.$/, '');
}
function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
