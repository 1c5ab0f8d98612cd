/**
 * Issue 13: an exclusive gateway with many unconditioned flows must import as a decision whose
 * shares sum to exactly 1 as validate adds them (12 × 0.08 = 0.96 used to fail probability-sum).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import type { Step } from '../../src/model/types.js';
import { importBpmn, toYaml, type ImportResult } from '../../src/bpmn/import.js';

function errors(result: ImportResult) {
  const files = result.processes.map((p) => ({ path: `processes/${p.id}.yaml`, bytes: toYaml(p, { schemaPath: '../schemas/process.schema.json' }) }));
  return buildProject({ root: '/p', files }).findings.filter((f) => f.severity === 'error');
}

function branchesOf(result: ImportResult, index = 0): Record<string, unknown>[] {
  const steps = result.processes[index]!.data.steps as Step[];
  return (steps.find((s) => s.type === 'decision') as Extract<Step, { type: 'decision' }>).branches as Record<string, unknown>[];
}

/** Adds the shares in branch order, as validate does. */
const sum = (branches: Record<string, unknown>[]) => branches.reduce((a, b) => a + (typeof b.probability === 'number' ? b.probability : 0), 0);

/** A gateway with `n` unconditioned flows, the last one the default flow when `withDefault`. */
function split(n: number, withDefault = false): string {
  const flows: string[] = [];
  for (let i = 1; i <= n; i++) {
    flows.push(`<bpmn:sequenceFlow id="g${i}" sourceRef="gw" targetRef="t${i}" /><bpmn:task id="t${i}" name="Team ${i}" /><bpmn:sequenceFlow id="e${i}" sourceRef="t${i}" targetRef="end" />`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Route" name="Route" isExecutable="false">
    <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="gw" />
    <bpmn:exclusiveGateway id="gw" name="Which team?"${withDefault ? ` default="g${n}"` : ''} />
    ${flows.join('\n    ')}
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

describe('fixtures/many-way-split.bpmn: 12, 7 and 3 flows without conditions', async () => {
  const r = await importBpmn(readFileSync(new URL('./fixtures/many-way-split.bpmn', import.meta.url), 'utf8'));

  test('the imported processes validate with no errors', () => {
    expect(r.processes.map((p) => p.id)).toEqual(['route-12-ways', 'route-7-ways', 'route-3-ways']);
    expect(errors(r)).toEqual([]);
  });

  test('whole-percent shares, rounded down, with the rest on the last branch', () => {
    // By hand: 100/12 → 8 each, 11 × 8 = 88, last 12; 100/7 → 14, last 16; 100/3 → 33, last 34.
    expect(branchesOf(r, 0).map((b) => b.probability)).toEqual([...Array(11).fill(0.08), 0.12]);
    expect(branchesOf(r, 1).map((b) => b.probability)).toEqual([...Array(6).fill(0.14), 0.16]);
    expect(branchesOf(r, 2).map((b) => b.probability)).toEqual([0.33, 0.33, 0.34]);
  });
});

describe('any number of branches', () => {
  test('without a default flow, n = 2..20 shares sum to exactly 1 as validate adds them', async () => {
    for (let n = 2; n <= 20; n++) {
      const r = await importBpmn(split(n));
      const branches = branchesOf(r);
      expect(branches, `n = ${n}`).toHaveLength(n);
      expect(Math.abs(sum(branches) - 1), `n = ${n}`).toBeLessThanOrEqual(1e-6);
      expect(errors(r), `n = ${n}`).toEqual([]);
    }
  });

  test('with a default flow, n = 2..30 shares never exceed 1 and the else takes the rest', async () => {
    // Rounding to the nearest percent gave 21 × 0.05 = 1.05 beside an else at n = 22.
    for (let n = 2; n <= 30; n++) {
      const r = await importBpmn(split(n, true));
      const branches = branchesOf(r);
      expect(branches[branches.length - 1], `n = ${n}`).toEqual({ else: `t${n}` });
      expect(sum(branches), `n = ${n}`).toBeLessThanOrEqual(1);
      expect(errors(r), `n = ${n}`).toEqual([]);
    }
  });
});
