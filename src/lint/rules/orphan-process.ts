import type { Rule } from '../types.js';
import { layerRank } from '../../model/graph.js';
import type { Process } from '../../model/types.js';
import { msg, part } from '../../i18n/index.js';

/** A process nothing above links to is invisible in the drill-down. */
export const rule: Rule = {
  id: 'orphan-process',
  meta: {
    description:
      'a process that no path of subprocess calls and refines links connects to the top layer of the project (nothing above calls it, and it refines nothing), when the project has a higher layer',
    why: 'People find processes by drilling down from the lifecycle. An orphan is missing from every diagram above it: it gets out of date, or it is an old copy that nobody runs any more.',
    fix: 'Add refines: <process>/<step> naming the higher-layer step it details, or call it from a subprocess step. If it is obsolete, delete it.',
    defaultLevel: 'warn',
    examples: {
      bad: `# processes/operation/complaint-handling.yaml
id: complaint-handling
layer: operation
# nothing calls it and it refines nothing`,
      good: `id: complaint-handling
layer: operation
refines: lead-to-cash/after-sales`,
    },
  },
  check({ project, report }) {
    const all = [...project.processes.values()];
    if (all.length < 2) return;

    const top = Math.min(...all.map((p) => layerRank(p.layer)));
    // Walk down from the top layer: calls go down, and a process that refines a linked one is linked too.
    const refinedBy = new Map<string, Process[]>();
    for (const p of all) {
      if (!p.refines) continue;
      const t = p.refines.split('/')[0]!;
      const list = refinedBy.get(t) ?? [];
      list.push(p);
      refinedBy.set(t, list);
    }
    const linked = new Set<string>();
    const stack = all.filter((p) => layerRank(p.layer) === top).map((p) => p.id);
    // A file that could not be read may be the link: its own error is the one to report, so
    // what refines it or is named in it counts as linked.
    if (project.unreadable?.size) {
      const read = new Set(all.map((p) => p.file));
      const broken = project.files.filter((f) => !read.has(f.path)).map((f) => f.text);
      for (const p of all) {
        const refined = p.refines ? project.unreadable.has(p.refines.split('/')[0]!) : false;
        if (refined || broken.some((text) => new RegExp(`\\bprocess:\\s*["']?${p.id}(?![\\w-])`).test(text))) stack.push(p.id);
      }
    }
    while (stack.length) {
      const id = stack.pop()!;
      if (linked.has(id)) continue;
      linked.add(id);
      const p = project.processes.get(id)!;
      for (const s of p.steps) if (s.type === 'subprocess' && project.processes.has(s.process) && !linked.has(s.process)) stack.push(s.process);
      for (const r of refinedBy.get(id) ?? []) if (!linked.has(r.id)) stack.push(r.id);
    }
    const topLayer = all.find((p) => layerRank(p.layer) === top)!.layer;
    for (const p of all) {
      if (linked.has(p.id)) continue;
      const candidates = all.filter((q) => layerRank(q.layer) < layerRank(p.layer) && linked.has(q.id));
      const example = candidates.length ? part('lint.orphan-process.example', { process: candidates[0]!.id }) : '';
      report({
        process: p,
        field: ['id'],
        message: msg('lint.orphan-process', {
          layer: part(`layer.${p.layer}`),
          process: p.id,
          topLayer: part(`layer.${topLayer}`),
          refines: p.refines ? part('lint.orphan-process.refinesUnlinked', { refines: p.refines }) : part('lint.orphan-process.refinesNothing'),
          example,
        }),
      });
    }
  },
};
