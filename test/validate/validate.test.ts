/**
 * One fixture project per validation error id: `fixtures/<id>/` holds the files and
 * `expected.txt` the findings as `file:line:column rule`, one per line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/model/load.js';
import { buildProject } from '../../src/model/project.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

describe('validate fixtures', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    it(name, async () => {
      const dir = join(FIXTURES, name);
      const expected = readFileSync(join(dir, 'expected.txt'), 'utf8').trim().split('\n');
      const project = await loadProject({ cwd: dir });
      const got = project.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`);
      expect(got).toEqual(expected);
      for (const f of project.findings) {
        // Messages are lowercase and say something concrete.
        expect(f.message[0]).toBe(f.message[0]!.toLowerCase());
        expect(f.message.length).toBeGreaterThan(20);
      }
    });
  }
});

describe('messages', () => {
  it('suggests the closest step id', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'unknown-step') });
    expect(p.findings[0]!.message).toBe('step "draft" goes to "sned", which does not exist; did you mean "send"?');
    expect(p.findings[0]).toMatchObject({ process: 'quote', step: 'draft', endColumn: 15 });
  });
  it('suggests the known field for an unknown key', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'schema-step') });
    expect(p.findings.map((f) => f.message)).toEqual([
      'unknown field "duraton" in step "draft"; did you mean "duration"?',
      'within "8 hours" is not a duration; write a number and a unit m, h, d or w (e.g. "2h", "1.5d"), a range "1h..4h", or { dist: … }',
      'step type "ned" is not one of start, end, task, approval, decision, parallel, join, wait, subprocess, pool; did you mean "end"?',
    ]);
  });
  it('names the allowed layers', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'schema') });
    expect(p.findings[0]!.message).toBe('layer "operations" is not one of strategy, core, operation; did you mean "operation"?');
    expect(p.processes.size).toBe(0);
  });
  it('marks a broken crmflow.yaml as could-not-run', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'unknown-calendar') });
    expect(p.configBroken).toBe(true);
    const k = await loadProject({ cwd: join(FIXTURES, 'kpi-unknown-step') });
    expect(k.configBroken).toBe(false);
  });
  it('names the declared field an unknown one was meant to be', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'unknown-field') });
    expect(p.findings.map((f) => f.message)).toEqual([
      'field "scroe" is not declared under fields: in crmflow.yaml; did you mean "score"?',
      'field "amout" is not declared under fields: in crmflow.yaml; did you mean "amount"?',
      'field "amout" is not declared under fields: in crmflow.yaml; did you mean "amount"?',
      'field "scor" is not declared under fields: in crmflow.yaml; did you mean "score"?',
    ]);
    expect(p.findings.every((f) => f.severity === 'error')).toBe(true);
    expect(p.findings[1]).toMatchObject({ process: 'route', step: 'start', endColumn: 54 });
  });
  it('quotes the operator and the types of a type mismatch, and the fix', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'type-mismatch') });
    expect(p.findings[0]!.message).toBe(
      'operator "+" is not defined for double and int in "case.score + 20" (case.score is a number field, CEL double); write 20.0 instead of 20, or int(case.score)',
    );
    expect(p.findings[1]!.message).toContain('bool and string');
    expect(p.findings[1]!.message).toContain('write true without quotes');
    expect(p.findings[2]!.message).toContain('write timestamp("2026-01-01")');
  });
  it('lists the values of an enum', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'unknown-enum-value') });
    expect(p.findings[0]!.message).toBe('"wset" is not a value of the enum field region (east, north, south, west); did you mean "west"?');
    expect(p.findings[2]!.message).toContain('did you mean "east"? values are case-sensitive');
  });
  it('warns once per project without fields:, and type-checks nothing', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'undeclared-fields') });
    expect(p.findings).toHaveLength(1);
    expect(p.findings[0]).toMatchObject({ severity: 'warning', rule: 'undeclared-fields' });
    expect(p.findings[0]!.message).toContain('crmflow fields --infer');
  });
  it('marks a bad fields: definition as a broken crmflow.yaml', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'schema-fields') });
    expect(p.configBroken).toBe(true);
    expect(p.findings[0]!.message).toBe('enum field "region" has no values; list them, e.g. values: [east, north, south, west]');
    expect(p.findings[2]!.message).toBe('min 100 of field "score" is more than its max 0, so no value fits; swap them');
  });
  it('says what is impossible about a duration and how to fix it', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'invalid-duration') });
    const byLine = new Map(p.findings.map((f) => [f.line, f.message]));
    expect(byLine.get(24)).toBe('duration "4h..1h" runs backwards: the range starts above its end; write the shorter duration first, "1h..4h"');
    expect(byLine.get(19)).toContain('an SLA within "0m" is breached the moment the step starts');
    expect(byLine.get(18)).toContain('p90 1h is below the median 4h');
    expect(p.findings.every((f) => f.step !== undefined && f.process === 'quote')).toBe(true);
  });
  it('accepts a night shift and refuses a day that is not in the calendar', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'schema-calendar') });
    expect(p.findings.map((f) => f.message)).toEqual([
      'holiday "2026-02-30" is not a date: February 2026 has 28 days',
      'holiday "2026-10-07..2026-10-01" ends before it starts; write the earlier day first',
    ]);
  });
  it('reports a reference cycle once', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'ref-cycle') });
    expect(p.findings).toHaveLength(1);
    expect(p.findings[0]!.message).toContain('(a → b → a)');
  });
  it('reports the root of a YAML error once and counts what followed from it', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'cascade-yaml') });
    expect(p.findings).toHaveLength(1);
    expect(p.findings[0]!.message).toMatch(/end with a \}.*; fix this first \(\d+ later YAML errors in this file, not shown, usually follow from it\)$/);
    // Calls, refines and KPIs naming the unreadable process are not reported as unknown.
    expect(p.unreadable).toEqual(new Set(['discount-approval']));
  });
  it('keeps the roles and calendars of a crmflow.yaml with one bad entry', async () => {
    const p = await loadProject({ cwd: join(FIXTURES, 'cascade-calendar') });
    expect(p.configBroken).toBe(true);
    expect([...p.roles.keys()]).toEqual(['customer', 'system', 'sales-rep', 'sales-manager']);
  });
  const approval = (on: string, when = 'case.amount > 1') => `crmflow: 1
id: quote
layer: operation
steps:
  - id: start
    type: start
    next: check
  - id: check
    type: decision
    branches:
      - { when: ${JSON.stringify(when)}, next: approve }
      - else: done
  - id: approve
    type: approval
    role: system
    on:
      ${on}: { next: done, probability: 0.1 }
    next: done
  - id: done
    type: end
`;
  const build = (text: string) => buildProject({ root: '/p', files: [{ path: 'processes/quote.yaml', bytes: text }] }).findings;
  it('says what an exception name under on: must be, at the key', () => {
    const [zh, ...rest] = build(approval('驳回'));
    expect(rest).toEqual([]);
    expect(zh).toMatchObject({ rule: 'schema', line: 17, column: 7, endColumn: 9 });
    expect(zh!.message).toBe('exception name "驳回" in "on" is not an id; use rejected, timeout, error, cancelled or your own in lowercase letters, digits and hyphens');
    expect(build(approval('Rejected'))[0]!.message).toContain('e.g. "rejected"');
  });
  it('suggests case["区域"] for a field name CEL cannot read with a dot', () => {
    const [f, ...rest] = build(approval('rejected', 'case.amount > 1 && case.区域 == "华东"'));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'cel-syntax', line: 11, column: 42 }); // the 区 after 18 + 24 characters
    expect(f!.message).toBe('field name "区域" is not a CEL identifier (ASCII letters, digits and _ only), so case.区域 cannot read it; write case["区域"]');
    expect(build(approval('rejected', 'case.amount > 1 && case["区域"] == "华东"'))).toEqual([]);
  });
});
