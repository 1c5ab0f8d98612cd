/**
 * `diff --svg dir`: SVG diagrams with the diff's colouring, drawn by the renderer
 * (src/render, imported lazily). A removed step exists only in the "before" project, so each
 * changed process gets `<id>.svg` (after: added and changed steps marked) and, when steps were
 * removed, `<id>.before.svg` (before: removed and changed steps marked). A removed process gets
 * only `<id>.before.svg`, an added one only `<id>.svg`.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../model/write.js';
import type { Project } from '../model/types.js';
import type { DiffReport } from './types.js';

type Highlight = Record<string, 'added' | 'removed' | 'changed'>;

/** Writes the diagrams and returns the files written. */
/** Processes with more steps than this are not drawn (the layout would take minutes). */
export const MAX_SVG_STEPS = 500;

export async function writeDiffSvgs(report: DiffReport, before: Project, after: Project, dir: string, skipped?: (why: string) => void): Promise<string[]> {
  if (report.processes.length === 0) return [];
  const { renderSvg } = await import('../render/index.js');
  const written: string[] = [];
  for (const p of report.processes) {
    const size = Math.max(after.processes.get(p.id)?.steps.length ?? 0, before.processes.get(p.id)?.steps.length ?? 0);
    if (size > MAX_SVG_STEPS) {
      skipped?.(`${p.id}: ${size} steps are too many to draw; no SVG written`);
      continue;
    }
    const afterHl: Highlight = {};
    const beforeHl: Highlight = {};
    for (const s of p.steps) {
      if (s.status === 'removed') beforeHl[s.id] = 'removed';
      else if (s.status === 'added') afterHl[s.id] = 'added';
      else {
        afterHl[s.id] = 'changed';
        beforeHl[s.from ?? s.id] = 'changed';
      }
    }
    const a = after.processes.get(p.id);
    const b = before.processes.get(p.id);
    if (a && p.status !== 'removed') {
      const file = join(dir, `${p.id}.svg`);
      writeFileAtomic(file, await renderSvg(after, a, { highlight: afterHl }));
      written.push(file);
    }
    if (b && (p.status === 'removed' || p.steps.some((s) => s.status === 'removed'))) {
      const file = join(dir, `${p.id}.before.svg`);
      writeFileAtomic(file, await renderSvg(before, b, { highlight: beforeHl }));
      written.push(file);
    }
  }
  return written;
}
