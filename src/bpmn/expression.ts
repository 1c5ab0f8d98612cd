/**
 * Conditions between crmflow's CEL and what BPMN engines read: FEEL for Camunda 8 (Zeebe),
 * and on import FEEL or JUEL (Camunda 7 `${…}`) back to CEL. Only a small, well-defined
 * subset translates: field access, string / number / boolean / null literals, comparisons,
 * `&&` `||` `!`, `in` over a list, `+ - *`, and the conditional operator. Anything else is
 * refused with a message naming it, never guessed. From CEL to FEEL also what reads the same but
 * routes differently is refused: division (CEL truncates integers and gives infinity for 0.0),
 * integer and double in one arithmetic (CEL has no int + double overload, so it fails where FEEL
 * computes; without declared fields every case number counts as a double), arithmetic on doubles (CEL
 * rounds to binary floating point, Zeebe's FEEL numbers are decimals), == across types (false
 * in CEL, null in FEEL), ordering booleans (null in FEEL), and date and datetime fields (Zeebe
 * variables are JSON, so a date arrives as text).
 */
import { parse as parseCel } from '@marcbachmann/cel-js';
import { embed, msg, part } from '../i18n/index.js';
import type { FieldInput } from '../model/schema.js';

/** A condition that does not translate; `message` names the part that failed. */
export class ExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionError';
  }
}

/** The neutral tree both directions print from. */
type Expr =
  | { t: 'field'; path: string[] }
  /** `int`: from CEL, whether a number is an integer or a double literal (CEL keeps them apart, FEEL has one number type). */
  | { t: 'lit'; value: string | number | boolean | null; int?: boolean }
  | { t: 'list'; items: Expr[] }
  | { t: 'bin'; op: BinOp; l: Expr; r: Expr }
  | { t: 'not'; e: Expr }
  | { t: 'neg'; e: Expr }
  | { t: 'if'; c: Expr; a: Expr; b: Expr };
type BinOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '+' | '-' | '*' | '/';

const PREC: Record<BinOp, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 3, '<=': 3, '>': 3, '>=': 3, in: 3, '+': 4, '-': 4, '*': 5, '/': 5 };
const FEEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words FEEL reads as keywords or literals, so a variable of that name does not parse. */
const FEEL_KEYWORDS = new Set(['and', 'between', 'else', 'every', 'false', 'for', 'function', 'if', 'in', 'instance', 'not', 'null', 'of', 'or', 'return', 'satisfies', 'some', 'then', 'true']);

// ---------------------------------------------------------------- CEL → tree → FEEL

interface CelNode {
  op: string;
  args: unknown;
}

/** The declared case fields (crmflow.yaml `fields:`), by name. */
export type FieldTypes = Readonly<Record<string, FieldInput>>;

/**
 * Translates a CEL condition over `case.<field>` to a FEEL expression (without the leading `=`).
 * With the project's declared `fields`, what the field types make exact in both languages is
 * translated (an integer field plus an integer: CEL int, FEEL number); without them case numbers
 * are taken as CEL doubles, as simulate reads undeclared numeric columns.
 */
export function celToFeel(cel: string, fields?: FieldTypes): string {
  let ast: CelNode;
  try {
    ast = parseCel(cel).ast as unknown as CelNode;
  } catch (e) {
    throw new ExpressionError(msg('expr.notCel', { cel, why: (e as Error).message.split('\n')[0] }));
  }
  const expr = fromCel(ast, cel);
  checkFaithful(expr, cel, fields);
  return printFeel(expr);
}

/**
 * A CEL type as far as the check needs it; `number` for a conditional that gives an int on some
 * cases and a double on others, `dyn` when it is not known (no or no such declared field).
 */
type CelType = 'int' | 'double' | 'number' | 'string' | 'bool' | 'null' | 'list' | 'dyn';

const DECLARED: Record<Exclude<FieldInput['type'], 'date' | 'datetime'>, CelType> = {
  integer: 'int',
  number: 'double',
  boolean: 'bool',
  string: 'string',
  enum: 'string',
  list: 'list',
};

