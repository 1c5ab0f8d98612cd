/**
 * Pull-request comments GitHub accepts: every Mermaid chart under its 500-edge limit and the
 * comment under 65,536 characters, with the changed neighbourhood drawn rather than the whole
 * process. The processes are generated: a 184-step chain where each approval can be rejected
 * back to the start and escalates on an SLA breach (three flows a step, about 550 in all).
 */
import { describe, expect, it } from 'vitest';
import { diffProjects } from '../../src/diff/diff.js';
import { formatMarkdown } from '../../src/diff/format.js';
import { buildProject } from '../../src/model/project.js';

const CONFIG = 'crmflow: 1\nroles:\n  clerk: { headcount: 2 }\n  senior-clerk: { headcount: 1 }\n';

function chain(n: number, role: (i: number) => string, duration: (i: number) => string = () => '1h'): string {
  const lines = ['crmflow: 1', 'id: long-chain', 'layer: operation', 'steps:', '  - { id: start, type: start, next: a1 }'];
  for (let i = 1; i <= n; i++) {
    const next = i === n ? 'done' : `a${i + 1}`;
    lines.push(`  - { id: a${i}, type: approval, name: Approval number ${i} of the long chain, role: ${role(i)}, duration: ${duration(i)}, sla: { within: 1d, breach: done }, on: { rejected: start }, next: ${next} }`);
  }
  lines.push('  - { id: done, type: end }');
  return lines.join('\n') + '\n';
}

const project = (text: string) => buildProject({ root: '/tmp/x', config: { path: 'crmflow.yaml', bytes: CONFIG }, files: [{ path: 'processes/long-chain.yaml', bytes: text }] });

function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
}
const edges = (chart: string) => chart.split('\n').filter((l) => / (-->|-\.->)/.test(l)).length;

describe('pull-request comments within GitHub limits', () => {
  const before = project(chain(184, () => 'clerk'));

  it('draws one changed step of a 184-step chain with its neighbours and "…" for the rest', () => {
    const after = project(chain(184, () => 'clerk', (i) => (i === 90 ? '2h' : '1h')));
    const r = diffProjects(before, after, { from: 'a', to: 'b', findings: () => [] });
    const md = formatMarkdown(r, { before, after });
    const [chart] = mermaidBlocks(md);
    // a89, a90, a91 and the start and end that a90's rejection and breach lead to
    expect(chart!.match(/^ {2}s\d+\(?\[/gm)!.length).toBeLessThanOrEqual(5 + 6);
    expect(chart).toContain('Approval number 90 of the long chain');
    expect(chart).not.toContain('Approval number 120 of the long chain');
    expect(chart).toContain('"…"');
    expect(md).toMatch(/Chart: the changed steps and one step before and after each: \d+ of 186 steps/);
  });

  it('keeps a chart where every step changed under 500 edges and says what it left out', () => {
    const after = project(chain(184, (i) => (i % 2 ? 'senior-clerk' : 'clerk')));
    const r = diffProjects(before, after, { from: 'a', to: 'b', findings: () => [] });
    const md = formatMarkdown(r, { before, after });
    const charts = mermaidBlocks(md);
    expect(charts).toHaveLength(1);
    expect(edges(charts[0]!)).toBeLessThan(500);
    expect(md).toMatch(/\d+ more changed steps not drawn, to stay under GitHub's 500 flows a chart/);
    expect(md.length).toBeLessThan(65_536);
  });

  it('cuts even the first section when it alone passes 65,536 characters', () => {
    // Every step renamed and re-roled: a very long list for one process.
    const long = chain(184, (i) => (i % 2 ? 'senior-clerk' : 'clerk'), () => '3h').replace(/Approval number/g, 'Approval step number '.repeat(12));
    const after = project(long);
    const r = diffProjects(before, after, { from: 'a', to: 'b', findings: () => [] });
    const md = formatMarkdown(r, { before, after });
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain('the list goes on');
  });
});
