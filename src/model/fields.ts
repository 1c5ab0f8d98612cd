/**
 * Case fields (`fields:` in crmflow.yaml): checks their definitions, and checks every CEL
 * expression and action template of a project against them. Types come from cel-js's own
 * checker, with the fields declared on `case`: integers are CEL `int`, numbers `double`, dates
 * `timestamp`. Enums are CEL strings; their values are checked here, since CEL has no enums of
 * strings. Unknown fields are found on the syntax tree, so every one is reported, not only the
 * first the checker meets.
 */
import { Environment, type ASTNode } from '@marcbachmann/cel-js';
import { checkCondition, fieldRef, fieldRefs, firstLine, isNode, literalOffset, lowerFirst, nodeSpan, parseCondition, walkCondition } from './cel.js';
import type { FieldInput } from './schema.js';
import { hint } from './suggest.js';
import type { Finding, PathSegment, Project, SourceFile } from './types.js';
import { embed, msg, part, say, type Part } from '../i18n/index.js';
import { Joined } from '../i18n/pieces.js';

export type FieldRule = 'unknown-field' | 'type-mismatch' | 'unknown-enum-value';

/** A problem in an expression or a template, at a character span of its text. */
export interface FieldProblem {
  rule: FieldRule;
  message: string;
  offset: number;
  length: number;
}

/** `{case.<field>}` or `{case["区域"]}` in an action template (spaces inside the braces allowed). */
const TEMPLATE_FIELD = /\{\s*case(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*"([^"\\]+)"\s*\])\s*\}/g;

/** The fields an action template reads, with the offset of each name in the text. */
export function templateFields(text: string): { name: string; offset: number }[] {
  return [...text.matchAll(TEMPLATE_FIELD)].map((m) => {
    const name = (m[1] ?? m[2])!;
    return { name, offset: m.index + m[0].indexOf(name, 1) };
  });
}

const CEL_TYPE: Record<Exclude<FieldInput['type'], 'list'>, string> = {
  string: 'string',
  enum: 'string',
  integer: 'int',
  number: 'double',
  boolean: 'bool',
  date: 'google.protobuf.Timestamp',
  datetime: 'google.protobuf.Timestamp',
};

/** The CEL type of a declared field. */
export function celType(field: FieldInput): string {
  return field.type === 'list' ? `list<${CEL_TYPE[field.items ?? 'string']}>` : CEL_TYPE[field.type];
}

/** Type names as a reader knows them (`timestamp`, not the protobuf name). */
function typeName(t: string): string {
  return t.replace(/google\.protobuf\.Timestamp/g, 'timestamp').replace(/google\.protobuf\.Duration/g, 'duration');
}

/** What the checker expects an expression to give. */
export type Want = 'bool' | 'number';

/** Checks expressions and templates against one `fields:` map. */
export class FieldChecker {
  private readonly envs = new Map<string, Environment | null>();

  constructor(private readonly fields: Readonly<Record<string, FieldInput>>) {}

  /** Checks a condition (`want: 'bool'`) or a tier field (`want: 'number'`); a syntax error gives nothing here. */
  condition(expression: string, want: Want = 'bool'): FieldProblem[] {
    const ast = parseCondition(expression);
    if (!ast) return [];
    const unknown = fieldRefs(expression, ast).filter((r) => !Object.hasOwn(this.fields, r.name));
    const problems = unknown.map((r) => this.unknownField(r.name, r.offset));
    problems.push(...this.enumValues(expression, ast));
    // Unknown fields are already reported: check the rest with them as dyn.
    const env = this.env([...new Set(unknown.map((r) => r.name))].sort());
    if (!env) return problems;
    // The sides of a top-level && or || are checked one by one, so each gets its own finding.
    for (const side of want === 'bool' ? conjuncts(ast) : [ast]) {
      const span = nodeSpan(expression, side);
      const text = expression.slice(span.start, span.end);
      const shift = (p: FieldProblem) => ({ ...p, offset: p.offset + span.start });
      const result = env.check(text);
      if (!result.valid) {
        problems.push(shift(typeProblem(text, result.error as Error & { node?: unknown }, env, this.fields)));
      } else if (result.type !== 'dyn' && (want === 'bool' ? result.type !== 'bool' : result.type !== 'int' && result.type !== 'double')) {
        const what = part(want === 'bool' ? 'types.boolWanted' : 'types.numberWanted');
        const example = result.type === 'int' || result.type === 'double' ? '> 0' : result.type === 'string' ? '== "…"' : '== …';
        const fix = want === 'bool' ? part('types.compareIt', { text, example }) : part('types.nameNumber');
        const type = typeName(result.type ?? '');
        problems.push(shift({ rule: 'type-mismatch', message: msg('types.gives', { expr: quote(text), a: article(type), type, what, fix }), offset: 0, length: text.length }));
      }
    }
    return problems;
  }