const NUMERIC = new Set<CelType>(['int', 'double', 'number']);
/** Whether CEL compares values of the two types with == as FEEL does with =: numbers by value, null with anything. */
const comparable = (a: CelType, b: CelType) => a === b || a === 'dyn' || b === 'dyn' || a === 'null' || b === 'null' || (NUMERIC.has(a) && NUMERIC.has(b));

/** Refuses what FEEL would evaluate differently from CEL (see the module comment); gives the expression's CEL type. */
function checkFaithful(e: Expr, src: string, fields: FieldTypes | undefined): CelType {
  switch (e.t) {
    case 'field': {
      const f = fields && e.path.length === 1 && Object.hasOwn(fields, e.path[0]!) ? fields[e.path[0]!]! : undefined;
      if (!f) return 'dyn';
      if (f.type === 'date' || f.type === 'datetime') {
        throw new ExpressionError(msg('expr.dateField', { src, type: part(`expr.type.${f.type}`), field: e.path[0] }));
      }
      return DECLARED[f.type];
    }
    case 'lit':
      return typeof e.value === 'number' ? (e.int ? 'int' : 'double') : typeof e.value === 'string' ? 'string' : typeof e.value === 'boolean' ? 'bool' : 'null';
    case 'list':
      e.items.forEach((x) => checkFaithful(x, src, fields));
      return 'list';
    case 'not':
      checkFaithful(e.e, src, fields);
      return 'bool';
    case 'neg':
      return checkFaithful(e.e, src, fields);
    case 'if': {
      checkFaithful(e.c, src, fields);
      const [a, b] = [checkFaithful(e.a, src, fields), checkFaithful(e.b, src, fields)];
      if (a === b || a === 'dyn' || b === 'dyn') return a === b ? a : 'dyn';
      if (NUMERIC.has(a) && NUMERIC.has(b)) return 'number';
      if (a !== 'null' && b !== 'null') {
        throw new ExpressionError(msg('expr.ifTypes', { src, a: article(a), b: article(b), part: printCel(e) }));
      }
      return 'dyn';
    }
    case 'bin': {
      const l = checkFaithful(e.l, src, fields);
      const r = checkFaithful(e.r, src, fields);
      const shown = printCel(e);
      if (e.op === '/') {
        if (l === 'int' && r === 'int') {
          throw new ExpressionError(msg('expr.divInt', { src, part: shown }));
        }
        throw new ExpressionError(msg('expr.div', { src, part: shown }));
      }
      if (ARITHMETIC.has(e.op)) {
        if ((l === 'int' && r === 'double') || (l === 'double' && r === 'int')) {
          const [int, other] = l === 'int' ? [e.l, e.r] : [e.r, e.l];
          const n = printCel(int).replace(/^-/, '');
          // `20.0` would make it arithmetic on doubles, which is refused below: Zeebe's decimals round otherwise.
          const fix = isIntLit(int) ? part('expr.fix.moveInt', { n }) : isIntLit(other) ? part('expr.fix.noPointZero', { n: printCel(other).replace(/^-/, '') }) : part('expr.fix.oneType');
          throw new ExpressionError(msg('expr.mixIntNumber', { src, part: shown, fix }));
        }
        if ((l === 'number' && r !== 'string') || (r === 'number' && l !== 'string')) {
          const mixed = printCel(l === 'number' ? e.l : e.r);
          throw new ExpressionError(msg('expr.mixedIf', { src, mixed }));
        }
        if ((l === 'int' && r === 'dyn') || (l === 'dyn' && r === 'int')) {
          const int = l === 'int' ? e.l : e.r;
          const n = printCel(int).replace(/^-/, '');
          throw new ExpressionError(msg('expr.intWithField', { src, n, part: shown, more: isIntLit(int) ? part('expr.intWithField.move', { n }) : '' }));
        }
        if (l === 'double' || r === 'double') {
          throw new ExpressionError(msg('expr.doubles', { src, part: shown }));
        }
        return l === r ? l : 'dyn';
      }
      if (['<', '<=', '>', '>='].includes(e.op) && (l === 'bool' || r === 'bool')) {
        throw new ExpressionError(msg('expr.orderBool', { src, part: shown }));
      }
      if ((e.op === '==' || e.op === '!=') && !comparable(l, r)) {
        throw new ExpressionError(msg('expr.compareTypes', { src, l: article(l), r: article(r), part: shown }));
      }
      return 'bool';
    }
  }
}

