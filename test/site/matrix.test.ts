import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/model/load.js';
import { csvField, matrixCsv, matrixMarkdown, responsibilityMatrix } from '../../src/site/matrix.js';
import type { SimulationReport } from '../../src/simulate/types.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'portal');

/** A simulation report with only what the matrix reads: role utilisation. */
function sim(process: string, roles: Record<string, number>): SimulationReport {
  return { process, roles: Object.entries(roles).map(([role, utilisation]) => ({ role, name: role, headcount: 1, utilisation })) } as unknown as SimulationReport;
}

describe('responsibility matrix', () => {
  it('lists each role\'s duties across processes, read by hand from the fixture files', async () => {
    const project = await loadProject({ cwd: FIXTURE });
    const m = responsibilityMatrix(project);
    expect(m.map((r) => r.role)).toEqual(['customer', 'director', 'idle', 'manager', 'rep', 'system']);
    const manager = m.find((r) => r.role === 'manager')!;
    // Owner of both processes (A), approves manager-approval (A), the top tier of director-approval (A), does escalate (R).
    expect(manager.duties.map((d) => [d.process, d.step, d.raci])).toEqual([
      ['quote-approval', '', 'A'],
      ['quote-approval', 'manager-approval', 'A'],
      ['quote-approval', 'director-approval', 'A'],
      ['sales', '', 'A'],
      ['sales', 'escalate', 'R'],
    ]);
    const rep = m.find((r) => r.role === 'rep')!;
    expect(rep.duties).toEqual([{ process: 'sales', processName: 'Sales <script>alert(1)</script>', step: 'qualify', stepName: '资格审查', type: 'task', raci: 'R', sla: '1d', breach: 'escalate' }]);
    expect(m.find((r) => r.role === 'idle')!.duties).toEqual([]);
    expect(m.find((r) => r.role === 'customer')!.headcount).toBeNull();
  });

  it('takes the busiest utilisation over the simulations given', async () => {
    const project = await loadProject({ cwd: FIXTURE });
    const m = responsibilityMatrix(project, [sim('a', { rep: 0.2, manager: 0.9 }), sim('b', { rep: 0.5 })]);
    expect(m.find((r) => r.role === 'rep')).toMatchObject({ utilisation: 0.5, utilisationIn: 'b' });
    expect(m.find((r) => r.role === 'manager')).toMatchObject({ utilisation: 0.9, utilisationIn: 'a' });
    expect(m.find((r) => r.role === 'director')).toMatchObject({ utilisation: null, utilisationIn: null });
  });

  it('writes CSV by RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe(`"'-1"`);
    expect(csvField(null)).toBe('');
  });

  it('CSV has one row per duty and one for a role without any', async () => {
    const project = await loadProject({ cwd: FIXTURE });
    const csv = matrixCsv(responsibilityMatrix(project));
    const lines = csv.trimEnd().split('\r\n');
    // header + customer, system, idle (no duties) + director 1 + manager 5 + rep 1
    expect(lines).toHaveLength(1 + 3 + 1 + 5 + 1);
    expect(lines[0]).toBe('role,role_name,headcount,utilisation,process,process_name,step,step_name,type,raci,sla,breach');
    expect(lines).toContain('rep,Sales rep <b>&amp;</b>,2,,sales,Sales <script>alert(1)</script>,qualify,资格审查,task,R,1d,escalate');
  });

  it('Markdown escapes names so they cannot inject HTML or break tables', async () => {
    const project = await loadProject({ cwd: FIXTURE });
    const md = matrixMarkdown(responsibilityMatrix(project));
    expect(md).not.toContain('<script>');
    expect(md).toContain('Sales \\<script\\>alert(1)\\</script\\>');
    expect(md).toContain('## Sales rep \\<b\\>\\&amp;\\</b\\> (`rep`)');
    expect(md).toContain('| 报价审批 | 经理审批 (`manager-approval`) | A | 8h | — |');
  });
});
