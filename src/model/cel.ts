/**
 * CEL conditions (`when:`). Parsing and evaluation go through @marcbachmann/cel-js, a
 * sandboxed CEL implementation: no `eval`, no `new Function`.
 */
import { Environment, type ASTNode } from '@marcbachmann/cel-js';
import { part, say, type Part } from '../i18n/index.js';

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
    return { message: say(part('cel.tooLong', { n: expression.length, max: MAX_CONDITION_LENGTH })), offset: 0 };
  }
  if (expression.trim() === '') return { message: say(part('cel.empty')), offset: 0 };
  try {
    const result = environment().check(expression);
    if (result.valid) return undefined;
    const err = result.error as (Error & { node?: { pos?: number } }) | undefined;
    const msg = firstLine(err?.message ?? 'invalid condition');
    const unknown = /^Unknown variable: (.+)$/.exec(msg);
    if (unknown) {
      return {
        message: say(part('cel.unknownVariable', { name: unknown[1] })),
        offset: err?.node?.pos ?? 0,
      };
    }
    return bracketHint(expression, msg, err?.node?.pos ?? 0) ?? { message: say(part('cel.invalid', { why: celWhy(msg) })), offset: err?.node?.pos ?? 0 };
  } catch (e) {
    const err = e as Error & { node?: { pos?: number } };
    const msg = firstLine(err.message);
    return bracketHint(expression, msg, err.node?.pos ?? 0) ?? { message: say(part('cel.invalid', { why: celWhy(msg) })), offset: err.node?.pos ?? 0 };
  }
}

/** cel-js's reason, translated for the two it gives most; any other stays as cel-js words it. */
function celWhy(message: string): string | Part {
  const token = /^unexpected token: (\S+)$/i.exec(message);
  if (token) return part('cel.unexpectedToken', { token: token[1] });
  if (/^unexpected end of input$/i.test(message)) return part('cel.unexpectedEnd');
  return lowerFirst(message);
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
    message: say(part('cel.bracket', { field, owner })),
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

/** A `case.<field>` (or `case["<field>"]`) in a condition, and where its name is. */
export interface FieldRef {
  name: string;
  /** Character offset of the field name in the expression. */
  offset: number;
  /** The node that reads the field, e.g. for `case.amount > 5` the `case.amount` part. */
  node: ASTNode;
}

/** The syntax tree of a condition; undefined when it does not parse (`checkCondition` says why). */
export function parseCondition(expression: string): ASTNode | undefined {
  if (expression.length > MAX_CONDITION_LENGTH) return undefined;
  try {
    return environment().parse(expression).ast;
  } catch {
    return undefined;
  }
}

/**
 * Every case field a condition reads, in order, from its syntax tree: `case.x` and `case["x"]`
 * count, `"case.x"` inside a string literal does not.
 */
export function fieldRefs(expression: string, ast: ASTNode | undefined = parseCondition(expression)): FieldRef[] {
  const out: FieldRef[] = [];
  if (ast) {
    walkCondition(ast, (node) => {
      const ref = fieldRef(expression, node);
      if (ref) out.push(ref);
    });
  }
  return out;
}

/** Calls `visit` on every node of a condition's syntax tree, parents first. */
export function walkCondition(ast: ASTNode, visit: (node: ASTNode) => void): void {
  // A stack, not recursion: `a || b || …` a few thousand times deep must not overflow.
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const x = stack.pop();
    if (Array.isArray(x)) {
      for (let i = x.length - 1; i >= 0; i--) stack.push(x[i]);
    } else if (isNode(x)) {
      visit(x);
      stack.push(x.args);
    }
  }
}

/**
 * The text span of a node, parentheses included: cel-js leaves the parentheses around a
 * sub-expression out of its range, and a parent's range starts at its first operand, so
 * `(a ? b : c) >= 70` starts inside the parenthesis.
 */
export function nodeSpan(expression: string, node: ASTNode): { start: number; end: number } {
  let { start, end } = node;
  let depth = 0;
  let low = 0;
  let quote = '';
  for (let i = start; i < end; i++) {
    const ch = expression[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') low = Math.min(low, --depth);
  }
  // `-low` closers lack their opener before the span, `depth - low` openers their closer after it.
  for (let open = -low; open > 0 && start > 0; ) if (expression[--start] === '(') open--;
  for (let close = depth - low; close > 0 && end < expression.length; ) if (expression[end++] === ')') close--;
  return { start, end };
}

/** Where the text of a string literal starts (inside its quotes). */
export function literalOffset(expression: string, node: ASTNode): number {
  const at = typeof node.args === 'string' ? expression.indexOf(node.args, node.start) : -1;
  return at >= 0 && at < node.end ? at : node.start;
}

/** The field `node` reads when it is `case.x` or `case["x"]`. */
export function fieldRef(expression: string, node: ASTNode): FieldRef | undefined {
  if (node.op !== '.' && node.op !== '[]') return undefined;
  const [target, key] = node.args as [ASTNode, ASTNode | string];
  if (target.op !== 'id' || target.args !== 'case') return undefined;
  if (typeof key === 'string') return { name: key, offset: node.pos, node };
  if (key.op !== 'value' || typeof key.args !== 'string') return undefined;
  return { name: key.args, offset: literalOffset(expression, key), node };
}

export function isNode(x: unknown): x is ASTNode {
  return typeof x === 'object' && x !== null && typeof (x as { op?: unknown }).op === 'string' && 'args' in x;
}

/** The case fields a condition reads (`case.amount` → `amount`), for data checks. */
export function fieldsOf(expression: string): string[] {
  return [...new Set(fieldRefs(expression).map((r) => r.name))];
}

export function firstLine(s: string): string {
  return s.split('\n')[0]!.trim().replace(/\.$/, '');
}
export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
