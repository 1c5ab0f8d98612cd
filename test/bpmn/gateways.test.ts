/**
 * Parallel gateways as Zeebe runs them. A Zeebe join waits for a token on every incoming flow
 * (no dead-path elimination, unlike bpmn-engine), so the exported join must have exactly one
 * flow per branch of its fork, and a fork must never also be a join. The reference here is a
 * small token game written from Camunda 8's documented gateway semantics (below), run on the
 * Camunda 8 export with its FEEL conditions evaluated by feelin; bpmn-engine and bpmnlint with
 * camunda-compat check the same files.
 */
import { evaluate } from 'feelin';
import { describe, expect, test } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import { exportBpmn } from '../../src/bpmn/export.js';
import { createModdle, type El } from '../../src/bpmn/moddle.js';
import { bpmnlint, exampleProject, exportXml, runInEngine } from './helpers.js';

const layout = { width: 0, height: 0, lanes: [], steps: [], edges: [] };

/**
 * Zeebe's token game for the elements these processes use. Exclusive gateway: one token in,
 * the first outgoing flow whose condition is true (document order), else the default. Parallel
 * gateway: waits for a token on each incoming flow, then one token on each outgoing flow.
 * Anything else: one token in, one on each outgoing flow. Terminate end: the instance ends.
 * Returns the elements passed and whether the instance completed (no token left) or got stuck.
 */
async function zeebeRun(xml: string, variables: Record<string, unknown>): Promise<{ completed: boolean; passed: string[] }> {
  const moddle = await createModdle();
  const { rootElement } = await moddle.fromXML(xml);
  const process = rootElement.rootElements.find((e: El) => e.$type === 'bpmn:Process');
  const nodes: El[] = process.flowElements.filter((e: El) => e.$type !== 'bpmn:SequenceFlow' && e.$type !== 'bpmn:BoundaryEvent');
  // Flows by their sourceRef / targetRef (what Zeebe reads), not the nodes' incoming lists.
  const flows: El[] = process.flowElements.filter((e: El) => e.$type === 'bpmn:SequenceFlow');
  const into = (n: El) => flows.filter((f) => f.targetRef === n);
  const from = (n: El) => flows.filter((f) => f.sourceRef === n);
  const tokens = new Map<string, number>(); // per sequence flow id
  const put = (f: El) => tokens.set(f.id, (tokens.get(f.id) ?? 0) + 1);
  const has = (f: El) => (tokens.get(f.id) ?? 0) > 0;
  const take = (f: El) => tokens.set(f.id, tokens.get(f.id)! - 1);
  const passed: string[] = [];
  for (const s of nodes.filter((n) => n.$type === 'bpmn:StartEvent')) {
    passed.push(s.id);
    from(s).forEach(put);
  }
  for (let guard = 0; guard < 1000; guard++) {
    const ready = nodes.find((n) => {
      const ins = into(n);
      return n.$type === 'bpmn:ParallelGateway' ? ins.length > 0 && ins.every(has) : ins.some(has);
    });
    if (!ready) break;
    passed.push(ready.id);
    const ins = into(ready);
    const outs = from(ready);
    if (ready.$type === 'bpmn:ParallelGateway') {
      ins.forEach(take);
      outs.forEach(put);
      continue;
    }
    take(ins.find(has));
    if (ready.$type === 'bpmn:ExclusiveGateway' && outs.length > 1) {
      const chosen = outs.find((f) => f !== ready.default && f.conditionExpression && evaluate(f.conditionExpression.body.slice(1), variables).value === true) ?? ready.default;
      if (!chosen) throw new Error(`no flow taken at ${ready.id}`);
      put(chosen);
    } else outs.forEach(put);
    if (ready.eventDefinitions?.some((d: El) => d.$type === 'bpmn:TerminateEventDefinition')) return { completed: true, passed };
  }
  return { completed: [...tokens.values()].every((n) => n === 0), passed };
}

/** Gateways with several flows in and several out (a join and a split in one). */
function mixedGateways(xml: string): string[] {
  const ids = [...xml.matchAll(/<bpmn:(?:parallel|exclusive)Gateway id="([^"]+)"/g)].map((m) => m[1]!);
  const count = (attr: string, id: string) => [...xml.matchAll(new RegExp(`<bpmn:sequenceFlow [^>]*${attr}="${id}"`, 'g'))].length;
  return ids.filter((id) => count('sourceRef', id) > 1 && count('targetRef', id) > 1);
}

