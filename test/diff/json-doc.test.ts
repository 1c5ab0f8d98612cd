/**
 * `diff --format json` is documented in docs/diff-json.md (DESIGN §8 names no `impact[]` or
 * `--runs`): every key a real report has must be there, and `diff --help` shows `--runs`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffProjects } from '../../src/diff/diff.js';
import { buildProject } from '../../src/model/project.js';
import { ROOT, crmflow } from '../cli/helpers.js';

const DOC = readFileSync(join(ROOT, 'docs', 'diff-json.md'), 'utf8');
const CONFIG = 'crmflow: 1\nroles:\n  clerk: { headcount: 1 }\n  legal: { headcount: 2 }\n';
const BEFORE = `crmflow: 1\nid: p\nlayer: operation\nsteps:\n  - { id: s, type: start, next: t }\n  - { id: t, type: task, role: clerk, duration: 1h, next: old }\n  - { id: old, type: task, role: clerk, duration: 1h, next: e }\n  - { id: e, type: end }\n`;
const AFTER = `crmflow: 1\nid: p\nname: Contract\nlayer: operation\nsteps:\n  - { id: s, type: start, next: t }\n  - { id: t, type: task, role: nobody, duration: 2h, next: review }\n  - { id: review, type: approval, role: clerk, duration: 1h, on: { rejected: e }, next: e }\n  - { id: e, type: end }\n`;

/** Every key in a JSON value, except the model's own under `fields` and `config`. */
function keys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keys(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      // A field change is { before, after } around the model's own values.
      if (k === 'fields' || k === 'config') for (const change of Object.values(v as object)) for (const side of Object.keys(change as object)) out.add(side);
      else keys(v, out);
    }
  return out;
}

describe('diff JSON documentation', () => {
  it('names every key of a report, impact[] included', () => {
    const project = (yaml: string, config = CONFIG) => buildProject({ root: '/r', config: { path: 'crmflow.yaml', bytes: config }, files: [{ path: 'processes/p.yaml', bytes: yaml }] });
    const report = diffProjects(project(BEFORE), project(AFTER, CONFIG.replace('legal: { headcount: 2 }', 'legal: { headcount: 1 }')), { from: 'main', to: 'HEAD' });
    const ct = { before: { p50: 60, p90: 90 }, after: { p50: 120, p90: 150 }, runs: 5, significant: { p50: true, p90: null } };
    const json = JSON.parse(JSON.stringify({ ...report, impact: [{ id: 'p', name: 'Contract', because: ['process'], cycleTime: ct }] }));
    expect(json.processes[0].steps.some((s: { connects?: unknown }) => s.connects)).toBe(true);
    expect(json.config).toBeDefined();
    const missing = [...keys(json)].filter((k) => !new RegExp(`\\b${k}\\b`).test(DOC));
    expect(missing).toEqual([]);
  });

  it('diff --help shows --runs with an example', () => {
    const help = crmflow(['diff', '--help']).stdout;
    expect(help).toMatch(/^\s+--runs <n>/m);
    expect(help).toMatch(/^\s+\$ crmflow diff .*--simulate --runs \d+/m);
  });
});
