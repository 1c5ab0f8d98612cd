import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import { lintProject } from '../../src/lint/engine.js';
import { parseRuleFlag } from '../../src/lint/config.js';
import { normalizeName } from '../../src/lint/normalize.js';
import { ruleById, rules } from '../../src/lint/rules/index.js';
import { fixture, here } from './helpers.js';

const fx = (...p: string[]) => here(import.meta.url, 'fixtures', ...p);
const summary = (fs: { rule: string; line: number; severity: string }[]) => fs.map((f) => `${f.line} ${f.rule} ${f.severity}`);

describe('the rule index', () => {
  it('is sorted, one rule per id, each with complete meta', () => {
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(15);
    for (const r of rules) {
      expect(r.meta.description && r.meta.why && r.meta.fix && r.meta.examples.bad && r.meta.examples.good).toBeTruthy();
      if (r.meta.defaultOptions) expect(r.meta.options!.safeParse(r.meta.defaultOptions).success).toBe(true);
    }
  });
});

describe('kpi-unknown-step', () => {
  const project = () => fixture(fx('..', 'rules', 'fixtures', 'kpi-unknown-step', 'invalid'));
  it('appears once, at the configured level, and can be turned off', () => {
    expect(project().findings.filter((f) => f.rule === 'kpi-unknown-step')).toHaveLength(2); // from validation
    const once = lintProject(project()).findings.filter((f) => f.rule === 'kpi-unknown-step');
    expect(summary(once)).toEqual(['5 kpi-unknown-step error', '8 kpi-unknown-step error']);
    const warn = lintProject(project(), { overrides: [{ id: 'kpi-unknown-step', level: 'warn' }] }).findings;
    expect(summary(warn.filter((f) => f.rule === 'kpi-unknown-step'))).toEqual(['5 kpi-unknown-step warning', '8 kpi-unknown-step warning']);
    const off = lintProject(project(), { overrides: [{ id: 'kpi-unknown-step', level: 'off' }] }).findings;
    expect(off.filter((f) => f.rule === 'kpi-unknown-step')).toEqual([]);
  });
});

describe('validation findings', () => {
  it('stay errors when every rule is off', () => {
    const project = buildProject({
      root: '/p',
      files: [{ path: 'processes/a.yaml', bytes: 'crmflow: 1\nid: a\nlayer: operation\nsteps:\n  - id: s\n    type: start\n    next: nowhere\n' }],
    });
    const result = lintProject(project, { overrides: rules.map((r) => ({ id: r.id, level: 'off' as const })) });
    expect(summary(result.findings)).toEqual(['7 unknown-step error']);
  });

  it('report broken YAML as a yaml-syntax finding', () => {
    const project = buildProject({ root: '/p', files: [{ path: 'processes/a.yaml', bytes: 'crmflow: 1\nid: [a\n' }] });
    expect(lintProject(project).findings.map((f) => f.rule)).toContain('yaml-syntax');
  });
});

describe('a rule that throws', () => {
  afterEach(() => vi.restoreAllMocks());
  it('becomes a rule-error finding naming the rule, and the other rules still run', () => {
    vi.spyOn(ruleById.get('dead-end')!, 'check').mockImplementation(() => {
      throw new Error('boom');
    });
    const result = lintProject(fixture(fx('..', 'rules', 'fixtures', 'missing-owner.invalid.yaml')));
    const err = result.findings.find((f) => f.rule === 'rule-error')!;
    expect(err.message).toContain('rule "dead-end" failed: boom');
    expect(result.findings.some((f) => f.rule === 'missing-owner')).toBe(true);
  });
});

describe('configuration', () => {
  it('reports unknown rules and bad options in crmflow.yaml with positions', () => {
    const result = lintProject(fixture(fx('bad-config')));
    expect(result.configProblems.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual([
      'crmflow.yaml:4:5 lint-config',
      'crmflow.yaml:5:23 lint-config',
      'crmflow.yaml:6:28 lint-config',
    ]);
    expect(result.configProblems[0]!.message).toContain('did you mean "dead-end"?');
    expect(result.configProblems[1]!.message).toContain('layers');
    expect(result.configProblems[2]!.message).toContain('takes no options');
  });

  it('parses --rule and refuses unknown ids and levels', () => {
    expect(parseRuleFlag('dead-end=warn')).toEqual({ id: 'dead-end', level: 'warn' });
    expect(() => parseRuleFlag('dead-ends=warn')).toThrow(/no lint rule "dead-ends"; did you mean "dead-end"/);
    expect(() => parseRuleFlag('dead-end=fatal')).toThrow(/level "fatal" is not one of off, warn, error/);
    expect(() => parseRuleFlag('dead-end')).toThrow(/not <rule>=<level>/);
  });

  it('merges options with the defaults', () => {
    const project = fixture(fx('..', 'rules', 'fixtures', 'max-steps', 'invalid'));
    const msgs = lintProject(project).findings.filter((f) => f.rule === 'max-steps').map((f) => f.process);
    // operation: 3 from crmflow.yaml, strategy 8 and core 20 from the defaults
    expect(msgs).toEqual(['lead-to-cash', 'lifecycle', 'small-operation']);
  });
});

describe('inline suppression', () => {
  const result = lintProject(fixture(fx('suppress')));
  it('hides the named finding on the next line, or in the step below', () => {
    expect(summary(result.suppressed)).toEqual(['13 sla-without-breach-path warning', '20 unknown-step error']);
  });
  it('reports unused and malformed suppressions', () => {
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.rule}`)).toEqual([
      '21:3 unused-suppression',
      '24:3 invalid-suppression',
      '25:3 invalid-suppression',
      '26:3 invalid-suppression',
    ]);
    const [, typo, noReason, directive] = result.findings;
    expect(typo!.message).toContain('did you mean "dead-end"?');
    expect(noReason!.message).toContain('gives no reason');
    expect(directive!.message).toContain('"crmflow-disable-line" is not a crmflow directive');
  });
});

describe('name normalisation', () => {
  it.each([
    ['Customer confirms requirements', 'customer confirms requirements.'],
    ['Customer confirms requirements', 'ＣＵＳＴＯＭＥＲ  Confirms Requirements!'],
    ['客户确认需求', '客户 确认需求！'],
    ['客户确认需求', '客户，确认需求。'],
  ])('%s ≡ %s', (a, b) => expect(normalizeName(a)).toBe(normalizeName(b)));
  it('keeps different work apart', () => {
    expect(normalizeName('Send quote')).not.toBe(normalizeName('Send contract'));
  });
});
