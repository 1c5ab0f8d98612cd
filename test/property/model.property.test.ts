/**
 * Properties of the model: every generated project validates, and no byte mutation of the
 * example YAML makes `buildProject` throw (problems are findings, never exceptions).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import { projectArb } from './arbitrary.js';
import { mutationArb, applyMutations, ROOT } from './mutate.js';

describe('generated projects', () => {
  it('validate without errors', () => {
    fc.assert(
      fc.property(projectArb(), (g) => {
        const project = buildProject({ root: '/p', config: { path: 'crmflow.yaml', bytes: g.config }, files: g.files.map((f) => ({ path: f.path, bytes: f.text })) });
        const errors = project.findings.filter((f) => f.severity === 'error');
        expect(errors, JSON.stringify(errors.slice(0, 3))).toEqual([]);
        expect(project.processes.size).toBe(g.processes.length);
        for (const p of g.processes) expect(project.processes.get(p.id)?.steps.length).toBe(p.steps.length);
      }),
      { numRuns: 100 },
    );
  });
});

describe('byte mutations of the example', () => {
  const file = 'processes/operation/discount-approval.yaml';
  const original = readFileSync(join(ROOT, file));
  const config = readFileSync(join(ROOT, 'crmflow.yaml'));

  it('never throw from buildProject, and findings keep valid positions', () => {
    fc.assert(
      fc.property(mutationArb(original.length), (mutations) => {
        const bytes = applyMutations(original, mutations);
        const project = buildProject({ root: '/p', config: { path: 'crmflow.yaml', bytes: config }, files: [{ path: file, bytes }] });
        for (const f of project.findings) {
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.column).toBeGreaterThanOrEqual(1);
          expect(typeof f.message).toBe('string');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never throw when crmflow.yaml is mutated', () => {
    const p = readFileSync(join(ROOT, file));
    fc.assert(
      fc.property(mutationArb(config.length), (mutations) => {
        const bytes = applyMutations(config, mutations);
        const project = buildProject({ root: '/p', config: { path: 'crmflow.yaml', bytes }, files: [{ path: file, bytes: p }] });
        expect(Array.isArray(project.findings)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