const isIntLit = (e: Expr): boolean => (e.t === 'lit' && e.int === true) || (e.t === 'neg' && isIntLit(e.e));
/** A type with its article (`an int`, `a string`), translated. */
const article = (t: CelType | FieldInput['type']) => part(`expr.a.${t}`);

function fromCel(n: CelNode, src: string): Expr {
  const a = n.args as unknown[];
  switch (n.op) {
    case 'value': {
      const v = n.args as unknown;
      if (typeof v === 'bigint') {
        if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
          throw new ExpressionError(msg('expr.bigInt', { src, v: String(v) }));
        }
        return { t: 'lit', value: Number(v), int: true };
      }
      if (typeof v === 'number') return { t: 'lit', value: v, int: false };
      if (typeof v === 'string' || typeof v === 'boolean' || v === null) return { t: 'lit', value: v };
      // An unsigned integer (1u): an integer like any other for FEEL.
      if (v && typeof v === 'object' && 'value' in v) return { t: 'lit', value: Number((v as { value: unknown }).value), int: true };
      throw new ExpressionError(msg('expr.literal', { src, v: String(v) }));
    }
    case 'id':
      throw new ExpressionError(msg('expr.readsDirect', { src, name: String(n.args) }));
    case '.':
    case '[]': {
      const path = fieldPath(n, src);
      return { t: 'field', path };
    }
    case 'list':
      return { t: 'list', items: (a as CelNode[]).map((x) => fromCel(x, src)) };
    case '!_':
      return { t: 'not', e: fromCel(n.args as CelNode, src) };
    case '-_':
      return { t: 'neg', e: fromCel(n.args as CelNode, src) };
    case '?:':
      return { t: 'if', c: fromCel(a[0] as CelNode, src), a: fromCel(a[1] as CelNode, src), b: fromCel(a[2] as CelNode, src) };
    default:
      if (n.op in PREC) return { t: 'bin', op: n.op as BinOp, l: fromCel(a[0] as CelNode, src), r: fromCel(a[1] as CelNode, src) };
      if (n.op === 'call' || n.op === 'rcall') {
        throw new ExpressionError(msg('expr.call', { src, fn: String(a[0]) }));
      }
      throw new ExpressionError(msg('expr.operator', { src, op: n.op }));
  }
}

function fieldPath(n: CelNode, src: string): string[] {
  const a = n.args as unknown[];
  if (n.op === 'id') {
    if (n.args === 'case') return [];
    throw new ExpressionError(msg('expr.readsName', { src, name: String(n.args) }));
  }
  let key: string;
  if (n.op === '.') key = a[1] as string;
  else if (n.op === '[]') {
    const k = a[1] as CelNode;
    if (k.op !== 'value' || typeof k.args !== 'string') throw new ExpressionError(msg('expr.computedKey', { src }));
    key = k.args;
  } else throw new ExpressionError(msg('expr.onlyCasePaths', { src }));
  if (!FEEL_NAME.test(key) || FEEL_KEYWORDS.has(key)) throw new ExpressionError(msg('expr.badName', { src, key }));
  const base = fieldPath(a[0] as CelNode, src);
  return [...base, key];
}

