/**
 * `calibrate --write`: puts the fitted durations and probabilities into the process files
 * themselves, through the `yaml` package's document API so comments, key order and the
 * formatting of everything else stay as they were.
 */
import { parseDocument } from 'yaml';
import type { Project } from '../model/types.js';
import type { Calibration } from './overlay.js';

/** New text of every process file the overlay changes, by project-relative path. */
export function patchedFiles(project: Project, cal: Calibration): Map<string, string> {
  const docs = new Map<string, ReturnType<typeof parseDocument>>();
  for (const [key, fit] of Object.entries(cal.steps)) {
    const [pid, sid] = key.split('/') as [string, string];
    const proc = project.processes.get(pid);
    const index = proc?.stepIndex.get(sid);
    if (!proc || index === undefined) continue;
    let doc = docs.get(proc.file);
    if (!doc) docs.set(proc.file, (doc = parseDocument(proc.source.text)));
    const at = ['steps', index];
    if (fit.duration) doc.setIn([...at, 'duration'], doc.createNode(fit.duration, { flow: true }));
    if (fit.for) doc.setIn([...at, 'for'], doc.createNode(fit.for, { flow: true }));
    const step = proc.steps[index]!;
    if (fit.branches && step.type === 'decision') {
      step.branches.forEach((b, i) => {
        const f = fit.branches!.find((x) => 'next' in x && 'next' in b && x.next === b.next);
        if (f && 'probability' in f) doc!.setIn([...at, 'branches', i, 'probability'], f.probability);
      });
    }
    if (fit.on) {
      for (const [name, o] of Object.entries(fit.on)) {
        const path = [...at, 'on', name];
        const current = doc.getIn(path);
        if (typeof current === 'string') doc.setIn(path, doc.createNode({ next: current, probability: o.probability }, { flow: true }));
        else if (current !== undefined) doc.setIn([...path, 'probability'], o.probability);
      }
    }
  }
  return new Map([...docs].map(([file, doc]) => [file, doc.toString({ lineWidth: 0 })]));
}
