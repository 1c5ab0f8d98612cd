/**
 * Approval modes and pools in the BPMN export (multi-instance user tasks, Zeebe loop
 * characteristics, a recycle timer) and back through import. Fixture: test/render/fixtures/approvals.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadProject } from '../../src/model/load.js';
import type { Project } from '../../src/model/types.js';
import { layoutProcess } from '../../src/render/layout.js';
import { exportBpmn } from '../../src/bpmn/export.js';
import { createModdle } from '../../src/bpmn/moddle.js';
import { bpmnlint, runInEngine } from './helpers.js';

const CAMUNDA = 'plugin:camunda-compat/camunda-cloud-8-8';
const DIR = fileURLToPath(new URL('../render/fixtures/approvals', import.meta.url));

let project: Project;
const xmlOf = async (id: string, target: 'bpmn' | 'camunda8') => {
  const p = project.processes.get(id)!;
  return exportBpmn(project, p, await layoutProcess(project, p), { target });
};

/** Each user task's multi-instance settings, read back with bpmn-moddle. */
async function loops(xml: string) {
  const { rootElement } = await (await createModdle()).fromXML(xml);
  const process = rootElement.rootElements.find((e: { $type: string }) => e.$type === 'bpmn:Process');
  const out = new Map<string, { sequential: boolean; cardinality?: string; input?: string; output?: string; completion?: string }>();
  for (const el of process.flowElements) {
    const l = el.loopCharacteristics;
    if (!l) continue;
    const z = l.extensionElements?.values?.find((v: { $type: string }) => v.$type === 'zeebe:LoopCharacteristics');
    out.set(el.id, { sequential: Boolean(l.isSequential), cardinality: l.loopCardinality?.body, input: z?.inputCollection, output: z?.outputCollection, completion: l.completionCondition?.body });
  }
  return out;
}

beforeAll(async () => {
  project = await loadProject({ cwd: DIR });
});

describe('approval modes → multi-instance user tasks', () => {
  for (const id of ['contract', 'hetong']) {
    test(`${id}: plain BPMN passes bpmnlint recommended and runs to an end in bpmn-engine`, async () => {
      const { xml } = await xmlOf(id, 'bpmn');
      expect(await bpmnlint(xml, ['bpmnlint:recommended'])).toEqual([]);
      const { ended } = await runInEngine(xml, {});
      expect(ended).toEqual(['signed']);
    });
    test(`${id}: --target camunda8 passes camunda-compat for Camunda 8.8`, async () => {
      const { xml } = await xmlOf(id, 'camunda8');
      expect(await bpmnlint(xml, ['bpmnlint:recommended', CAMUNDA])).toEqual([]);
    });
  }

  test('all and any are parallel, sequence sequential; Zeebe iterates the approvers and completes early as the mode says', async () => {
    const got = await loops((await xmlOf('contract', 'camunda8')).xml);
    expect(got.get('countersign')).toEqual({ sequential: false, input: '=["legal", "finance"]', output: 'decisions', completion: '=some d in decisions satisfies d = "rejected"', cardinality: undefined });
    expect(got.get('either')).toEqual({ sequential: false, input: '=["finance", "legal"]', output: 'decisions', completion: '=numberOfCompletedInstances >= 1', cardinality: undefined });
    expect(got.get('in-order')).toMatchObject({ sequential: true, input: '=["sales-manager", "sales-director"]' });
    expect(got.has('draft')).toBe(false);
    const plain = await loops((await xmlOf('contract', 'bpmn')).xml);
    expect(plain.get('countersign')).toMatchObject({ sequential: false, cardinality: '2' });
    const zh = await xmlOf('hetong', 'camunda8');
    expect((await loops(zh.xml)).get('chain')).toMatchObject({ sequential: true, input: '=sublist(supervisors, 1, 2)' });
    expect(zh.notes.join('\n')).toContain('"supervisors" list variable');
  });

  test('a pool is a user task its claimers can claim; recycle is an interrupting timer back to it', async () => {
    const { xml } = await xmlOf('hetong', 'camunda8');
    expect(xml).toMatch(/<bpmn:userTask id="lead-pool" name="公海池">[\s\S]*?candidateGroups="sales-rep"/);
    expect(xml).toMatch(/<bpmn:boundaryEvent id="draft_recycle" name="Recycle after 7d" attachedToRef="draft">[\s\S]*?<bpmn:timeDuration[^>]*>P7D</);
    expect(xml).toMatch(/<bpmn:sequenceFlow id="[^"]+" sourceRef="draft_recycle" targetRef="lead-pool(_merge)?"/);
  });
});

describe('import maps them back', () => {
  test('multi-instance user tasks become approvals in their mode; the recycle timer and its pool come back', async () => {
    const { importBpmn } = await import('../../src/bpmn/import.js');
    const contract = (await importBpmn((await xmlOf('contract', 'camunda8')).xml)).processes[0]!;
    const step = (id: string) => (contract.data.steps as Array<Record<string, unknown>>).find((s) => s.id === id)!;
    expect(step('countersign')).toMatchObject({ type: 'approval', mode: 'all', approvers: ['legal', 'finance'] });
    expect(step('either')).toMatchObject({ type: 'approval', mode: 'any', approvers: ['finance', 'legal'] });
    expect(step('in-order')).toMatchObject({ type: 'approval', mode: 'sequence', approvers: ['sales-manager', 'sales-director'] });
    for (const id of ['countersign', 'either', 'in-order']) expect(step(id).role).toBeUndefined();
    // Plain BPMN carries approvers and mode in crmflow attributes on the loop.
    const plain = (await importBpmn((await xmlOf('contract', 'bpmn')).xml)).processes[0]!;
    const modes = (plain.data.steps as Array<Record<string, unknown>>).filter((s) => s.mode).map((s) => `${s.id} ${s.mode} ${JSON.stringify(s.approvers)}`);
    expect(modes).toEqual(['countersign all ["legal","finance"]', 'either any ["finance","legal"]', 'in-order sequence ["sales-manager","sales-director"]']);
    const hetong = (await importBpmn((await xmlOf('hetong', 'camunda8')).xml)).processes[0]!;
    const hs = (id: string) => (hetong.data.steps as Array<Record<string, unknown>>).find((s) => s.id === id)!;
    expect(hs('chain')).toMatchObject({ type: 'approval', mode: 'sequence', approvers: { supervisor: 2 } });
    expect(hs('lead-pool')).toMatchObject({ type: 'pool', claimedBy: 'sales-rep', next: 'draft' });
    expect(hs('draft')).toMatchObject({ type: 'task', recycle: { after: '7d', to: 'lead-pool' } });
  });
});
