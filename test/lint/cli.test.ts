/** End to end: the real `crmflow lint` and `crmflow explain`, their output and exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, crmflow, heavyIn, loadedModules, noStack, outsideBundle } from '../cli/helpers.js';
import { here } from './helpers.js';

const ALL = here(import.meta.url, 'fixtures', 'all-rules');
const RULE_IDS = [
  'approval-mode',
  'approval-tier-gap',
  'dead-end',
  'duplicate-step',
  'exception-path-missing',
  'kpi-unknown-step',
  'layer-order',
  'max-steps',
  'missing-owner',
  'no-exit-loop',
  'orphan-process',
  'parallel-escape',
  'ping-pong-handoff',
  'sla-without-breach-path',
  'unreachable-step',
];
const tmp = mkdtempSync(join(tmpdir(), 'crmflow-lint-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('crmflow lint', () => {
  it('finds nothing in the example project', () => {
    const r = crmflow(['lint', '--max-warnings', '0'], { cwd: ROOT });
    expect(r.stdout).toMatch(/✔ \d+ process files clean/);
    expect(r.code).toBe(0);
  });

  it('trips every rule on the all-rules fixture and prints the golden stylish output', () => {
    const r = crmflow(['lint'], { cwd: ALL });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(readFileSync(here(import.meta.url, 'fixtures', 'all-rules.out'), 'utf8'));
    for (const id of RULE_IDS) expect(r.stdout).toContain(`  ${id}\n`);
  });

  it('prints the DESIGN §6 JSON shape', () => {
    const r = crmflow(['lint', '--format', 'json'], { cwd: ALL });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>>; errorCount: number; warningCount: number };
    expect(Object.keys(report)).toEqual(['findings', 'errorCount', 'warningCount']);
    expect(new Set(report.findings.map((f) => f.rule))).toEqual(new Set([...RULE_IDS, 'yaml-syntax', 'unused-suppression']));
    const f = report.findings.find((x) => x.rule === 'dead-end')!;
    expect(f).toMatchObject({ file: 'processes/operation/complaint-handling.yaml', line: 25, column: 9, severity: 'error', process: 'complaint-handling', step: 'apologise' });
    expect(report.errorCount + report.warningCount).toBe(report.findings.length);
  });

  it('writes SARIF with repo-relative uris and GitHub annotations', () => {
    const sarif = crmflow(['lint', '--format', 'sarif'], { cwd: ALL });
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^test\/lint\/fixtures\/all-rules\//);
    const gh = crmflow(['lint', '--format', 'github'], { cwd: ALL });
    expect(gh.stdout).toContain('::error file=test/lint/fixtures/all-rules/processes/core/renewal.yaml,line=5,endLine=5,col=10,endColumn=38,title=layer-order::core process "renewal"');
  });

  it('--quiet shows errors only', () => {
    const quiet = crmflow(['lint', '--quiet', '--format', 'json'], { cwd: ALL });
    expect(quiet.code).toBe(1);
    expect((JSON.parse(quiet.stdout) as { warningCount: number }).warningCount).toBe(0);
  });

  describe('on a project with one warning', () => {
    const dir = join(tmp, 'warn');
    writeProject(dir, 'sla: { within: 1d }');
    it('exits 0 without --max-warnings and 1 with --max-warnings 0', () => {
      expect(crmflow(['lint'], { cwd: dir }).code).toBe(0);
      const max = crmflow(['lint', '--max-warnings', '0'], { cwd: dir });
      expect(max.code).toBe(1);
      expect(max.stderr).toContain('more than --max-warnings 0');
    });
    it('--max-warnings N above 0: exit 0 up to N warnings, 1 beyond', () => {
      const two = join(tmp, 'warn-twice');
      writeProject(two, 'sla: { within: 1d }');
      const text = readFileSync(join(two, 'processes', 'leads.yaml'), 'utf8');
      writeFileSync(join(two, 'processes', 'calls.yaml'), text.replace('id: leads', 'id: calls'));
      const json = JSON.parse(crmflow(['lint', '--format', 'json'], { cwd: two }).stdout) as { errorCount: number; warningCount: number };
      expect(json).toMatchObject({ errorCount: 0, warningCount: 2 });
      expect(crmflow(['lint', '--max-warnings', '2'], { cwd: two }).code).toBe(0);
      expect(crmflow(['lint', '--max-warnings', '5'], { cwd: two }).code).toBe(0);
      const over = crmflow(['lint', '--max-warnings', '1'], { cwd: two });
      expect(over.code).toBe(1);
      expect(over.stderr).toContain('2 warnings, more than --max-warnings 1');
    });
    it('--rule raises or silences the rule', () => {
      expect(crmflow(['lint', '--rule', 'sla-without-breach-path=error'], { cwd: dir }).code).toBe(1);
      expect(crmflow(['lint', '--max-warnings', '0', '--rule', 'sla-without-breach-path=off'], { cwd: dir }).code).toBe(0);
    });
  });

  it('reports broken YAML as a finding, not a crash', () => {
    const r = crmflow(['lint', 'processes/operation/broken.yaml'], { cwd: ALL });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('processes/operation/broken.yaml\n8:1  error');
    expect(r.stdout).toContain('yaml-syntax');
    expect(r.stdout).not.toContain('complaint-handling.yaml');
  });

  it.each([
    [['lint', '--rule', 'dead-ends=warn'], /no lint rule "dead-ends"; did you mean "dead-end"\?/],
    [['lint', '--rule', 'dead-end=fatal'], /level "fatal" is not one of off, warn, error/],
    [['lint', '--max-warnings', 'many'], /--max-warnings must be a whole number/],
    [['lint', '--format', 'xml'], /unknown format "xml"/],
    [['lint', 'no/such/path.yaml'], /no such file or folder/],
    [['explain', 'dead-ends'], /there is no lint rule "dead-ends"; did you mean "dead-end"\?/],
  ])('exits 2 with a clear message: %j', (args, message) => {
    const r = crmflow(args, { cwd: ALL });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(noStack(r.stderr)).toBe(true);
  });

  it('exits 2 after printing the problems of a bad lint configuration', () => {
    const r = crmflow(['lint'], { cwd: here(import.meta.url, 'fixtures', 'bad-config') });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('4:5  error  lint.rules names "dead-ends", which is not a lint rule; did you mean "dead-end"?');
  });

  it('exits 2 on a bad level in crmflow.yaml', () => {
    const dir = join(tmp, 'bad-level');
    writeProject(dir, 'next: done');
    writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\nroles:\n  sales-rep: {}\nlint:\n  rules:\n    dead-end: fatal\n');
    const r = crmflow(['lint'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('6:15  error  dead-end "fatal" is not one of off, warn, error');
  });

  it('loads no heavy module', () => {
    const loaded = loadedModules(BIN, ['lint']);
    expect(loaded.some((u) => u.includes('/src/lint/engine.ts'))).toBe(true);
    expect(outsideBundle(loaded)).toEqual([]);
    expect(heavyIn(loaded)).toEqual({});
  });
});

describe('crmflow explain', () => {
  it('lists the rules', () => {
    const r = crmflow(['explain']);
    expect(r.code).toBe(0);
    for (const id of RULE_IDS) expect(r.stdout).toContain(id);
  });
  it('prints what a rule checks, why, how to fix it and a bad and a good example', () => {
    const r = crmflow(['explain', 'exception-path-missing']);
    expect(r.code).toBe(0);
    for (const h of ['What it checks', 'Why', 'How to fix', 'Bad', 'Good']) expect(r.stdout).toContain(`\n${h}\n`);
    expect(r.stdout).toContain('on: { rejected: revise-quote }');
    const json = JSON.parse(crmflow(['explain', 'max-steps', '--format', 'json']).stdout) as { defaultOptions: unknown };
    expect(json.defaultOptions).toEqual({ strategy: 8, core: 20 });
  });
});

function writeProject(dir: string, sla: string): void {
  spawnSync('mkdir', ['-p', join(dir, 'processes')]);
  writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\nroles:\n  sales-rep: {}\n');
  writeFileSync(
    join(dir, 'processes', 'leads.yaml'),
    `crmflow: 1\nid: leads\nlayer: operation\nsteps:\n  - id: start\n    type: start\n    next: call\n  - id: call\n    type: task\n    role: sales-rep\n    ${sla}\n${sla.startsWith('next') ? '' : '    next: done\n'}  - id: done\n    type: end\n`,
  );
}
