/**
 * A condition that fails at run time on some data rows is reported (process, step, condition,
 * rows, first error) in every format, and `crmflow simulate` exits 1; it is never taken as false.
 * Fixture: test/simulate/fixtures/typed, process by-ref, where `int(case.ref)` fails on the two
 * rows whose ref is not a number (rows 3 "A-3" and 5 "B-5").
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conditionErrorsMarkdown, markdownReport, textReport } from '../../src/simulate/format.js';
import { simulate } from '../../src/simulate/index.js';
import { crmflow, noStack } from '../cli/helpers.js';
import { fixture } from './helpers.js';

const FIX = join(import.meta.dirname, 'fixtures', 'typed');
const EXPECTED = { process: 'by-ref', step: 'route', condition: 'int(case.ref) > 100', rows: 2, firstError: 'row 3: int() type error: cannot convert to int' };

describe('condition errors', () => {
  it('are in the report with the rows they failed on and the first error', async () => {
    const r = await simulate(await fixture('typed'), 'by-ref', {});
    expect(r.conditionErrors).toEqual([EXPECTED]);
    // the rows that failed followed the probability (0.5), the rest the condition: refs > 100 are 150, 300, 101
    expect((r.outcomes.big ?? 0) - 3).toBeGreaterThanOrEqual(0);
    expect((r.outcomes.big ?? 0) - 3).toBeLessThanOrEqual(2);
  });

  it('survive replications on workers and in-process alike', async () => {
    const project = await fixture('typed');
    const r = await simulate(project, 'by-ref', { runs: 3, workers: false });
    expect(r.conditionErrors).toEqual([EXPECTED]);
  });

  it('a field the data has no column for is not an error: it falls back with a warning', async () => {
    const r = await simulate(await fixture('typed'), 'by-ref', { data: [{ score: 1n }, { score: 2n }] });
    expect(r.conditionErrors).toEqual([]);
    expect(r.warnings.join('\n')).toContain('no column "ref"');
  });

  it('an empty cell in a column the condition reads is an error on that row', async () => {
    const r = await simulate(await fixture('typed'), 'by-ref', { data: [{ ref: '500' }, {}, { ref: '7' }], cases: 3 });
    expect(r.conditionErrors).toEqual([{ ...EXPECTED, rows: 1, firstError: 'row 2: No such key: ref' }]);
  });

  it('a result that is not a boolean is an error', async () => {
    const { buildProject } = await import('../../src/model/project.js');
    const project = buildProject({
      root: '/virtual',
      files: [
        {
          path: 'processes/p.yaml',
          bytes: 'crmflow: 1\nid: p\nlayer: operation\nsteps:\n  - { id: in, type: start, next: d }\n  - { id: d, type: decision, branches: [ { when: case.region, next: a, probability: 1 }, { else: a } ] }\n  - { id: a, type: end }\n',
        },
      ],
    });
    const r = await simulate(project, 'p', { data: [{ region: 'east' }], cases: 1 });
    expect(r.conditionErrors).toEqual([{ process: 'p', step: 'd', condition: 'case.region', rows: 1, firstError: 'row 1: the condition gives "east", not true or false' }]);
  });

  it('are printed in text and Markdown', async () => {
    const r = await simulate(await fixture('typed'), 'by-ref', {});
    expect(textReport(r)).toContain('Condition errors (those cases followed the branch probabilities)\n  ✖ by-ref/route: "int(case.ref) > 100" failed on 2 rows\n      row 3: int() type error: cannot convert to int\n');
    expect(markdownReport(r)).toContain(conditionErrorsMarkdown([EXPECTED]));
    expect(conditionErrorsMarkdown([EXPECTED])).toContain('| by-ref/route | int\\(case.ref\\) &gt; 100 | 2 | row 3: int\\(\\) type error: cannot convert to int |');
  });

  it('make crmflow simulate exit 1 in every format, with conditionErrors in the JSON', () => {
    const json = crmflow(['simulate', 'by-ref', '--format', 'json', '--no-progress'], { cwd: FIX });
    expect(json.code, json.stderr).toBe(1);
    expect(JSON.parse(json.stdout).conditionErrors).toEqual([EXPECTED]);
    expect(json.stderr).toContain('1 condition failed on some data rows');
    for (const format of ['text', 'markdown']) {
      const r = crmflow(['simulate', 'by-ref', '--format', format], { cwd: FIX });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/Condition errors/);
      expect(noStack(r.stderr)).toBe(true);
    }
    const compare = crmflow(['simulate', 'by-ref', '--compare', '--set', 'steps.by-ref/route.branches.0.probability=0.9'], { cwd: FIX });
    expect(compare.code, compare.stderr).toBe(1);
    expect(compare.stdout).toContain('by-ref/route: "int(case.ref) > 100" failed on 2 rows');
  });

  it('a run without failures exits 0', () => {
    const r = crmflow(['simulate', 'vip', '--format', 'json'], { cwd: FIX });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).conditionErrors).toEqual([]);
  });
});
