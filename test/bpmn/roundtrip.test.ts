import { describe, expect, test } from 'vitest';
import { outgoing } from '../../src/model/graph.js';
import { parseDuration } from '../../src/model/duration.js';
import { buildProject } from '../../src/model/project.js';
import type { Step } from '../../src/model/types.js';
import { importBpmn, toYaml } from '../../src/bpmn/import.js';
import { normalizeCel } from '../../src/bpmn/expression.js';
import { exampleProject, exportXml } from './helpers.js';

/** What must survive export → import: steps, edges with conditions and shares, roles, SLAs, waits, calls. */
function shape(steps: Step[]) {
  const mins = (d: unknown) => (typeof d === 'string' ? parseDuration(d) : undefined);
  return {
    steps: steps.map((s) => `${s.id} ${s.type}${s.type === 'task' ? ` ${s.kind ?? 'user'}` : ''}`).sort(),
    edges: steps
      .flatMap(outgoing)
      .map((e) => {
        // Probabilities travel too (in labels), so that simulate gives the same answer after a round trip.
        const cond = `${e.when ? ` when ${normalizeCel(e.when)}` : ''}${e.probability !== undefined ? ` p=${e.probability}` : ''}`;
        return `${e.from} -${e.kind}${e.kind === 'exception' ? `:${e.label}` : ''}-> ${e.to}${cond}`;
      })
      .sort(),
    roles: steps.map((s) => `${s.id} ${'role' in s ? (s.role ?? '-') : '-'}`).sort(),
    slas: steps
      .filter((s) => 'sla' in s && s.sla)
      .map((s) => {
        const sla = (s as Extract<Step, { type: 'task' }>).sla!;
        return `${s.id} ${parseDuration(sla.within)}m breach=${sla.breach ?? '-'} interrupting=${sla.breach ? sla.interrupting !== false : false}`;
      })
      .sort(),
    waits: steps.filter((s) => s.type === 'wait').map((s) => (s.type === 'wait' ? `${s.id} for=${mins(s.for)} message=${s.message} timeout=${mins(s.timeout)}` : '')).sort(),
    calls: steps.map((s) => (s.type === 'subprocess' ? `${s.id} ${s.process}` : '')).filter(Boolean),
    parallel: steps.map((s) => (s.type === 'parallel' ? `${s.id} join=${s.join}` : '')).filter(Boolean),
  };
}

describe('import(export(p)) has the same steps, edges, roles, SLAs, conditions and probabilities', async () => {
  const project = await exampleProject();
  for (const p of project.processes.values()) {
    for (const target of ['bpmn', 'camunda8'] as const) {
      test(`${p.id} (${target})`, async () => {
        const xml = await exportXml(project, p, target);
        const result = await importBpmn(xml, { layer: p.layer, knownProcesses: project.processes.keys() });
        expect(result.processes).toHaveLength(1);
        const imported = result.processes[0]!;
        expect(imported.id).toBe(p.id);
        expect(imported.notes.filter((n) => n.severity === 'warning')).toEqual([]);
        expect(imported.data.name).toBe(p.name);
        expect(shape(imported.data.steps as Step[])).toEqual(shape(p.steps));
        // And the imported file validates at once, beside the other processes.
        const others = project.files.filter((f) => f.path !== p.file).map((f) => ({ path: f.path, bytes: f.text }));
        const yaml = toYaml(imported, { schemaPath: '../../schemas/process.schema.json' });
        const built = buildProject({ root: '/p', files: [...others, { path: `imported/${p.id}.yaml`, bytes: yaml }] });
        expect(built.findings.filter((f) => f.file === `imported/${p.id}.yaml`)).toEqual([]);
      });
    }
  }
});