  /** Checks the `{case.<field>}` placeholders of an action template. */
  template(text: string): FieldProblem[] {
    return templateFields(text)
      .filter((f) => !Object.hasOwn(this.fields, f.name))
      .map((f) => this.unknownField(f.name, f.offset));
  }

  private unknownField(name: string, offset: number): FieldProblem {
    const known = Object.keys(this.fields);
    const h = hint(name, known);
    const list = known.length ? part('fields.declared', { names: `${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}` }) : '';
    return {
      rule: 'unknown-field',
      message: h ? msg('fields.unknown', { name, hint: embed(h) }) : msg('fields.unknownDeclare', { name, list }),
      offset,
      length: name.length,
    };
  }

  /** `case.region == "wset"` and `case.region in ["east", "wset"]` where region is an enum. */
  private enumValues(expression: string, ast: ASTNode): FieldProblem[] {
    const out: FieldProblem[] = [];
    const check = (fieldNode: ASTNode, literal: ASTNode) => {
      const ref = fieldRef(expression, fieldNode);
      const field = ref && Object.hasOwn(this.fields, ref.name) ? this.fields[ref.name] : undefined;
      if (field?.type !== 'enum' || !field.values || literal.op !== 'value' || typeof literal.args !== 'string') return;
      const value = literal.args;
      if (field.values.includes(value)) return;
      const sameLetters = field.values.find((v) => v.toLowerCase() === value.toLowerCase());
      const h = sameLetters ? part('fields.enumCase', { value: sameLetters }) : embed(hint(value, field.values)) || part('fields.enumAdd');
      out.push({
        rule: 'unknown-enum-value',
        message: msg('fields.enumValue', { value, field: ref!.name, values: field.values.join(', '), hint: h }),
        offset: literalOffset(expression, literal),
        length: Math.max(1, value.length),
      });
    };
    walkCondition(ast, (node) => {
      if (node.op === '==' || node.op === '!=') {
        const [a, b] = node.args as [ASTNode, ASTNode];
        check(a, b);
        check(b, a);
      } else if (node.op === 'in') {
        const [a, b] = node.args as [ASTNode, ASTNode];
        if (b.op === 'list') for (const item of b.args as ASTNode[]) check(a, item);
      }
    });
    return out;
  }

  /** The checking environment, with `extra` fields as dyn; null when cel-js refuses the declaration. */
  private env(extra: string[]): Environment | null {
    const key = extra.join(',');
    if (!this.envs.has(key)) {
      let env: Environment | null = null;
      try {
        const decl: Record<string, string> = {};
        for (const [name, f] of Object.entries(this.fields)) decl[name] = celType(f);
        for (const name of extra) decl[name] = 'dyn';
        // With a constructor cel-js declares the type without building a converter: this
        // environment only checks, conditions are evaluated over a plain map (cel.ts).
        // cel-js compares int with double by value at run time (CEL's numeric comparison), and
        // its checker allows <, >, <= and >= across them; == and != are allowed here to match.
        // Arithmetic stays strict: `case.amount + 20` fails at run time, so it is a finding.
        env = new Environment({ unlistedVariablesAreDyn: false })
          .registerType('CaseFields', { ctor: class CaseFields {}, fields: decl })
          .registerVariable('case', 'CaseFields')
          .registerOperator('double == int', (a: number, b: bigint) => a === Number(b));
      } catch {
        env = null;
      }
      this.envs.set(key, env);
    }
    return this.envs.get(key)!;
  }
}

