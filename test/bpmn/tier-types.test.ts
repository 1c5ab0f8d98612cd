/**
 * Approval tiers against the declared type of the tier field. simulate picks the first level
 * whose `below` a number value is under, and the step's role (else the last level's) for
 * anything that is not a number. The Camunda 8 candidateGroups FEEL, evaluated by feelin on the
 * cases as Zeebe receives them (JSON, from a CSV read by the declared types as simulate reads
 * it), must give the role computed by hand from that rule; a tier field that is not a number
 * field is refused at export, as celToFeel refuses fields it cannot route on.
 */
import { evaluate } from 'feelin';
import { describe, expect, test } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import { parseCsvCases } from '../../src/simulate/data.js';
import { BpmnExportError, exportBpmn } from '../../src/bpmn/export.js';

const layout = { width: 0, height: 0, lanes: [], steps: [], edges: [] };

function project(type: string, levels: string, role = '') {
  const config = `crmflow: 1\nfields:\n  deal: { type: ${type} }\n`;
  const yaml = `crmflow: 1
id: p
layer: operation
roles: { manager: { name: M }, director: { name: D }, cfo: { name: C } }
steps:
  - { id: start, type: start, next: approve }
  - { id: approve, type: approval, ${role} tiers: { field: case.deal, levels: ${levels} }, next: done }
  - { id: done, type: end }
`;
  return buildProject({ root: '/p', config: { path: 'crmflow.yaml', bytes: config }, files: [{ path: 'processes/p.yaml', bytes: yaml }] });
}

async function groupsExpression(type: string, levels: string, role = ''): Promise<string> {
  const p = project(type, levels, role);
  expect(p.findings).toEqual([]);
  const { xml } = await exportBpmn(p, p.processes.get('p')!, layout, { target: 'camunda8' });
  const m = /candidateGroups="=([^"]*)"/.exec(xml);
  return m![1]!.replace(/&#60;/g, '<').replace(/&#34;/g, '"');
}

/** The CSV column read as simulate --data reads it, then sent to Zeebe as JSON. */
function zeebeValues(type: string, cells: string[]): unknown[] {
  const rows = parseCsvCases(`id,deal\n${cells.map((c, i) => `${i},${c}`).join('\n')}\n`, 'cases.csv', { fields: { deal: { type } as never } });
  return rows.map((r) => JSON.parse(JSON.stringify({ v: typeof r.deal === 'bigint' ? Number(r.deal) : r.deal })).v);
}

const LEVELS = '[{ below: 300000, role: manager }, { below: 1000000.5, role: director }, { role: cfo }]';

describe('tier levels by the type of the tier field', () => {
  // Hand-computed: below 300000 the manager, below 1000000.5 the director, else the CFO;
  // an empty cell (no value) is not a number, so the step's role (none: the last level, cfo).
  test.each([
    ['integer', ['0', '299999', '300000', '300001', '1000000', '1000001', '-5', ''], ['manager', 'manager', 'director', 'director', 'director', 'cfo', 'manager', 'cfo']],
    ['number', ['299999.99', '300000', '"300,000.00"', '300000.01', '1000000.5', '1000000.49', '"1,000,000.51"', ''], ['manager', 'director', 'director', 'director', 'cfo', 'director', 'cfo', 'cfo']],
  ])('%s field: FEEL gives the role simulate picks', async (type, cells, roles) => {
    const feel = await groupsExpression(type, LEVELS);
    const values = zeebeValues(type, cells);
    expect(values.map((v) => evaluate(feel, v === undefined || v === null ? {} : { deal: v }).value)).toEqual(roles.map((r) => [r]));
  });

  test('with a step role, a case without the field goes to it in both', async () => {
    const feel = await groupsExpression('number', '[{ below: 300000, role: manager }, { role: cfo }]', 'role: director,');
    expect(evaluate(feel, {}).value).toEqual(['director']);
    expect(evaluate(feel, { deal: 300000 }).value).toEqual(['cfo']);
    expect(evaluate(feel, { deal: 299999 }).value).toEqual(['manager']);
  });

  test.each(['string', 'enum, values: [small, large]', 'boolean', 'date', 'list'])('a %s tier field is refused with the reason and the fix', async (type) => {
    const p = project(type, LEVELS);
    // validate says so too (type-mismatch); export must not write an expression that never picks a level.
    expect(p.findings.map((f) => f.rule)).toEqual(['type-mismatch']);
    const err = await exportBpmn(p, p.processes.get('p')!, layout, { target: 'camunda8' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpmnExportError);
    expect((err as Error).message).toMatch(/^tier field "case\.deal" is an? \w+ field, so no case ever reaches a level and every approval goes to "cfo"; tiers compare numbers: name an integer or number field, e.g\. case\.amount \(process "p", step "approve"\)$/);
  });

  test('an undeclared tier field is exported as before (numbers are read from the data)', async () => {
    const p = buildProject({ root: '/p', files: [{ path: 'processes/p.yaml', bytes: `crmflow: 1
id: p
layer: operation
roles: { manager: { name: M }, cfo: { name: C } }
steps:
  - { id: start, type: start, next: approve }
  - { id: approve, type: approval, tiers: { field: case.deal, levels: [{ below: 10, role: manager }, { role: cfo }] }, next: done }
  - { id: done, type: end }
` }] });
    const { xml } = await exportBpmn(p, p.processes.get('p')!, layout, { target: 'camunda8' });
    expect(xml).toContain('candidateGroups="=if deal &#60; 10 then');
  });
});
