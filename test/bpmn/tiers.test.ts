/** Approval tiers in the Camunda 8 export: the candidate group is a FEEL expression, evaluated here by feelin. */
import { evaluate } from 'feelin';
import { describe, expect, test } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import { BpmnExportError, exportBpmn } from '../../src/bpmn/export.js';
import { createModdle } from '../../src/bpmn/moddle.js';
import { bpmnlint, exampleProject } from './helpers.js';

const layout = { width: 0, height: 0, lanes: [], steps: [], edges: [] };

/** The candidateGroups attribute of each user task, by task id (read back with bpmn-moddle). */
async function candidateGroups(xml: string): Promise<Map<string, string>> {
  const { rootElement } = await (await createModdle()).fromXML(xml);
  const process = rootElement.rootElements.find((e: { $type: string }) => e.$type === 'bpmn:Process');
  const out = new Map<string, string>();
  for (const el of process.flowElements) {
    const assignment = el.extensionElements?.values?.find((v: { $type: string }) => v.$type === 'zeebe:AssignmentDefinition');
    if (assignment) out.set(el.id, assignment.candidateGroups);
  }
  return out;
}

/** Evaluates a `=…` candidateGroups expression for one case with feelin (bpmn-io's FEEL interpreter). */
function groupsFor(expression: string, fields: Record<string, unknown>): unknown {
  expect(expression.startsWith('=')).toBe(true);
  return evaluate(expression.slice(1), fields).value;
}

const tiered = (tiers: string, role = '') => `crmflow: 1
id: p
layer: operation
roles: { sales-manager: { name: M }, sales-director: { name: D }, cfo: { name: C } }
steps:
  - { id: start, type: start, next: approve }
  - id: approve
    type: approval
    ${role}
    tiers: ${tiers}
    next: done
  - { id: done, type: end }
`;

async function exportOne(text: string, camundaVersion?: string) {
  const project = buildProject({ root: '/p', files: [{ path: 'processes/p.yaml', bytes: text }] });
  expect(project.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return exportBpmn(project, project.processes.get('p')!, layout, { target: 'camunda8', camundaVersion });
}

describe('approval tiers → a FEEL candidateGroups expression', () => {
  test('the example senior approval: CFO from CNY 200,000; a case without an amount goes to the step role', async () => {
    const project = await exampleProject();
    const p = project.processes.get('discount-approval')!;
    const { xml } = await exportBpmn(project, p, layout, { target: 'camunda8' });
    const groups = (await candidateGroups(xml)).get('senior-approval')!;
    // Hand-computed from discount-approval.yaml: below 200000 the director, else the CFO; no number: role sales-director.
    const expected: [Record<string, unknown>, string[]][] = [
      [{ amount: 0 }, ['sales-director']],
      [{ amount: 199999.99 }, ['sales-director']],
      [{ amount: 200000 }, ['cfo']],
      [{ amount: 5_000_000 }, ['cfo']],
      [{}, ['sales-director']],
      [{ amount: 'n/a' }, ['sales-director']],
    ];
    for (const [fields, want] of expected) expect(groupsFor(groups, fields), JSON.stringify(fields)).toEqual(want);
  });

  test('three tiers give the issue’s expression, one-element lists as Zeebe wants from an expression', async () => {
    const { xml, notes } = await exportOne(tiered('{ field: case.amount, levels: [{ below: 50000, role: sales-manager }, { below: 200000, role: sales-director }, { role: cfo }] }'));
    const groups = (await candidateGroups(xml)).get('approve')!;
    expect(groups).toBe('=if amount < 50000 then ["sales-manager"] else if amount < 200000 then ["sales-director"] else ["cfo"]');
    const cases: [number | undefined, string][] = [
      [-1, 'sales-manager'],
      [49_999.5, 'sales-manager'],
      [50_000, 'sales-director'],
      [199_999, 'sales-director'],
      [200_000, 'cfo'],
      [undefined, 'cfo'], // no role on the step: the last level, as in simulate
    ];
    for (const [amount, role] of cases) expect(groupsFor(groups, amount === undefined ? {} : { amount }), String(amount)).toEqual([role]);
    expect(notes.join('\n')).not.toContain('tiers');
  });

  test('bounded last level: amounts above every bound and non-numbers go to the step role', async () => {
    const { xml } = await exportOne(tiered('{ field: case.amount, levels: [{ below: 1e21, role: sales-manager }] }', 'role: cfo'));
    const groups = (await candidateGroups(xml)).get('approve')!;
    expect(groups).toBe('=if amount < 1000000000000000000000 then ["sales-manager"] else ["cfo"]');
    expect(groupsFor(groups, { amount: 5 })).toEqual(['sales-manager']);
    expect(groupsFor(groups, { amount: 2e21 })).toEqual(['cfo']);
    expect(groupsFor(groups, {})).toEqual(['cfo']);
  });

  test('one open level other than the step role: a number check keeps non-numbers on the role', async () => {
    const { xml } = await exportOne(tiered('{ field: case.amount, levels: [{ role: cfo }] }', 'role: sales-manager'));
    const groups = (await candidateGroups(xml)).get('approve')!;
    expect(groupsFor(groups, { amount: 7 })).toEqual(['cfo']);
    expect(groupsFor(groups, {})).toEqual(['sales-manager']);
    expect(groupsFor(groups, { amount: '7' })).toEqual(['sales-manager']);
  });

  test('a tier field that is not one case field is refused with the fix', async () => {
    const err = await exportOne(tiered('{ field: case.amount * 2, levels: [{ below: 10, role: sales-manager }, { role: cfo }] }')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpmnExportError);
    expect((err as Error).message).toBe('tier field "case.amount * 2" is not one case field; write it as case.<field>, e.g. case.amount (process "p", step "approve")');
  });

  test('plain BPMN says the tiers are not exported', async () => {
    const project = buildProject({ root: '/p', files: [{ path: 'processes/p.yaml', bytes: tiered('{ field: case.amount, levels: [{ below: 10, role: sales-manager }, { role: cfo }] }') }] });
    const { notes } = await exportBpmn(project, project.processes.get('p')!, layout);
    expect(notes).toContain('approval tiers not exported (plain BPMN has no assignment; --target camunda8 writes them as a FEEL expression): approve');
  });

  for (const [version, config] of [
    ['8.8.0', 'camunda-cloud-8-8'],
    ['8.2.0', 'camunda-cloud-8-2'],
  ] as const) {
    test(`camunda-compat ${version} accepts the expression; a broken one is an error it reports`, async () => {
      const { xml } = await exportOne(tiered('{ field: case.amount, levels: [{ below: 50000, role: sales-manager }, { below: 200000, role: sales-director }, { role: cfo }] }'), version);
      const errors = async (text: string) => (await bpmnlint(text, [`plugin:camunda-compat/${config}`])).filter((x) => x.category === 'error').map((x) => `${x.rule}: ${x.message}`);
      expect(await errors(xml)).toEqual([]);
      // The check can fail: the same file with the expression cut short.
      const cut = xml.replace('else [&#34;cfo&#34;]', 'else');
      expect(cut).not.toBe(xml);
      expect(await errors(cut)).toEqual(['camunda-compat/feel: Property <candidateGroups> is not a valid FEEL expression']);
    });
  }
});