/** The operands of a top-level chain of && or ||, or the expression itself. */
function conjuncts(ast: ASTNode): ASTNode[] {
  if (ast.op !== '&&' && ast.op !== '||') return [ast];
  const out: ASTNode[] = [];
  const stack: ASTNode[] = [ast];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.op === ast.op) stack.push(...[...(n.args as ASTNode[])].reverse());
    else out.push(n);
  }
  return out;
}

/** An expression in a message: in double quotes, or single ones when it holds double quotes. */
function quote(text: string): string {
  return text.includes('"') && !text.includes("'") ? `'${text}'` : `"${text}"`;
}

/** Turns a cel-js type error into a finding that names the operator, the types and a fix. */
function typeProblem(expression: string, error: Error & { node?: unknown }, env: Environment, fields: Readonly<Record<string, FieldInput>>): FieldProblem {
  const msg = firstLine(error.message);
  const node = isNode(error.node) ? error.node : undefined;
  const text = (n: ASTNode) => {
    const span = nodeSpan(expression, n);
    return expression.slice(span.start, span.end);
  };
  const typeOf = (n: ASTNode) => {
    const r = env.check(text(n));
    return r.valid ? (r.type ?? 'dyn') : 'dyn';
  };
  const about = (nodes: ASTNode[]) => {
    const parts = nodes.flatMap((n) => {
      const ref = fieldRef(expression, n);
      const f = ref && Object.hasOwn(fields, ref.name) ? fields[ref.name]! : undefined;
      return f ? [part('types.fieldIs', { expr: text(n), a: article(f.type), type: f.type, cel: typeName(celType(f)) })] : [];
    });
    return parts.length ? new Joined(parts, ' (', '; ', ')') : '';
  };
  const at = node ? { offset: nodeSpan(expression, node).start, length: Math.max(1, text(node).length) } : { offset: 0, length: expression.length };

  const binary = /^no such overload: (\S+) (\S+) (\S+)$/.exec(msg);
  if (binary && node && Array.isArray(node.args) && node.args.length === 2 && isNode(node.args[0]) && isNode(node.args[1])) {
    const [, lt, op, rt] = binary as unknown as [string, string, string, string];
    const [l, r] = node.args as [ASTNode, ASTNode];
    const opAt = expression.indexOf(op, l.end);
    const fixes = operandFixes(l, typeName(lt), r, typeName(rt), text);
    return {
      rule: 'type-mismatch',
      message: say(
        part('types.operator', {
          op,
          left: typeName(lt),
          right: typeName(rt),
          expr: quote(text(node)),
          about: about([l, r]),
          fix: fixes.length ? part('types.write', { fixes: fixes.reduce((a, b) => part('types.or', { a, b })) }) : part('types.convert'),
        }),
      ),
      ...(opAt >= 0 && opAt < r.start ? { offset: opAt, length: op.length } : at),
    };
  }
  if (node && node.op === '?:') {
    const [, a, b] = node.args as [ASTNode, ASTNode, ASTNode];
    const [ta, tb] = [typeOf(a), typeOf(b)];
    const intSide = ta === 'int' && tb === 'double' ? a : tb === 'int' && ta === 'double' ? b : undefined;
    return {
      rule: 'type-mismatch',
      message: say(part('types.ternary', { left: typeName(ta), right: typeName(tb), expr: quote(text(node)), about: about([a, b]), eg: intSide ? part('types.ternaryEg', { text: text(intSide) }) : '' })),
      ...at,
    };
  }
  if (node && (node.op === '&&' || node.op === '||')) {
    const bad = (node.args as ASTNode[]).find((n) => !['bool', 'dyn'].includes(typeOf(n)));
    const shown = bad ? text(bad) : text(node);
    return {
      rule: 'type-mismatch',
      message: say(
        bad
          ? part('types.logicA', { op: node.op, expr: quote(shown), type: typeName(typeOf(bad)), about: about([bad]), shown })
          : part('types.logicNot', { op: node.op, expr: quote(shown), shown }),
      ),
      ...(bad ? { offset: nodeSpan(expression, bad).start, length: Math.max(1, text(bad).length) } : at),
    };
  }
  return { rule: 'type-mismatch', message: say(part('types.other', { why: lowerFirst(typeName(msg)), expr: quote(node ? text(node) : expression) })), ...at };
}

