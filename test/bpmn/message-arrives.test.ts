/**
 * A message wait's `arrives` (when the message comes) is data for simulate only: no engine
 * waits by it. The export keeps it where engines ignore it — a `crmflow:arrives` attribute in
 * plain BPMN, a zeebe:property `crmflow:arrives` in Camunda 8 (Camunda Modeler lists it under
 * "Extension properties") — says so in a note, and import reads it back.
 */
import { describe, expect, test } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import { exportBpmn } from '../../src/bpmn/export.js';
import { importBpmn } from '../../src/bpmn/import.js';
import { createModdle, type El } from '../../src/bpmn/moddle.js';
import { bpmnlint } from './helpers.js';

const layout = { width: 0, height: 0, lanes: [], steps: [], edges: [] };

const yaml = `crmflow: 1
id: pay
layer: operation
roles: { finance: { name: Finance } }
steps:
  - { id: start, type: start, next: signed }
  - { id: signed, type: wait, message: contract-signed, arrives: 3d, next: payment }
  - id: payment
    type: wait
    message: payment-received
    arrives: { dist: lognormal, median: 18d, p90: 28d }
    timeout: 30d
    on: { timeout: { next: chase } }
    next: done
  - { id: chase, type: task, role: finance, next: done }
  - { id: done, type: end }
`;
// What the file says, by step: the reference both directions are checked against.
const ARRIVES = { signed: '3d', payment: { dist: 'lognormal', median: '18d', p90: '28d' } };

async function exported(target: 'bpmn' | 'camunda8', camundaVersion?: string) {
  const project = buildProject({ root: '/p', files: [{ path: 'processes/pay.yaml', bytes: yaml }] });
  expect(project.findings).toEqual([]);
  return exportBpmn(project, project.processes.get('pay')!, layout, { target, camundaVersion });
}

/** Each element's crmflow:arrives, read back with bpmn-moddle: the attribute or the zeebe:property. */
async function arrivesById(xml: string): Promise<Record<string, string>> {
  const { rootElement } = await (await createModdle()).fromXML(xml);
  const process = rootElement.rootElements.find((e: El) => e.$type === 'bpmn:Process');
  const out: Record<string, string> = {};
  for (const el of process.flowElements) {
    const attr = el.$attrs?.['crmflow:arrives'];
    const prop = (el.extensionElements?.values ?? []).filter((v: El) => v.$type === 'zeebe:Properties').flatMap((v: El) => v.properties).find((p: El) => p.name === 'crmflow:arrives');
    const value = attr ?? prop?.value;
    if (value !== undefined) out[el.id] = value;
  }
  return out;
}

const parsed = (v: string) => (v.startsWith('{') ? JSON.parse(v) : v);

describe('message arrival times in the export', () => {
  test.each(['bpmn', 'camunda8'] as const)('%s: kept on both waits, said in a note, lint clean, read back by import', async (target) => {
    const { xml, notes } = await exported(target);
    const found = await arrivesById(xml);
    expect(Object.fromEntries(Object.entries(found).map(([k, v]) => [k, parsed(v)]))).toEqual(ARRIVES);
    if (target === 'camunda8') expect(xml).toContain('<zeebe:property name="crmflow:arrives" value="3d" />');
    else expect(xml).toContain('crmflow:arrives="3d"');
    expect(notes).toContain('message arrival times (arrives) are simulation data: kept as crmflow:arrives on the message wait, which engines ignore: signed, payment');

    const configs = target === 'camunda8' ? ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-cloud-8-8'] : ['bpmnlint:recommended'];
    const problems = await bpmnlint(xml, configs);
    expect(problems.filter((p) => p.category === 'error').map((p) => `${p.rule} ${p.id} ${p.message}`)).toEqual([]);

    const imported = (await importBpmn(xml, { layer: 'operation' })).processes[0]!;
    const steps = imported.data.steps as Array<{ id: string; arrives?: unknown }>;
    expect(Object.fromEntries(steps.filter((s) => s.arrives !== undefined).map((s) => [s.id, s.arrives]))).toEqual(ARRIVES);
  });

  test('camunda-compat 8.2 accepts the extension property too', async () => {
    const { xml } = await exported('camunda8', '8.2.0');
    expect(xml).toContain('<zeebe:property name="crmflow:arrives"');
    const problems = await bpmnlint(xml, ['plugin:camunda-compat/camunda-cloud-8-2']);
    expect(problems.filter((p) => p.category === 'error').map((p) => `${p.rule} ${p.id} ${p.message}`)).toEqual([]);
  });
});
