/**
 * SARIF fingerprints must name the same problem across commits: GitHub closes an alert whose
 * fingerprint disappears and opens a new one, so counts in the message, moved lines and the
 * order of findings at one step must not change it.
 */
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/lint/engine.js';
import { toSarif } from '../../src/lint/formatters/sarif.js';
import { buildProject } from '../../src/model/project.js';

const config = 'crmflow: 1\nroles:\n  sales-rep: {}\n  sales-manager: {}\n';

/** Lints one process file and returns `[message, line, fingerprint]` of the rule's findings. */
function prints(rule: string, yaml: string): { message: string; line: number; print: string }[] {
  const project = buildProject({ root: '/p', config: { path: 'crmflow.yaml', bytes: config }, files: [{ path: 'processes/p.yaml', bytes: yaml }] });
  const findings = lintProject(project).findings.filter((f) => f.rule === rule);
  const results = toSarif(findings, { rules: [] }).runs[0]!.results!;
  return findings.map((f, i) => ({ message: f.message, line: f.line, print: results[i]!.partialFingerprints!['crmflowFinding/v2']! }));
}

/** A strategy process with `n` tasks in a row between start and end. */
function chain(n: number): string {
  const ids = Array.from({ length: n }, (_, i) => `s${i + 1}`);
  const tasks = ids.map((id, i) => `  - id: ${id}\n    type: task\n    role: sales-rep\n    next: ${ids[i + 1] ?? 'done'}\n`);
  return `crmflow: 1\nid: lifecycle\nlayer: strategy\nsteps:\n  - id: start\n    type: start\n    next: s1\n${tasks.join('')}  - id: done\n    type: end\n`;
}

/** Two approvals by one role, one after the other; `second` names the second one. */
function approvals(second: string, comments = ''): string {
  return `crmflow: 1
id: deal
layer: core
${comments}steps:
  - id: start
    type: start
    next: first
  - id: first
    type: approval
    name: Manager approves the deal
    role: sales-manager
    on: { rejected: done }
    next: again
  - id: again
    type: approval
    name: ${second}
    role: sales-manager
    on: { rejected: done }
    next: done
  - id: done
    type: end
`;
}

describe('sarif fingerprints', () => {
  it('stay the same when max-steps counts one step more', () => {
    const [nine] = prints('max-steps', chain(9));
    const [ten] = prints('max-steps', chain(10));
    expect(nine!.message).toContain('has 9 steps');
    expect(ten!.message).toContain('has 10 steps');
    expect(ten!.print).toBe(nine!.print);
  });

  it('stay the same when comment lines move the findings down', () => {
    const before = prints('duplicate-step', approvals('Manager approves the deal'));
    const after = prints('duplicate-step', approvals('Manager approves the deal', '# reviewed by legal\n# owner: sales ops\n'));
    expect(before).toHaveLength(2);
    expect(after.map((f) => f.line)).toEqual(before.map((f) => f.line + 2));
    // the same-name message names the earlier step's line, which moved too
    expect(after.map((f) => f.message)).not.toEqual(before.map((f) => f.message));
    expect(after.map((f) => f.print)).toEqual(before.map((f) => f.print));
  });

  it('tell two problems at one step apart, and keep the one left when the other is fixed', () => {
    const both = prints('duplicate-step', approvals('Manager approves the deal'));
    expect(both.map((f) => f.message)).toEqual([
      expect.stringMatching(/^step "again" does the same as "first"/),
      expect.stringMatching(/^"sales-manager" approves twice on one path/),
    ]);
    expect(both[0]!.print).not.toBe(both[1]!.print);
    // renamed: only the second approval by the same role is left
    const left = prints('duplicate-step', approvals('Manager checks the margin'));
    expect(left.map((f) => f.message)).toEqual([expect.stringMatching(/^"sales-manager" approves twice on one path/)]);
    expect(left[0]!.print).toBe(both[1]!.print);
  });
});
