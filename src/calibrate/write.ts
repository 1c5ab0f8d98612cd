/**
 * `calibrate --write`: puts the fitted durations and probabilities into the process files
 * themselves, through the `yaml` package's document API so comments, key order and the
 * formatting of everything else stay as they were.
 */
import { isNode, isScalar, parseDocument, stringify } from 'yaml';
import type { Project } from '../model/types.js';
import type { Calibration } from './overlay.js';

/** A text edit: the source from `start` to `end` becomes `text`. */
interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * New text of every process file the overlay changes, by project-relative path. A value that
 * replaces one already in the file is spliced into the source text, so nothing around it moves
 * (folded descriptions, comment columns); only a value the file lacks goes through the
 * document API.
 */
export function patchedFiles(project: Project, cal: Calibration): Map<string, string> {
  const files = new Map<string, { doc: ReturnType<typeof parseDocument>; text: string; splices: Splice[]; added: boolean }>();
  for (const [key, fit] of Object.entries(cal.steps)) {
    const [pid, sid] = key.split('/') as [string, string];
    const proc = project.processes.get(pid);
    const index = proc?.stepIndex.get(sid);
    if (!proc || index === undefined) continue;
    let file = files.get(proc.file);
    if (!file) files.set(proc.file, (file = { doc: parseDocument(proc.source.text), text: proc.source.text, splices: [], added: false }));
    const f = file;
    const put = (path: Array<string | number>, value: unknown) => {
      const node = f.doc.getIn(path, true);
      const text = isScalar(value) || typeof value !== 'object' || value === null ? String(value) : stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trim();
      if (isNode(node) && node.range) f.splices.push({ start: node.range[0], end: node.range[1], text });
      else f.added = true;
      // The document gets every value too: with a key to add it writes the whole file.
      f.doc.setIn(path, typeof value === 'object' && value !== null ? f.doc.createNode(value, { flow: true }) : value);
    };
    const at = ['steps', index];
    if (fit.duration) put([...at, 'duration'], fit.duration);
    if (fit.for) put([...at, 'for'], fit.for);
    const step = proc.steps[index]!;
    if (fit.branches && step.type === 'decision') {
      step.branches.forEach((b, i) => {
        const x = fit.branches!.find((y) => 'next' in y && 'next' in b && y.next === b.next);
        if (x && 'probability' in x) put([...at, 'branches', i, 'probability'], x.probability);
      });
    }
    if (fit.on) {
      for (const [name, o] of Object.entries(fit.on)) {
        const path = [...at, 'on', name];
        const current = f.doc.getIn(path);
        if (typeof current === 'string') put(path, { next: current, probability: o.probability });
        else if (current !== undefined) put([...path, 'probability'], o.probability);
      }
    }
  }
  const out = new Map<string, string>();
  for (const [file, f] of files) {
    if (f.added) {
      // A new key: the document API places it.
      out.set(file, f.doc.toString({ lineWidth: 0 }));
      continue;
    }
    let text = f.text;
    for (const s of [...f.splices].sort((a, b) => b.start - a.start)) text = text.slice(0, s.start) + s.text + text.slice(s.end);
    out.set(file, text);
  }
  return out;
}