function quoteString(s: string): string {
  // XML turns a raw CR into LF, and most other control characters may not appear in XML at all.
  if (/[\0-\x08\x0b\x0c\x0e-\x1f]/.test(s)) throw new ExpressionError(msg('expr.controlChar', { s: JSON.stringify(s) }));
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

function printLit(v: string | number | boolean | null): string {
  if (typeof v === 'string') return quoteString(v);
  return String(v);
}

/** A number as a FEEL literal: FEEL has no exponent notation, so 1e21 and 1e-7 are written out in digits. */
function feelNumber(n: number): string {
  if (!Number.isFinite(n)) throw new ExpressionError(msg('expr.noFeelNumber', { n: String(n) }));
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  // Shift the shortest digits JavaScript prints, so FEEL's decimal reads the same number.
  const [, sign, whole, frac = '', exp] = m;
  const digits = whole! + frac;
  const point = whole!.length + Number(exp);
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The candidate groups of an approval with tiers, as FEEL: the first level whose `below` the
 * field's value is under, as simulate picks it. Zeebe wants a list of strings from a
 * candidateGroups expression, so each branch is a one-element list. A value that is not a number
 * (a missing field, text) goes to `fallback` — the step's role, or the last level's — as in simulate.
 */
export function tiersToFeel(field: string, levels: readonly { below?: number; role: string }[], fallback: string, fields?: FieldTypes): string {
  const expr = fromCel(parseField(field), field);
  // simulate reads the tier field as one column of the case data.
  if (expr.t !== 'field' || expr.path.length !== 1) throw new ExpressionError(msg('expr.tierNotField', { field }));
  // Only a number picks a level (in simulate and in FEEL): any other declared type always gives the fallback role.
  const declared = fields && Object.hasOwn(fields, expr.path[0]!) ? fields[expr.path[0]!]! : undefined;
  if (declared && declared.type !== 'integer' && declared.type !== 'number') {
    throw new ExpressionError(msg('expr.tierType', { field, type: article(declared.type), fallback }));
  }
  const path = printFeel(expr);
  const group = (role: string) => `[${quoteString(role)}]`;
  let chain = '';
  let last = fallback;
  for (const level of levels) {
    if (level.below === undefined) {
      last = level.role;
      break;
    }
    chain += `if ${path} < ${feelNumber(level.below)} then ${group(level.role)} else `;
  }
  chain += group(last);
  // A comparison with a missing or non-number value is null in FEEL, so such a case reaches the
  // last branch; when simulate gives it another role, say so with a type check.
  return last === fallback ? chain : `if ${path} instance of number then (${chain}) else ${group(fallback)}`;
}

function parseField(field: string): CelNode {
  let ast: CelNode;
  try {
    ast = parseCel(field).ast as unknown as CelNode;
  } catch (e) {
    throw new ExpressionError(msg('expr.tierNotCel', { field, why: (e as Error).message.split('\n')[0] }));
  }
  return ast;
}

function prec(e: Expr): number {
  if (e.t === 'bin') return PREC[e.op];
  if (e.t === 'if') return 0;
  return 9;
}

function wrap(e: Expr, min: number, print: (e: Expr) => string): string {
  const s = print(e);
  return prec(e) < min ? `(${s})` : s;
}

function printFeel(e: Expr): string {
  switch (e.t) {
    case 'field':
      if (e.path.length === 0) throw new ExpressionError(msg('expr.wholeCase'));
      return e.path.join('.');
    case 'lit':
      return typeof e.value === 'number' ? feelNumber(e.value) : printLit(e.value);
    case 'list':
      return `[${e.items.map(printFeel).join(', ')}]`;
    case 'not':
      return `not(${printFeel(e.e)})`;
    case 'neg':
      return `-${wrap(e.e, 9, printFeel)}`;
    case 'if':
      return `if ${printFeel(e.c)} then ${printFeel(e.a)} else ${printFeel(e.b)}`;
    case 'bin': {
      if (e.op === 'in') return `list contains(${printFeel(e.r)}, ${printFeel(e.l)})`;
      const p = PREC[e.op];
      const op = e.op === '==' ? '=' : e.op === '&&' ? 'and' : e.op === '||' ? 'or' : e.op;
      return `${wrap(e.l, p, printFeel)} ${op} ${wrap(e.r, p + 1, printFeel)}`;
    }
  }
}

function printCel(e: Expr): string {
  switch (e.t) {
    case 'field':
      return ['case', ...e.path].join('.');
    case 'lit':
      // A CEL double stays a double (2.0); numbers read from FEEL or JUEL print as written.
      return e.int === false && Number.isInteger(e.value) && !/e/.test(String(e.value)) ? `${e.value}.0` : printLit(e.value);
    case 'list':
      return `[${e.items.map(printCel).join(', ')}]`;
    case 'not':
      return `!${wrap(e.e, 9, printCel)}`;
    case 'neg':
      return `-${wrap(e.e, 9, printCel)}`;
    case 'if':
      return `${wrap(e.c, 1, printCel)} ? ${wrap(e.a, 1, printCel)} : ${wrap(e.b, 1, printCel)}`;
    case 'bin': {
      const p = PREC[e.op];
      // FEEL and JUEL numbers are decimals: in arithmetic they become CEL doubles (CEL has no int + double).
      const side = (x: Expr) => (ARITHMETIC.has(e.op) ? asDouble(x) : x);
      return `${wrap(side(e.l), p, printCel)} ${e.op} ${wrap(side(e.r), p + 1, printCel)}`;
    }
  }
}

const ARITHMETIC = new Set<BinOp>(['+', '-', '*', '/']);

/** A number literal read from FEEL or JUEL, marked as a double for printing. */
function asDouble(e: Expr): Expr {
  if (e.t === 'lit' && typeof e.value === 'number' && e.int === undefined) return { ...e, int: false };
  if (e.t === 'neg') return { ...e, e: asDouble(e.e) };
  return e;
}

// ---------------------------------------------------------------- FEEL / JUEL → tree → CEL

type Tok = { k: 'num'; v: number } | { k: 'str'; v: string } | { k: 'name'; v: string } | { k: 'op'; v: string };

const OPS = ['==', '!=', '<=', '>=', '&&', '||', '=', '<', '>', '!', '(', ')', '[', ']', ',', '+', '-', '*', '/', '?', ':'];

function tokenize(src: string, what: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i))!;
      toks.push({ k: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const n = src[j + 1]!;
          s += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          j += 2;
        } else s += src[j++];
      }
      if (j >= src.length) throw new ExpressionError(msg('expr.unclosed', { what: embed(what) }));
      toks.push({ k: 'str', v: s });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(src.slice(i))!;
      toks.push({ k: 'name', v: m[0] });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExpressionError(msg('expr.unsupported', { what: embed(what), c }));
    toks.push({ k: 'op', v: op });
    i += op.length;
  }
  return toks;
}

