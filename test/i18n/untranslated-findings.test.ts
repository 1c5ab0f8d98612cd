/**
 * Under LANG=zh_CN.UTF-8, validate and lint speak Chinese on every fixture (the folder list is
 * read from disk, so a new fixture is covered without editing this file), and so do the CLI's
 * errors, hints and usage errors. Two scans: `englishIn` finds English catalog text; `englishRuns`
 * finds English that never went through the catalog (hard-coded strings, library messages).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/i18n/index.js';
import { idsZhCN } from '../../src/i18n/ids.zh-CN.js';
import { ENGINE_IDS, VALIDATION_IDS } from '../../src/lint/ids.js';
import { rules } from '../../src/lint/rules/index.js';
import { ROOT, crmflow } from '../cli/helpers.js';
import { ZH, englishIn, englishRuns } from './scan.js';

const folders = (dir: string) =>
  readdirSync(dir)
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isDirectory());

/** Every project folder among the fixtures: test/validate/fixtures/*, test/lint/fixtures/*, and the rule fixtures that have a crmflow.yaml. */
function fixtureProjects(): string[] {
  const rulesDir = join(ROOT, 'test', 'lint', 'rules', 'fixtures');
  const ruleProjects = folders(rulesDir).flatMap((d) => [d, ...folders(d)]).filter((d) => existsSync(join(d, 'crmflow.yaml')) && !d.endsWith('shared'));
  return [...folders(join(ROOT, 'test', 'validate', 'fixtures')), ...folders(join(ROOT, 'test', 'lint', 'fixtures')), ...ruleProjects];
}

