/**
 * Properties of every command's engine on arbitrary valid projects (generated from random
 * graphs): lint never has a rule crash, render draws well-formed SVG with no overlapping
 * steps, simulate terminates, and BPMN import(export(p)) gives back p's steps, edges,
 * roles and SLAs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportBpmn, importBpmn } from '../../src/bpmn/index.js';
import { lintProject } from '../../src/lint/engine.js';
import { buildProject } from '../../src/model/project.js';
import type { Project } from '../../src/model/types.js';
import { layoutProcess, renderSvg } from '../../src/render/index.js';
import { simulate } from '../../src/simulate/index.js';
import { liveMarkup } from '../hostile/run.js';
import { edgeSet, projectArb, type GeneratedProcess, type GeneratedProject } from './arbitrary.js';

function load(g: GeneratedProject): Project {
  return buildProject({ root: '/p', config: { path: 'crmflow.yaml', bytes: g.config }, files: g.files.map((f) => ({ path: f.path, bytes: f.text })) });
}

/** Well-formed XML, checked by hand: every tag closes in order, attributes are quoted, no raw `<` or `&` in text. */
export function wellFormed(xml: string): string | undefined {
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>/g;
  let last = 0;
  for (const m of xml.matchAll(re)) {
    const text = xml.slice(last, m.index);
    if (/[<>]/.test(text.replace(/>/g, ''))) return `stray "<" before offset ${m.index}: ${text.slice(0, 60)}`;
    if (/&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)/.test(text)) return `bare "&" in text: ${text.slice(0, 60)}`;
    last = m.index + m[0].length;
    if (!m[2]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return `</${m[2]}> closes the wrong element at offset ${m.index}`;
    } else if (!m[4]) stack.push(m[2]);
  }
  if (/</.test(xml.slice(last))) return 'stray "<" at the end';
  if (stack.length) return `unclosed <${stack.at(-1)}>`;
  return undefined;
}

describe('lint on generated projects', () => {
  it('never reports a rule-error (no rule crashes)', () => {
    fc.assert(
      fc.property(projectArb(), (g) => {
        const r = lintProject(load(g));
        expect(r.findings.filter((f) => f.rule === 'rule-error')).toEqual([]);
        for (const f of r.findings) expect(f.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  });
});

describe('render on generated projects', () => {
  it('gives well-formed SVG, inert text and no two steps on top of each other', async () => {
    await fc.assert(
      fc.asyncProperty(projectArb(10), async (g) => {
        const project = load(g);
        for (const p of project.processes.values()) {
          const layout = await layoutProcess(project, p);
          expect(layout.steps.length).toBe(p.steps.length);
          for (let i = 0; i < layout.steps.length; i++) {
            for (let j = i + 1; j < layout.steps.length; j++) {
              const a = layout.steps[i]!;
              const b = layout.steps[j]!;
              const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
              const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
              expect(overlapX > 0.5 && overlapY > 0.5, `steps ${a.id} and ${b.id} overlap`).toBe(false);
            }
          }
          const svg = await renderSvg(project, p);
          expect(svg.trimStart().startsWith('<svg') || svg.trimStart().startsWith('<?xml')).toBe(true);
          expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
          expect(wellFormed(svg)).toBeUndefined();
          expect(liveMarkup(svg, 'svg')).toEqual([]);
        }
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});

describe('simulate on generated projects', () => {
  it('terminates with every case accounted for', async () => {
    await fc.assert(
      fc.asyncProperty(projectArb(10), fc.integer({ min: 1, max: 1000 }), async (g, seed) => {
        const project = load(g);
        const id = g.processes[0]!.id;
        const report = await simulate(project, id, { cases: 40, seed, data: [], maxSteps: 200, workers: false });
        // The run ends only when no event is left, so nothing is in flight: each of the 40
        // arrivals (no warm-up) ended at an outcome or was stopped, exactly once.
        const finished = Object.values(report.outcomes as Record<string, number>).reduce((a, b) => a + b, 0);
        expect(finished + report.stopped.cases).toBe(40);
        expect(report.stopped.at.reduce((a, s) => a + s.cases, 0)).toBe(report.stopped.cases);
        // The histogram is filled on a separate path: it must hold every finished case once.
        expect(report.histogram.reduce((a, b) => a + b.count, 0)).toBe(finished);
        expect(report.cases).toBe(40);
        expect(Number.isFinite(report.cycleTime.mean)).toBe(true);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

/** What a process means for the round trip: its step ids, edges, roles and SLAs. */
function essence(p: GeneratedProcess | { steps: Record<string, unknown>[] }) {
  const steps = p.steps.map((s) => s.id as string).sort();
  const edges = [...edgeSet(p as GeneratedProcess)].sort();
  const roles = p.steps.filter((s) => s.role).map((s) => `${s.id}:${s.role}`).sort();
  const slas = p.steps.filter((s) => s.sla).map((s) => `${s.id}:${(s.sla as { within: string }).within}>${(s.sla as { breach?: string }).breach ?? ''}`).sort();
  return { steps, edges, roles, slas };
}

/** Durations compare by value: `4h` and `240m` are the same SLA. */
function normaliseSla(list: string[]): string[] {
  const minutes = (d: string) => {
    const m = /^([\d.]+)([mhdw])$/.exec(d);
    return m ? Number(m[1]) * { m: 1, h: 60, d: 1440, w: 10080 }[m[2] as 'm'] : d;
  };
  return list.map((x) => x.replace(/:([^>]+)>/, (_, d: string) => `:${minutes(d)}>`)).sort();
}

describe('BPMN export then import', () => {
  it('gives back the steps, edges, roles and SLAs', async () => {
    await fc.assert(
      fc.asyncProperty(projectArb(10), async (g) => {
        const project = load(g);
        for (const gp of g.processes) {
          const p = project.processes.get(gp.id)!;
          const layout = await layoutProcess(project, p);
          const { xml } = await exportBpmn(project, p, layout);
          const back = await importBpmn(xml, { knownRoles: project.roles.keys() });
          expect(back.processes.length).toBe(1);
          const data = back.processes[0]!.data as { id: string; steps: Record<string, unknown>[] };
          const want = essence(gp);
          const got = essence(data);
          expect(got.steps).toEqual(want.steps);
          expect(got.edges).toEqual(want.edges);
          expect(got.roles).toEqual(want.roles);
          expect(normaliseSla(got.slas)).toEqual(normaliseSla(want.slas));
        }
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});
