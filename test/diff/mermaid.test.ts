import { describe, expect, it } from 'vitest';
import { diffProjects } from '../../src/diff/diff.js';
import { formatMarkdown } from '../../src/diff/format.js';
import { diffFlowchart, mermaidText } from '../../src/diff/mermaid.js';
import { fixtureProject } from './load.js';

/**
 * A structural check of a Mermaid flowchart: the header, node declarations with quoted,
 * escaped labels, edges between declared nodes, class definitions and assignments, and
 * linkStyle indexes within the edges drawn.
 */
function checkFlowchart(text: string): { nodes: Set<string>; edges: number; classes: Map<string, string[]> } {
  const lines = text.split('\n');
  expect(lines[0]).toMatch(/^flowchart (LR|TD)$/);
  const nodes = new Set<string>();
  const classes = new Map<string, string[]>();
  const defined = new Set<string>();
  let edges = 0;
  const label = '"[^"`<>\\[\\]]*"';
  const shapes = [`\\(\\[${label}\\]\\)`, `\\[${label}\\]`, `\\{${label}\\}`, `\\{\\{${label}\\}\\}`, `\\[\\[${label}\\]\\]`, `>${label}\\]`];
  const nodeRe = new RegExp(`^  (s\\d+)(${shapes.join('|')})$`);
  const edgeRe = new RegExp(`^  (s\\d+) (-->|-\\.->)(\\|${label}\\|)? (s\\d+)$`);
  for (const line of lines.slice(1)) {
    let m: RegExpExecArray | null;
    if ((m = nodeRe.exec(line))) nodes.add(m[1]!);
    else if ((m = edgeRe.exec(line))) {
      expect(nodes.has(m[1]!), line).toBe(true);
      expect(nodes.has(m[4]!), line).toBe(true);
      edges++;
    } else if ((m = /^  classDef (\w+) [\w:#,.\- ]+$/.exec(line))) defined.add(m[1]!);
    else if ((m = /^  class ((?:s\d+,)*s\d+) (\w+)$/.exec(line))) {
      expect(defined.has(m[2]!), line).toBe(true);
      for (const id of m[1]!.split(',')) expect(nodes.has(id), line).toBe(true);
      classes.set(m[2]!, m[1]!.split(','));
    } else if ((m = /^  linkStyle (\d+) [\w:#,.\- ]+$/.exec(line))) expect(Number(m[1])).toBeLessThan(edges);
    else throw new Error(`not a flowchart line: ${line}`);
  }
  expect([...defined].sort()).toEqual(['added', 'changed', 'removed']);
  return { nodes, edges, classes };
}

describe('Mermaid flowchart of a process diff', () => {
  const before = fixtureProject('v1');
  const after = fixtureProject('v2');
  const report = diffProjects(before, after, { from: 'v1', to: 'v2' });
  const discount = report.processes.find((p) => p.id === 'discount-approval')!;

  it('is a valid flowchart with added, removed and changed steps in their classes', () => {
    const chart = diffFlowchart(discount, before.processes.get('discount-approval'), after.processes.get('discount-approval'));
    const { classes } = checkFlowchart(chart);
    expect(classes.get('added')).toHaveLength(1);
    expect(classes.get('removed')).toHaveLength(1);
    // manager-approval and director-approval changed, rework-quote renamed
    expect(classes.get('changed')).toHaveLength(3);
    expect(chart).toContain('classDef removed fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5');
    expect(chart).toContain('Revise the quote #40;was revise-quote#41;');
    // the removed flow is dashed
    expect(chart).toMatch(/-\.->\|"SLA 8h"\|/);
  });

  it('escapes quotes, angle brackets, backticks and brackets in labels', () => {
    expect(mermaidText('say "hi" <b> `x` [y] a|b # ;')).toBe('say #34;hi#34; #60;b#62; #96;x#96; #91;y#93; a#124;b #35; #59;');
    expect(mermaidText('two\nlines')).toBe('two lines');
  });

  it('goes into the Markdown comment after a summary table', () => {
    const md = formatMarkdown(report, { before, after });
    expect(md).toMatch(/^## Process changes: `v1` → `v2`/);
    expect(md).toContain('| Process | Change | Steps | Flows | Findings |');
    expect(md).toContain('| `discount-approval` Discount approval | changed | +1 −1 ~2 1 renamed | +3 −2 |');
    const blocks = [...md.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(3);
    for (const b of blocks) checkFlowchart(b);
    expect(md).toContain('**changed** `manager-approval` Sales manager approves: SLA 8h (on breach to director-approval) → removed');
    expect(md).toContain('**changed** `director-approval` Sales director approves: role sales-director → cfo; next approved → cfo-approval');
  });

  it('keeps a hostile step name from breaking the diagram', () => {
    const p = after.processes.get('renewal')!;
    const evil = { ...p, steps: p.steps.map((s) => (s.id === 'offer' ? { ...s, name: 'Offer "]) --> x[`pwn`] <script>' } : s)) };
    evil.stepById = new Map(evil.steps.map((s) => [s.id, s]));
    const d = report.processes.find((x) => x.id === 'renewal')!;
    checkFlowchart(diffFlowchart(d, undefined, evil));
  });
});

describe('a very large diff as a comment', () => {
  it('stays under the GitHub comment limit and says what it left out', () => {
    const empty = fixtureProject('v1');
    const processes = Array.from({ length: 300 }, (_, i) => ({
      id: `process-${i}`,
      status: 'changed' as const,
      name: `Process ${i}`,
      layer: 'operation',
      file: `processes/process-${i}.yaml`,
      steps: Array.from({ length: 10 }, (_, k) => ({ id: `step-${k}`, status: 'changed' as const, type: 'task', name: `A long step name number ${k}`, fields: { role: { before: 'sales-rep', after: 'sales-manager' } } })),
      flows: { added: [], removed: [] },
      lint: { introduced: [], resolved: [] },
    }));
    const report = { from: 'a', to: 'b', processes, summary: { processes: { added: 0, removed: 0, changed: 300 }, steps: { added: 0, removed: 0, renamed: 0, changed: 3000 }, flows: { added: 0, removed: 0 }, lint: { introduced: 0, resolved: 0 } } };
    const md = formatMarkdown(report, { before: empty, after: empty });
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain('| `process-299` Process 299 | changed |');
    expect(md).toMatch(/_\d+ more changed processes are in the table above only/);
  });
});

describe('a large added process', () => {
  it('is drawn within GitHub\'s 500-edge limit', async () => {
    const { buildProject } = await import('../../src/model/project.js');
    const steps = ['- {id: s0, type: start, next: s1}', ...Array.from({ length: 249 }, (_, i) => `- {id: s${i + 1}, type: task, next: s${i + 2}}`), '- {id: s250, type: end}'];
    const after = buildProject({ root: '/p', files: [{ path: 'processes/big.yaml', bytes: `crmflow: 1\nid: big\nlayer: operation\nsteps:\n${steps.join('\n')}\n` }] });
    const before = buildProject({ root: '/p', files: [] });
    const md = formatMarkdown(diffProjects(before, after, { from: 'a', to: 'b' }), { before, after });
    const chart = /```mermaid\n([\s\S]*?)```/.exec(md)![1]!;
    expect(checkFlowchart(chart.trimEnd()).edges).toBe(250);
    expect(md).toContain('and 231 more');
  });
});
