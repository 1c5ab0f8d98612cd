import { describe, expect, test } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import { exportBpmn, BpmnExportError } from '../../src/bpmn/export.js';
import { createModdle } from '../../src/bpmn/moddle.js';
import { bpmnlint, exampleProject, exportXml, runInEngine } from './helpers.js';

const CAMUNDA = 'plugin:camunda-compat/camunda-cloud-8-8';

describe('every example process exports to BPMN that tools accept', async () => {
  const project = await exampleProject();
  const processes = [...project.processes.values()];

  test('the example project has processes', () => {
    expect(processes.length).toBeGreaterThanOrEqual(5);
  });

  for (const p of processes) {
    test(`${p.id}: bpmn-moddle reads it back without warnings`, async () => {
      const moddle = await createModdle();
      for (const target of ['bpmn', 'camunda8'] as const) {
        const { warnings, rootElement } = await moddle.fromXML(await exportXml(project, p, target));
        expect(warnings.map((w) => w.message)).toEqual([]);
        const bp = rootElement.rootElements.find((e: { $type: string }) => e.$type === 'bpmn:Process');
        expect(bp.id).toBe(p.id);
        expect(bp.isExecutable).toBe(true);
      }
    });

    test(`${p.id}: bpmnlint recommended passes with no errors`, async () => {
      const problems = await bpmnlint(await exportXml(project, p, 'bpmn'), ['bpmnlint:recommended']);
      expect(problems.filter((x) => x.category === 'error').map((x) => `${x.rule} ${x.id} ${x.message}`)).toEqual([]);
    });

    test(`${p.id}: --target camunda8 passes camunda-compat for Camunda 8.8`, async () => {
      const problems = await bpmnlint(await exportXml(project, p, 'camunda8'), ['bpmnlint:recommended', CAMUNDA]);
      expect(problems.filter((x) => x.category === 'error').map((x) => `${x.rule} ${x.id} ${x.message}`)).toEqual([]);
    });

    test(`${p.id}: runs from start to an end event in bpmn-engine`, async () => {
      const { ended, taken } = await runInEngine(await exportXml(project, p, 'bpmn'), { discount_pct: 3, amount: 1000, score: 80 });
      expect(taken[0]).toBe(p.steps.find((s) => s.type === 'start')!.id);
      expect(ended.length).toBeGreaterThan(0);
      expect(p.stepById.get(ended[0]!)?.type).toBe('end');
    });
  }
});

describe('export details', () => {
  const file = (text: string) =>
    buildProject({ root: '/p', files: [{ path: 'processes/p.yaml', bytes: text }] });
  const layout = { width: 0, height: 0, lanes: [], steps: [], edges: [] };

  const approval = `crmflow: 1
id: p
layer: operation
steps:
  - { id: start, type: start, next: check }
  - id: check
    type: approval
    role: sales-manager
    sla: { within: 8h, breach: escalate }
    on: { rejected: no }
    next: route
  - { id: escalate, type: task, kind: service, role: system, next: route }
  - id: route
    type: decision
    branches:
      - { when: 'case.amount >= 1000 && case.region in ["cn", "hk"]', next: yes }
      - { else: no }
  - { id: yes, type: end }
  - { id: no, type: end }
roles: { sales-manager: { name: Sales manager } }
`;

  test('camunda8 writes Zeebe extensions, FEEL conditions and ISO durations', async () => {
    const project = file(approval);
    expect(project.findings).toEqual([]);
    const { xml } = await exportBpmn(project, project.processes.get('p')!, layout, { target: 'camunda8' });
    expect(xml).toContain('<zeebe:assignmentDefinition candidateGroups="sales-manager" />');
    expect(xml).toContain('<zeebe:taskDefinition type="crmflow-p-escalate" />');
    expect(xml).toContain('=amount &gt;= 1000 and list contains(["cn", "hk"], region)');
    expect(xml).toContain('=outcome = "rejected"');
    expect(xml).toMatch(/<bpmn:timeDuration[^>]*>PT8H<\/bpmn:timeDuration>/);
    expect(xml).toMatch(/<bpmn:boundaryEvent id="check_sla" name="SLA 8h" attachedToRef="check">/);
    expect(xml).toMatch(/<bpmn:exclusiveGateway id="route"[^>]* default="Flow_route_2">/);
  });

  test('plain BPMN keeps CEL with its language and no Zeebe elements', async () => {
    const project = file(approval);
    const { xml } = await exportBpmn(project, project.processes.get('p')!, layout);
    expect(xml).toContain('language="https://github.com/google/cel-spec"');
    expect(xml).not.toContain('zeebe:');
  });

  test('a condition FEEL cannot express is an error naming it', async () => {
    const project = file(approval.replace("'case.amount >= 1000 && case.region in [\"cn\", \"hk\"]'", "'size(case.items) > 2'"));
    expect(project.findings).toEqual([]);
    const err = await exportBpmn(project, project.processes.get('p')!, layout, { target: 'camunda8' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BpmnExportError);
    expect((err as Error).message).toContain('size(case.items) > 2');
    expect((err as Error).message).toContain('size()');
  });

  test('before Camunda 8.5 user tasks are job-worker based, and camunda-compat 8.0 passes', async () => {
    const project = await exampleProject();
    const p = project.processes.get('discount-approval')!;
    const { xml } = await exportBpmn(project, p, layout, { target: 'camunda8', camundaVersion: '8.0.0' });
    expect(xml).not.toContain('zeebe:userTask');
    expect(xml).toContain('modeler:executionPlatformVersion="8.0.0"');
    const problems = await bpmnlint(xml, ['plugin:camunda-compat/camunda-cloud-8-0']);
    expect(problems.filter((x) => x.category === 'error').map((x) => `${x.rule} ${x.id} ${x.message}`)).toEqual([]);
  });

  test('a measured SLA is a non-interrupting timer to its own end event', async () => {
    const project = file(approval.replace('sla: { within: 8h, breach: escalate }', 'sla: { within: 2d }'));
    const { xml } = await exportBpmn(project, project.processes.get('p')!, layout);
    expect(xml).toMatch(/<bpmn:boundaryEvent id="check_sla" name="SLA 2d" cancelActivity="false" attachedToRef="check">/);
    expect(xml).toContain('<bpmn:endEvent id="check_sla_end"');
    expect(xml).toContain('P2D');
  });
});
