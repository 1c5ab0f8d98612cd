/**
 * Under LANG=zh_CN.UTF-8, the errors and hints of diff, review, export, import, fields, schema,
 * roles, site and render, the notes of `import`, and the --help of those commands (with init and
 * explain) are Chinese: `englishIn` finds English catalog text, `englishRuns` English that never
 * went through the catalog. Each bad input is one a user types by mistake.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, crmflow } from '../cli/helpers.js';
import { ZH, englishIn, englishRuns } from './scan.js';

const tmp = mkdtempSync(join(tmpdir(), 'crmflow-zh-b-'));
const repo = join(tmp, 'repo');
const bare = join(tmp, 'not-a-repo');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(() => {
  // A project in a git repository with one commit, and a project outside any repository.
  expect(crmflow(['init', repo]).code).toBe(0);
  expect(crmflow(['init', bare]).code).toBe(0);
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
  expect(git('init', '-q').status).toBe(0);
  expect(git('add', '-A').status).toBe(0);
  expect(git('commit', '-qm', 'processes').status).toBe(0);
  writeFileSync(join(repo, 'not-xml.bpmn'), 'this is not a diagram\n');
});

/** The Chinese error of a bad input: exit 2, 错误：, Chinese, and no English sentence. */
function expectChineseError(args: string[], cwd = repo): string {
  const r = crmflow(args, { cwd, env: ZH });
  const output = r.stdout + r.stderr;
  expect(r.code, output).toBe(2);
  expect(r.stderr, output).toMatch(/^错误：/m);
  expect(r.stderr, output).not.toMatch(/^(error|hint):/m);
  expect(r.stderr, output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  expect(englishIn(output), output).toEqual([]);
  expect(englishRuns(output), output).toEqual([]);
  return r.stderr;
}

describe('errors and hints in zh-CN', () => {
  const cases: [string, string[], RegExp, string?][] = [
    ['diff: an unknown revision', ['diff', 'nope-rev', 'HEAD'], /版本 "nope-rev" 无法解析（git：需要一个单独的版本）/],
    ['diff: too many revisions', ['diff', 'a', 'b', 'c'], /版本太多/],
    ['diff: a path with no process', ['diff', 'HEAD', '--', 'nowhere'], /nowhere 在 HEAD 和 工作区 中都没有流程文件/],
    ['diff: outside a git repository', ['diff'], /不在 git 仓库中/, bare],
    ['review: a day that does not exist', ['review', '--since', '2026-02-30'], /2026 年 2 月只有 28 天/],
    ['review: an unknown branch', ['review', '--since', '2026-01-01', '--branch', 'nope'], /--branch "nope" 无法解析/],
    ['review: neither a date nor a revision', ['review', '--since', 'nope'], /既不是日期也不是版本/],
    ['review: without --since', ['review'], /review 需要 --since/],
    ['review: a made-up time zone', ['review', '--since', '2026-01-01', '--tz', 'Mars/Base'], /不是时区/],
    ['export: an unknown process', ['export', 'nope'], /本项目中没有流程 "nope"[\s\S]*已有的流程/],
    ['export: a Camunda 7 version', ['export', 'discount-approval', '--target', 'camunda8', '--camunda-version', '7'], /必须是 Camunda 8 的版本/],
    ['export: --all without a folder', ['export', '--all'], /--all 为每个流程写一个文件/],
    ['import: a missing file', ['import', 'missing.bpmn'], /missing\.bpmn：没有这个文件/],
    ['import: a file that is not XML', ['import', 'not-xml.bpmn'], /文件不是 XML/],
    ['site: an unwritable folder', ['site', '-o', '/dev/null/x', '--no-simulate', '--no-history'], /无法把门户写到 \/dev\/null\/x/],
    ['render: an unwritable folder', ['render', '-o', '/dev/null/x'], /无法把流程图写到 \/dev\/null\/x：有一个同名文件挡在那里/],
    ['roles: an unknown format', ['roles', '--format', 'bogus'], /不支持格式 "bogus"/],
    ['fields: missing sample data', ['fields', '--infer', 'missing.csv'], /missing\.csv：无法读取样例数据/],
    ['fields: no --infer', ['fields'], /请给出用来推断的样例数据/],
    ['schema: --check of a missing folder', ['schema', '--check', '-o', 'nope'], /没有 schema 目录/],
  ];
  for (const [name, args, expected, cwd] of cases) {
    it(name, () => {
      expect(expectChineseError(args, cwd)).toMatch(expected);
    });
  }
});

describe('import notes in zh-CN', () => {
  it('says what was dropped or changed, and what lint will still ask for, in Chinese (stderr and the YAML comment)', () => {
    const file = join(ROOT, 'test', 'i18n', 'fixtures', 'import-notes.bpmn');
    const r = crmflow(['import', file], { cwd: bare, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    const notes = r.stderr.split('\n').filter((l) => l.trim());
    // One line per construct of the fixture (message flow, annotations, empty pool, flow without
    // a target, timer start, inclusive gateway, call activity, throw event, parallel gateway,
    // escalation end, compensation and signal boundary events) and per lint gap.
    expect(notes.length).toBeGreaterThanOrEqual(19);
    for (const line of notes) expect(line).toMatch(/^(说明|警告) {2}\S/);
    expect(r.stderr).toContain('包容网关 "Which checks" 导入为排他判断');
    expect(r.stderr).toContain('补偿边界事件 "Undo" 没有导入');
    expect(r.stderr).toContain('结束事件 "Escalated" 抛出升级');
    expect(r.stderr).toContain('（检查规则：missing-owner）');
    expect(r.stdout).toContain('# 没有表示的内容（请检查）：');
    expect(r.stdout).toContain('# - 连线 "f9" 没有起点或终点，已跳过');
    const output = r.stderr + r.stdout.split('\n').filter((l) => l.startsWith('#')).join('\n');
    expect(englishIn(output)).toEqual([]);
    expect(englishRuns(output)).toEqual([]);
  });

  it('keeps the English notes word for word under --lang en', () => {
    const file = join(ROOT, 'test', 'i18n', 'fixtures', 'import-notes.bpmn');
    const r = crmflow(['import', file, '--lang', 'en'], { cwd: bare, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning  notes (incl): inclusive gateway "Which checks" is imported as an exclusive decision: crmflow takes the first branch that applies');
    expect(r.stderr).toContain('note  notes (end2): end event "Escalated" throws a escalation; imported as a plain end');
    expect(r.stdout).toContain('# Not represented (check these):');
  });
});

describe('--help in zh-CN', () => {
  for (const command of ['diff', 'review', 'export', 'import', 'render', 'site', 'roles', 'fields', 'init', 'schema', 'explain']) {
    it(`${command} --help: examples and notes too`, () => {
      const r = crmflow([command, '--help'], { env: ZH });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/\n示例：\n {2}\$ crmflow /);
      expect(r.stdout).not.toMatch(/Examples:|Exit codes:/);
      // Example command lines are commands, not prose.
      const prose = r.stdout.replace(/^\s*\$ crmflow .*$/gm, ' ');
      expect(englishIn(prose)).toEqual([]);
      expect(englishRuns(prose)).toEqual([]);
    });
  }
});