/** Rewrites that make a binary operation type-check: `20.0`, `int(case.score)`, `true` for `"true"`. */
function operandFixes(l: ASTNode, lt: string, r: ASTNode, rt: string, text: (n: ASTNode) => string): (string | Part)[] {
  const sides: [ASTNode, string][] = [
    [l, lt],
    [r, rt],
  ];
  const intSide = sides.find(([, t]) => t === 'int')?.[0];
  const doubleSide = sides.find(([, t]) => t === 'double')?.[0];
  if (intSide && doubleSide) {
    const fixes: (string | Part)[] = [];
    const intText = text(intSide);
    fixes.push(intSide.op === 'value' && /^\d+$/.test(intText) ? part('types.instead', { fixed: `${intText}.0`, text: intText }) : `double(${intText})`);
    if (doubleSide.op === 'value' && Number.isInteger(doubleSide.args)) fixes.push(part('types.instead', { fixed: String(doubleSide.args), text: text(doubleSide) }));
    else if (doubleSide.op !== 'value') fixes.push(`int(${text(doubleSide)})`);
    return fixes;
  }
  // A quoted literal where the other side is no string: `case.vip == "true"`, `case.score > "50"`.
  for (const [n, t] of sides) {
    const other = n === l ? rt : lt;
    if (t !== 'string' || n.op !== 'value' || typeof n.args !== 'string') continue;
    const v = n.args.trim();
    if (other === 'bool' && (v === 'true' || v === 'false')) return [part('types.withoutQuotes', { value: v })];
    if ((other === 'int' || other === 'double') && v !== '' && Number.isFinite(Number(v))) return [part('types.withoutQuotes', { value: v })];
    if (other === 'timestamp') return [`timestamp("${v}")`];
  }
  return [];
}

function article(type: string): Part {
  return part(/^[aeiou]/.test(type) ? 'grammar.an' : 'grammar.a');
}

/**
 * The first problem of a condition set from outside the files (`simulate --set …when=…`):
 * its syntax, then, with `fields:`, its fields and types. Undefined when it is fine.
 */
export function conditionProblem(expression: string, fields: Readonly<Record<string, FieldInput>> | undefined, want: Want = 'bool'): string | undefined {
  const syntax = checkCondition(expression);
  if (syntax) return syntax.message;
  return fields ? new FieldChecker(fields).condition(expression, want)[0]?.message : undefined;
}

/** Definitions that the schema allows but that make no sense: an enum without values, min > max. */
export function checkFieldDefinitions(fields: Readonly<Record<string, FieldInput>> | undefined, source: SourceFile): Finding[] {
  const out: Finding[] = [];
  const add = (message: string, path: PathSegment[], part: 'key' | 'value' = 'value') =>
    out.push({ rule: 'schema', severity: 'error', message, file: source.path, ...source.locate(['fields', ...path], part) });
  for (const [name, f] of Object.entries(fields ?? {})) {
    const numeric = f.type === 'integer' || f.type === 'number';
    if (f.type === 'enum' && !f.values) add(msg('fieldDef.enumNoValues', { name }), [name, 'type']);
    if (f.type !== 'enum' && f.values) add(msg('fieldDef.valuesUnused', { name, a: article(f.type), type: f.type }), [name, 'values'], 'key');
    if (f.values) {
      const seen = new Set<string>();
      f.values.forEach((v, i) => {
        if (seen.has(v)) add(msg('fieldDef.valueTwice', { value: v, name }), [name, 'values', i]);
        seen.add(v);
      });
    }
    for (const end of ['min', 'max'] as const) {
      const v = f[end];
      if (v === undefined) continue;
      if (!numeric) add(msg('fieldDef.boundNotNumeric', { name, a: article(f.type), type: f.type, end }), [name, end], 'key');
      else if (f.type === 'integer' && !Number.isInteger(v)) add(msg('fieldDef.boundNotWhole', { end, value: v, name, fixed: end === 'min' ? Math.ceil(v) : Math.floor(v) }), [name, end]);
    }
    if (numeric && f.min !== undefined && f.max !== undefined && f.min > f.max) {
      add(msg('fieldDef.minAboveMax', { min: f.min, name, max: f.max }), [name, 'min']);
    }
    if (f.items !== undefined && f.type !== 'list') add(msg('fieldDef.itemsNotList', { name, a: article(f.type), type: f.type }), [name, 'items'], 'key');
  }
  return out;
}