async function exportSteps(steps: string, target: 'bpmn' | 'camunda8'): Promise<string> {
  const yaml = `crmflow: 1\nid: p\nlayer: operation\nowner: r\nroles: { r: { name: R } }\nsteps:${steps}\n`;
  const project = buildProject({ root: '/p', files: [{ path: 'processes/p.yaml', bytes: yaml }] });
  expect(project.findings).toEqual([]);
  return (await exportBpmn(project, project.processes.get('p')!, layout, { target })).xml;
}

// Each: the steps, and for x true / false the tasks a case passes (hand-traced through the YAML).
const CASES: Record<string, { steps: string; tasks: { true: string[]; false: string[] } }> = {
  'a branch whose choice reaches the join by two paths': {
    steps: `
  - { id: in, type: start, next: fork }
  - { id: fork, type: parallel, branches: [check, b], join: both }
  - { id: check, type: decision, branches: [{ when: case.x, next: both }, { else: c }] }
  - { id: c, type: task, role: r, next: both }
  - { id: b, type: task, role: r, next: both }
  - { id: both, type: join, next: out }
  - { id: out, type: end }`,
    tasks: { true: ['b'], false: ['b', 'c'] },
  },
  'a one-branch fork reached from two places': {
    steps: `
  - { id: in, type: start, next: dec }
  - { id: dec, type: decision, branches: [{ when: case.x, next: a }, { else: fork }] }
  - { id: a, type: task, role: r, next: fork }
  - { id: fork, type: parallel, branches: [c], join: both }
  - { id: c, type: task, role: r, next: both }
  - { id: both, type: join, next: out }
  - { id: out, type: end }`,
    tasks: { true: ['a', 'c'], false: ['c'] },
  },
  'a join followed directly by a fork': {
    steps: `
  - { id: in, type: start, next: f1 }
  - { id: f1, type: parallel, branches: [a, b], join: j1 }
  - { id: a, type: task, role: r, next: j1 }
  - { id: b, type: task, role: r, on: { rejected: { next: j1, when: case.x } }, next: j1 }
  - { id: j1, type: join, next: f2 }
  - { id: f2, type: parallel, branches: [c, d], join: j2 }
  - { id: c, type: task, role: r, next: j2 }
  - { id: d, type: task, role: r, next: j2 }
  - { id: j2, type: join, next: out }
  - { id: out, type: end }`,
    tasks: { true: ['a', 'b', 'c', 'd'], false: ['a', 'b', 'c', 'd'] },
  },
};

describe('parallel gateways keep join semantics in Zeebe', () => {
  test.each(Object.entries(CASES))('%s', async (_name, { steps, tasks }) => {
    const zeebe = await exportSteps(steps, 'camunda8');
    const plain = await exportSteps(steps, 'bpmn');
    expect(mixedGateways(zeebe)).toEqual([]);
    for (const x of [true, false]) {
      const run = await zeebeRun(zeebe, { x });
      expect(run.completed, `x = ${x}: stuck after ${run.passed.join(' → ')}`).toBe(true);
      expect(run.passed.filter((id) => /^[a-d]$/.test(id)).sort()).toEqual(tasks[`${x}`]);
      expect(run.passed).toContain('out');
      const engine = await runInEngine(plain, { x }, true);
      expect(engine.ended).toEqual(['out']);
    }
    const problems = await bpmnlint(zeebe, ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-cloud-8-8']);
    expect(problems.filter((p) => p.category === 'error').map((p) => `${p.rule} ${p.id} ${p.message}`)).toEqual([]);
  }, 30_000);

  test('the reference can fail: a join with a flow too many waits forever', async () => {
    const zeebe = await exportSteps(CASES['a branch whose choice reaches the join by two paths']!.steps, 'camunda8');
    // Route the branch merge's incoming flows straight to the join, as the export wrote them before.
    const broken = zeebe.replace(/targetRef="both_merge_1"/g, 'targetRef="both"').replace(/<bpmn:sequenceFlow id="Flow_both_merge_1_1"[^>]*\/>/, '');
    expect(broken).not.toBe(zeebe);
    expect((await zeebeRun(broken, { x: true })).completed).toBe(false);
  });

  test('no gateway of the example project both joins and splits', async () => {
    const project = await exampleProject();
    for (const p of project.processes.values()) expect(mixedGateways(await exportXml(project, p, 'camunda8')), p.id).toEqual([]);
  }, 60_000);
});