const tmp = mkdtempSync(join(tmpdir(), 'crmflow-zh-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A single-file rule fixture as a project: the shared roles and the process "other" beside it (as test/lint/helpers.ts lints it). */
function singleFileProject(file: string): string {
  const rulesDir = join(ROOT, 'test', 'lint', 'rules', 'fixtures');
  const dir = join(tmp, file.replace(/\W+/g, '_'));
  mkdirSync(join(dir, 'processes'), { recursive: true });
  cpSync(join(rulesDir, 'shared', 'crmflow.yaml'), join(dir, 'crmflow.yaml'));
  cpSync(join(rulesDir, 'shared', 'other.yaml'), join(dir, 'processes', 'other.yaml'));
  cpSync(join(rulesDir, file), join(dir, 'processes', file));
  return dir;
}
const singleFiles = readdirSync(join(ROOT, 'test', 'lint', 'rules', 'fixtures')).filter((n) => n.endsWith('.yaml'));

const rel = (p: string) => p.slice(ROOT.length + 1);

describe('validate and lint on every fixture under LANG=zh_CN.UTF-8', () => {
  const projects = fixtureProjects();
  it('finds the fixtures', () => {
    expect(projects.length).toBeGreaterThan(30);
    expect(singleFiles.length).toBeGreaterThan(5);
  });
  const cases = [...projects.map((p) => [rel(p), p] as const), ...singleFiles.map((f) => [`rule fixture ${f}`, f] as const)];
  describe.each(cases)('%s', (_name, where) => {
    it.each(['validate', 'lint'])('%s', (command) => {
      const cwd = where.endsWith('.yaml') ? singleFileProject(where) : where;
      const zh = crmflow([command], { cwd, env: ZH });
      const output = zh.stdout + zh.stderr;
      // Findings exit 1, a clean project 0, a broken crmflow.yaml 2; never a crash. (That the
      // language does not change the exit code is checked on the bad-input commands below.)
      expect([0, 1, 2], output).toContain(zh.code);
      expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(output).toMatch(/[\u4e00-\u9fff]/);
      expect(englishIn(output)).toEqual([]);
      expect(englishRuns(output)).toEqual([]);
    });
  });
});

const lintProject = join(ROOT, 'test', 'lint', 'fixtures', 'all-rules');
const example = join(ROOT, 'examples', 'after-sales-zh');

/** Each command with a bad argument or option: [what is typed, the folder it runs in]. */
const BAD: [string, string][] = [
  ['validate nope.yaml', example],
  ['validate --format bogus', example],
  ['validate --formt json', example],
  ['lint --rule dead-ends=warn', example],
  ['lint --rule dead-end=loud', example],
  ['lint --rule dead-end', example],
  ['lint --max-warnings lots', example],
  ['lint --format bogus', example],
  ['render nope', example],
  ['render --direction sideways', example],
  ['render --theme neon', example],
  ['render --format bogus', example],
  ['simulate', example],
  ['simulate after-sales-ticket --cases -1', example],
  ['simulate after-sales-ticket --cases many', example],
  ['simulate after-sales-ticket extra', example],
  ['explain dead-ends', example],
  ['explain --format bogus', example],
  ['export nope --format bogus', example],
  ['init --example nope', tmp],
  ['schema --stdout nope', example],
  ['bogus', example],
  ['validate', tmp],
  ['lint', tmp],
];

describe('CLI errors, hints and usage errors under LANG=zh_CN.UTF-8', () => {
  it.each(BAD)('crmflow %s', (command, cwd) => {
    const args = command.split(' ');
    const zh = crmflow(args, { cwd, env: ZH });
    const en = crmflow([...args, '--lang', 'en'], { cwd, env: ZH });
    expect(zh.code, zh.stderr).toBe(2);
    expect(en.code, en.stderr).toBe(2);
    expect(zh.stderr).toMatch(/^错误：/m);
    expect(zh.stderr).not.toMatch(/^(error|hint):/m);
    expect(englishIn(zh.stderr)).toEqual([]);
    expect(englishRuns(zh.stderr)).toEqual([]);
  });
});

describe('explain under LANG=zh_CN.UTF-8', () => {
  const ids = [...rules.map((r) => r.id), ...Object.keys(VALIDATION_IDS), ...Object.keys(ENGINE_IDS)];
  it('has a Chinese text for every validation and engine id', () => {
    expect(Object.keys(idsZhCN).sort()).toEqual([...Object.keys(VALIDATION_IDS), ...Object.keys(ENGINE_IDS)].sort());
  });
  it.each(['', ...ids])('explain %s', (id) => {
    const r = crmflow(id ? ['explain', id] : ['explain'], { env: ZH });
    expect(r.code, r.stderr).toBe(0);
    // The Bad / Good examples are YAML as a user writes it; the prose before them is checked.
    const prose = r.stdout.split(`\n${CATALOGS['zh-CN']['explain.bad']}\n`)[0]!;
    expect(prose).toMatch(/[\u4e00-\u9fff]/);
    expect(englishIn(prose)).toEqual([]);
    expect(englishRuns(prose)).toEqual([]);
  });
});

describe('the hard-coded English scan can fail', () => {
  it('finds English in lint --lang en on the lint fixture project', () => {
    const r = crmflow(['lint', '--lang', 'en'], { cwd: lintProject, env: ZH });
    expect(englishRuns(r.stdout).length).toBeGreaterThan(10);
  });
  it('finds English in an English usage error and in commander messages', () => {
    expect(englishRuns(crmflow(['render', '--direction', 'sideways', '--lang', 'en'], { cwd: example, env: ZH }).stderr)).not.toEqual([]);
    expect(englishRuns(crmflow(['validate', 'a', '--lang', 'en'], { cwd: tmp, env: ZH }).stderr)).not.toEqual([]);
    expect(englishRuns('错误：too many arguments for this command here')).toEqual(['too many arguments for this command here']);
  });
  it('leaves ids, paths, quoted text and code spans alone', () => {
    expect(englishRuns('processes/a.yaml:3:5  错误  审批 "Approve the big deal now" 没有 on.rejected  exception-path-missing')).toEqual([]);
    expect(englishRuns('写 `mode: all any or sequence here` 或 --max-warnings')).toEqual([]);
  });
});
