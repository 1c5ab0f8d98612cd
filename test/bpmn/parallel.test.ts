/**
 * An end step reached inside a parallel block is exported as a terminate end event, so a
 * branch that ends the case also ends the other branches instead of leaving them at the join.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadProject } from '../../src/model/load.js';
import { buildProject } from '../../src/model/project.js';
import { BpmnExportError, exportBpmn } from '../../src/bpmn/export.js';
import { importBpmn } from '../../src/bpmn/import.js';
import { bpmnlint, runInEngine } from './helpers.js';

const layout = { width: 0, height: 0, lanes: [], steps: [], edges: [] };

/** Ids of the end events, and of those among them with a terminate definition. */
function ends(xml: string): { all: string[]; terminate: string[] } {
  const all: string[] = [];
  const terminate: string[] = [];
  for (const m of xml.matchAll(/<bpmn:endEvent id="([^"]+)"[^>]*?(\/>|>([\s\S]*?)<\/bpmn:endEvent>)/g)) {
    all.push(m[1]!);
    if (m[3]?.includes('<bpmn:terminateEventDefinition')) terminate.push(m[1]!);
  }
  return { all, terminate };
}

// Legal and finance approve in parallel; each rejection ends the case. The measured SLA's own
// end event belongs to a non-interrupting timer and must stay a plain end.
const checks = `crmflow: 1
id: checks
layer: operation
owner: legal
steps:
  - { id: in, type: start, next: fork }
  - { id: fork, type: parallel, branches: [legal-ok, finance-ok], join: both }
  - id: legal-ok
    type: approval
    role: legal
    on: { rejected: { next: rejected, when: case.legal_no } }
    next: both
  - id: finance-ok
    type: approval
    role: finance
    sla: { within: 1d }
    on: { rejected: { next: refused, when: case.finance_no } }
    next: both
  - { id: both, type: join, next: approved }
  - { id: approved, type: end, outcome: approved }
  - { id: rejected, type: end, outcome: rejected }
  - { id: refused, type: end, outcome: rejected }
roles: { legal: { name: Legal }, finance: { name: Finance } }
`;

async function exportChecks(target: 'bpmn' | 'camunda8' = 'bpmn', camundaVersion?: string): Promise<string> {
  const project = buildProject({ root: '/p', files: [{ path: 'processes/checks.yaml', bytes: checks }] });
  expect(project.findings).toEqual([]);
  return (await exportBpmn(project, project.processes.get('checks')!, layout, { target, camundaVersion })).xml;
}

describe('ends inside a parallel block', () => {
  test('the simulate fixture: only the end reached from inside the block terminates', async () => {
    const project = await loadProject({ cwd: fileURLToPath(new URL('../simulate/fixtures/parallel-reject', import.meta.url)) });
    const { xml } = await exportBpmn(project, project.processes.get('p')!, layout);
    expect(ends(xml)).toEqual({ all: ['approved', 'rejected'], terminate: ['rejected'] });
  });

  test('every end a branch reaches terminates; the end after the join and the SLA end do not', async () => {
    const xml = await exportChecks();
    expect(ends(xml).all.sort()).toEqual(['approved', 'finance-ok_sla_end', 'refused', 'rejected']);
    expect(ends(xml).terminate.sort()).toEqual(['refused', 'rejected']);
    const problems = await bpmnlint(xml, ['bpmnlint:recommended']);
    expect(problems.filter((x) => x.category === 'error').map((x) => `${x.rule} ${x.id} ${x.message}`)).toEqual([]);
  });

  test('camunda8 passes camunda-compat 8.8; before 8.1 (no terminate end) it is an error', async () => {
    const problems = await bpmnlint(await exportChecks('camunda8'), ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-cloud-8-8']);
    expect(problems.filter((x) => x.category === 'error').map((x) => `${x.rule} ${x.id} ${x.message}`)).toEqual([]);
    const err = await exportChecks('camunda8', '8.0.0').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpmnExportError);
    expect((err as Error).message).toContain('--camunda-version 8.1.0');
  });

  test('import reads a terminate end back as a plain end step, with no note', async () => {
    const result = await importBpmn(await exportChecks(), { layer: 'operation' });
    const imported = result.processes[0]!;
    const steps = imported.data.steps as Array<{ id: string; type: string }>;
    expect(steps.filter((x) => x.type === 'end').map((x) => x.id).sort()).toEqual(['approved', 'refused', 'rejected']);
    expect(imported.notes.map((n) => n.message).filter((m) => /terminate/.test(m))).toEqual([]);
  });

  test('bpmn-engine completes the process when one branch rejects and the other reaches the join', async () => {
    const xml = await exportChecks();
    // Resolves only when the engine reports the process complete (a terminate end event
    // completes it without an activity end of its own).
    const legal = await runInEngine(xml, { legal_no: true, finance_no: false }, true);
    expect(legal.taken.at(-1)).toBe('rejected');
    expect(legal.taken).not.toContain('approved');
    const finance = await runInEngine(xml, { legal_no: false, finance_no: true }, true);
    expect(finance.taken.at(-1)).toBe('refused');
    expect(finance.taken).not.toContain('approved');
    const both = await runInEngine(xml, { legal_no: false, finance_no: false }, true);
    expect(both.ended).toEqual(['approved']);
  });

  test('with plain end events the rejected case goes on past the join as well', async () => {
    // The check that the test can fail: bpmn-engine lets the join fire for the branch that left
    // (engines without that shortcut wait at the join forever), so the case ends twice.
    const plain = (await exportChecks()).replace(/\s*<bpmn:terminateEventDefinition[^>]*\/>/g, '');
    expect(ends(plain).terminate).toEqual([]);
    const r = await runInEngine(plain, { legal_no: true, finance_no: false }, true);
    expect(r.ended).toEqual(['rejected', 'approved']);
  });
});