/** A small Pratt parser for the FEEL and JUEL subset. */
class Parser {
  private i = 0;
  constructor(
    private toks: Tok[],
    private dialect: 'feel' | 'juel',
    private what: string,
  ) {}

  parseAll(): Expr {
    const e = this.expr(0);
    if (this.i < this.toks.length) throw new ExpressionError(msg('expr.unexpected', { what: embed(this.what), tok: this.show(this.toks[this.i]!) }));
    return e;
  }

  private show(t: Tok): string {
    return t.k === 'str' ? JSON.stringify(t.v) : String(t.v);
  }
  private peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t !== undefined && t.k === 'op' && t.v === v;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t !== undefined && t.k === 'name' && t.v === v;
  }
  private expect(v: string): void {
    if (!this.isOp(v) && !this.isWord(v)) {
      const t = this.peek();
      throw new ExpressionError(msg('expr.expected', { what: embed(this.what), v, found: t ? part('expr.expected.found', { tok: this.show(t) }) : part('expr.expected.end') }));
    }
    this.i++;
  }

  /** The binary operator at the cursor, in the neutral names. */
  private binOp(): BinOp | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.k === 'name') {
      const words: Record<string, BinOp> =
        this.dialect === 'feel'
          ? { and: '&&', or: '||', in: 'in' }
          : { and: '&&', or: '||', eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=', div: '/' };
      return words[t.v];
    }
    if (t.k !== 'op') return undefined;
    if (t.v === '=') {
      if (this.dialect === 'feel') return '==';
      throw new ExpressionError(msg('expr.assign', { what: embed(this.what) }));
    }
    if (t.v === '==' && this.dialect === 'feel') throw new ExpressionError(msg('expr.feelEq', { what: embed(this.what) }));
    if (['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/'].includes(t.v)) return t.v as BinOp;
    if (this.dialect === 'juel' && t.v === '&&') return '&&';
    if (this.dialect === 'juel' && t.v === '||') return '||';
    return undefined;
  }

  private expr(min: number): Expr {
    let left = this.unary();
    for (;;) {
      if (this.dialect === 'juel' && this.isOp('?') && min <= 0) {
        this.i++;
        const a = this.expr(0);
        this.expect(':');
        const b = this.expr(0);
        left = { t: 'if', c: left, a, b };
        continue;
      }
      const op = this.binOp();
      if (!op || PREC[op] < Math.max(min, 1)) return left;
      this.i++;
      const right = this.expr(PREC[op] + 1);
      left = { t: 'bin', op, l: left, r: right };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (!t) throw new ExpressionError(msg('expr.endsEarly', { what: embed(this.what) }));
    if (t.k === 'op' && t.v === '-') {
      this.i++;
      return { t: 'neg', e: this.unary() };
    }
    if (t.k === 'op' && t.v === '!' && this.dialect === 'juel') {
      this.i++;
      return { t: 'not', e: this.unary() };
    }
    if (t.k === 'name' && t.v === 'not') {
      this.i++;
      if (this.dialect === 'feel') {
        this.expect('(');
        const e = this.expr(0);
        this.expect(')');
        return { t: 'not', e };
      }
      return { t: 'not', e: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.toks[this.i++];
    if (!t) throw new ExpressionError(msg('expr.endsEarly', { what: embed(this.what) }));
    if (t.k === 'num') return { t: 'lit', value: t.v };
    if (t.k === 'str') return { t: 'lit', value: t.v };
    if (t.k === 'op' && t.v === '(') {
      const e = this.expr(0);
      this.expect(')');
      return e;
    }
    if (t.k === 'op' && t.v === '[') {
      const items: Expr[] = [];
      while (!this.isOp(']')) {
        items.push(this.expr(0));
        if (!this.isOp(']')) this.expect(',');
      }
      this.i++;
      return { t: 'list', items };
    }
    if (t.k === 'name') {
      if (t.v === 'true' || t.v === 'false') return { t: 'lit', value: t.v === 'true' };
      if (t.v === 'null') return { t: 'lit', value: null };
      if (this.dialect === 'feel' && t.v === 'if') {
        const c = this.expr(0);
        this.expect('then');
        const a = this.expr(0);
        this.expect('else');
        const b = this.expr(0);
        return { t: 'if', c, a, b };
      }
      // FEEL's `list contains(list, x)`: the two words are two name tokens.
      if (this.dialect === 'feel' && t.v === 'list' && this.isWord('contains')) {
        this.i++;
        this.expect('(');
        const list = this.expr(0);
        this.expect(',');
        const item = this.expr(0);
        this.expect(')');
        return { t: 'bin', op: 'in', l: item, r: list };
      }
      if (this.isOp('(')) throw new ExpressionError(msg('expr.fnNoCel', { what: embed(this.what), fn: String(t.v) }));
      return { t: 'field', path: t.v.split('.') };
    }
    throw new ExpressionError(msg('expr.unexpected', { what: embed(this.what), tok: this.show(t) }));
  }
}

/** The language of a BPMN condition, from its `language` attribute and its body. */
export type ConditionLanguage = 'cel' | 'feel' | 'juel';

/** The URI crmflow writes as the `language` of CEL conditions in plain BPMN. */
export const CEL_LANGUAGE = 'https://github.com/google/cel-spec';

/**
 * Translates a BPMN condition body to CEL. FEEL bodies start with `=` (Zeebe); JUEL bodies
 * are wrapped in `${…}` or `#{…}` (Camunda 7, Activiti, Flowable); a body with the CEL
 * language is returned as is.
 */
export function conditionToCel(body: string, language?: string): { cel: string; from: ConditionLanguage } {
  const text = body.trim();
  if (language && /cel/i.test(language)) return { cel: text, from: 'cel' };
  const juel = /^[$#]\{([\s\S]*)\}$/.exec(text);
  if (juel) {
    const what = msg('expr.condition', { text });
    return { cel: printCel(new Parser(tokenize(juel[1]!, what), 'juel', what).parseAll()), from: 'juel' };
  }
  // XPath is BPMN's default language and what Signavio and Bizagi declare; simple comparisons read the same.
  if (language && !/feel|xpath/i.test(language) && !text.startsWith('=')) {
    throw new ExpressionError(msg('expr.language', { text, language }));
  }
  const feel = text.startsWith('=') ? text.slice(1) : text;
  const what = msg('expr.condition', { text });
  return { cel: printCel(new Parser(tokenize(feel, what), 'feel', what).parseAll()), from: 'feel' };
}

/** Normal form of a CEL condition (for comparing two conditions written differently). */
export function normalizeCel(cel: string): string {
  return printCel(fromCel(parseCel(cel).ast as unknown as CelNode, cel));
}