/** Where an expression or template is, and what to say about it. */
interface Place {
  source: SourceFile;
  path: PathSegment[];
  process?: string;
  step?: string;
}

/**
 * Checks every condition, tier field, action template and scenario condition of a project
 * against `fields:`. Without `fields:` nothing is typed and one warning says how to declare them.
 */
export function checkCaseFields(project: Project): Finding[] {
  const declared = project.config.fields;
  const checker = declared ? new FieldChecker(declared) : undefined;
  const out: Finding[] = [];
  let usesFields = false;

  const report = (place: Place, text: string, problems: FieldProblem[]) => {
    for (const p of problems) {
      out.push({ rule: p.rule, severity: 'error', message: p.message, file: place.source.path, process: place.process, step: place.step, ...spanIn(place, text, p.offset, p.length) });
    }
  };
  const condition = (place: Place, expression: string, want: Want = 'bool') => {
    usesFields ||= fieldRefs(expression).length > 0;
    if (checker) report(place, expression, checker.condition(expression, want));
  };
  const template = (place: Place, text: string) => {
    usesFields ||= templateFields(text).length > 0;
    if (checker) report(place, text, checker.template(text));
  };

  for (const process of project.processes.values()) {
    for (const step of process.steps) {
      const at = (...field: PathSegment[]): Place => ({ source: process.source, path: ['steps', process.stepIndex.get(step.id)!, ...field], process: process.id, step: step.id });
      if (step.type === 'decision') {
        step.branches.forEach((b, i) => {
          if ('when' in b && b.when !== undefined) condition(at('branches', i, 'when'), b.when);
        });
      }
      if ('on' in step && step.on) {
        for (const [name, path] of Object.entries(step.on)) {
          if (typeof path !== 'string' && path.when !== undefined) condition(at('on', name, 'when'), path.when);
        }
      }
      if (step.type === 'approval' && step.tiers) condition(at('tiers', 'field'), step.tiers.field, 'number');
      step.actions?.forEach((a, i) => {
        if (a.template !== undefined) template(at('actions', i, 'template'), a.template);
      });
    }
  }

  // Scenarios may replace a condition: `steps.<process>/<step>.branches.0.when: "case.score > 80"`.
  if (project.configFile) {
    for (const [id, scenario] of Object.entries(project.config.scenarios ?? {})) {
      for (const [key, value] of Object.entries(scenario.set)) {
        if (typeof value !== 'string' || !key.startsWith('steps.')) continue;
        const place = { source: project.configFile, path: ['scenarios', id, 'set', key] };
        if (key.endsWith('.when')) condition(place, value);
        else if (key.endsWith('.tiers.field')) condition(place, value, 'number');
        else if (/\.actions\.\d+\.template$/.test(key)) template(place, value);
      }
    }
  }

  // Said once, in crmflow.yaml, where the fields go; a project of bare process files (an
  // import, a single file in a test) has nowhere to declare them.
  if (!declared && usesFields && project.configFile && !project.configBroken) {
    out.push({
      rule: 'undeclared-fields',
      severity: 'warning',
      message: msg('fields.undeclared'),
      file: project.configFile.path,
      ...project.configFile.locate(['crmflow'], 'key'),
    });
  }
  return out;
}

/** The span of a problem inside a YAML value, or the whole value when the text is not written as is. */
function spanIn(place: Place, text: string, offset: number, length: number): ReturnType<SourceFile['locate']> {
  const start = place.source.valueStart(place.path);
  // Columns inside the value only when the file holds the text unchanged (no escapes, one line).
  if (start && !text.includes('\n') && place.source.text.slice(start.offset, start.offset + text.length) === text) {
    return place.source.rangeOf(start.offset + offset, start.offset + offset + Math.max(1, length));
  }
  return place.source.locate(place.path);
}
