/**
 * Report-style outputs under LANG=zh_CN.UTF-8 — diff (text, Markdown, --simulate), review, the
 * git diff driver, roles, site, render's index, export to Mermaid, init and fields — print
 * Chinese and no English sentence: neither a piece of the catalog's English (`englishIn`) nor
 * English that is written into the code (`englishRuns`: four English words in a row once ids,
 * paths, code spans and the names the user wrote in the YAML are taken out).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, crmflow } from '../cli/helpers.js';
import { FIXTURES, tempRepo, type TempRepo } from '../diff/repo.js';
import { ZH, englishIn } from './scan.js';

const ZH_EXAMPLE = join(ROOT, 'examples', 'after-sales-zh');
const CJK = /[\u4e00-\u9fff]/;

/** Every string the user wrote in a project's YAML (names, descriptions, ids, conditions…). */
function userTexts(dir: string): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.add(v.trim());
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const files = (d: string): string[] =>
    readdirSync(d).flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? (f === 'node_modules' || f.startsWith('.') ? [] : files(p)) : /\.ya?ml$/.test(f) ? [p] : [];
    });
  for (const f of [join(dir, 'crmflow.yaml'), ...files(join(dir, 'processes'))]) {
    try {
      walk(parse(readFileSync(f, 'utf8')));
    } catch {
      // a broken fixture file has no names to strip
    }
  }
  // Long texts are shown cut (`"Every lead enters the…"`): their beginnings count too.
  // Single words (`task`, `all`, ids) are not prose: only texts with a space are taken out.
  const all = [...out].filter((s) => /\s/.test(s));
  return [...new Set([...all, ...all.filter((s) => s.length > 40).map((s) => s.replace(/\s+/g, ' ').slice(0, 40))])].sort((a, b) => b.length - a.length);
}

/**
 * Runs of four or more English words in `output` once markup, code spans, paths, ids and the
 * user's own `names` are removed: English the catalog does not know about (hard-coded text).
 */
export function englishRuns(output: string, names: readonly string[] = []): string[] {
  let text = output
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? m)
    .replace(/#(\d+);/g, (_m, c: string) => String.fromCodePoint(Number(c)))
    .replace(/\\([\\`*_[\]<>|#&])/g, '$1');
  for (const n of names) text = text.split(n).join(' \u0000 ');
  text = text
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\b(?:https?:\/\/|\/)?[\w.@~-]+(?:\/[\w.@~-]+)+/g, ' ')
    .replace(/\b[\w]+(?:[-_.][\w]+)+\b/g, ' ')
    .replace(/--?[\w-]+/g, ' ');
  return [...text.matchAll(/\b[A-Za-z]{2,}(?:[ ,;:'"()]+[A-Za-z]{2,}){3,}\b/g)].map((m) => m[0].replace(/\s+/g, ' '));
}

function expectChinese(output: string, names: readonly string[]): void {
  expect(output).toMatch(CJK);
  expect(englishIn(output)).toEqual([]);
  expect(englishRuns(output, names)).toEqual([]);
}

/** A git repository with after-sales-zh and a second commit that changes it. */
function chineseRepo(): TempRepo {
  const repo = tempRepo();
  cpSync(join(ZH_EXAMPLE, 'crmflow.yaml'), join(repo.dir, 'crmflow.yaml'));
  cpSync(join(ZH_EXAMPLE, 'processes'), join(repo.dir, 'processes'), { recursive: true });
  cpSync(join(ZH_EXAMPLE, 'data'), join(repo.dir, 'data'), { recursive: true });
  repo.commit('添加售后工单流程', '2026-07-01T10:00:00Z', '张伟 <zhang@example.com>');
  const file = join(repo.dir, 'processes', 'after-sales-ticket.yaml');
  const text = readFileSync(file, 'utf8');
  const changed = text
    .replace('sla: { within: 4h, breach: escalate-complaint, calendar: kefu-7x24 }', 'sla: { within: 8h, breach: escalate-complaint, calendar: kefu-7x24 }')
    .replace('{ next: follow-up-call, probability: 0.2, name: 驳回 }', '{ next: follow-up-call, probability: 0.25 }')
    .replace('{ next: log-ticket-manually, probability: 0.01, name: 系统异常 }', '{ next: log-ticket-manually, probability: 0.02 }');
  expect(changed).not.toBe(text);
  writeFileSync(file, changed);
  const config = join(repo.dir, 'crmflow.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('headcount: 6', 'headcount: 7'));
  repo.commit('放宽一线处理时限，增加客服', '2026-07-15T10:00:00Z', '李娜 <li@example.com>');
  return repo;
}

/** A git repository with the English diff fixtures v1 → v2 (names in English, stripped by the check). */
function englishRepo(): TempRepo {
  const repo = tempRepo();
  repo.use('v1');
  repo.commit('第一版', '2026-07-01T10:00:00Z');
  repo.use('v2');
  repo.commit('第二版', '2026-07-10T10:00:00Z');
  return repo;
}

describe('report outputs speak Chinese under LANG=zh_CN.UTF-8', () => {
  let zh: TempRepo;
  let en: TempRepo;
  let tmp: string;
  let zhNames: string[];
  let enNames: string[];
  beforeAll(() => {
    zh = chineseRepo();
    en = englishRepo();
    tmp = mkdtempSync(join(tmpdir(), 'crmflow-zh-out-'));
    zhNames = userTexts(ZH_EXAMPLE);
    enNames = [...new Set([...userTexts(join(FIXTURES, 'v1')), ...userTexts(join(FIXTURES, 'v2')), ...userTexts(ROOT)])].sort((a, b) => b.length - a.length);
  });
  afterAll(() => {
    zh?.remove();
    en?.remove();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it.each([['text'], ['markdown']])('diff --format %s on the Chinese example', (format) => {
    const r = crmflow(['diff', 'HEAD~1', 'HEAD', '--format', format], { cwd: zh.dir, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(format === 'text' ? '1 个流程有变更' : '## 流程变更');
    expect(r.stdout).toContain('8 小时');
    expect(r.stdout).toContain('驳回');
    expectChinese(r.stdout + r.stderr, zhNames);
  });

  it('diff --simulate --format markdown has its impact section in Chinese', () => {
    const r = crmflow(['diff', 'HEAD~1', 'HEAD', '--simulate', '--runs', '2', '--cases', '40', '--format', 'markdown'], { cwd: zh.dir, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('**模拟的影响：**');
    expect(r.stdout).toMatch(/显著/);
    expectChinese(r.stdout, zhNames);
  });

  it.each([['text'], ['markdown']])('diff --format %s on English-named processes', (format) => {
    const r = crmflow(['diff', 'HEAD~1', 'HEAD', '--format', format], { cwd: en.dir, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expectChinese(r.stdout, enNames);
  });

  it('the scan finds the English of diff and review when the language is English', () => {
    const d = crmflow(['diff', 'HEAD~1', 'HEAD', '--format', 'markdown', '--lang', 'en'], { cwd: zh.dir, env: ZH });
    expect(englishIn(d.stdout).length).toBeGreaterThan(0);
    expect(englishRuns(d.stdout, zhNames).length).toBeGreaterThan(0);
    const r = crmflow(['review', '--since', '2026-06-01', '--tz', 'Asia/Shanghai', '--lang', 'en'], { cwd: zh.dir, env: ZH });
    expect(englishRuns(r.stdout, zhNames).join('\n')).toContain('landed on the branch');
  });

  it('the hard-coded English check finds what the catalog scan cannot', () => {
    expect(englishRuns('✔ 已创建 3 个文件; run the tests again', [])).toEqual(['run the tests again']);
    expect(englishRuns('| `lead-pool` Unassigned lead pool | 修改 |', ['Unassigned lead pool'])).toEqual([]);
    expect(englishRuns('<p>Made by <code>crmflow diff</code> for you today</p>')).toEqual(['Made by crmflow diff for you today']);
  });

  it('review on the Chinese example', () => {
    const r = crmflow(['review', '--since', '2026-06-01', '--tz', 'Asia/Shanghai'], { cwd: zh.dir, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('# 流程复盘');
    expect(r.stdout).toContain('## 摘要');
    expect(r.stdout).toContain('## 设置');
    expect(r.stdout).toContain('2 位作者的 2 次提交');
    expectChinese(r.stdout + r.stderr, zhNames);
  });

  it('review --simulate shows the trend table in Chinese', () => {
    const r = crmflow(['review', '--since', '2026-06-01', '--tz', 'Asia/Shanghai', '--simulate', '--cases', '40'], { cwd: zh.dir, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('期初');
    expectChinese(r.stdout, zhNames);
  });

  it('the git diff driver', () => {
    zh.git('config', 'diff.crmflow.command', `"${process.execPath}" "${join(ROOT, 'bin', 'crmflow.js')}" git-diff`);
    writeFileSync(join(zh.dir, '.gitattributes'), 'processes/**/*.yaml diff=crmflow\n');
    const out = execFileSync('git', ['diff', '--ext-diff', 'HEAD~1', 'HEAD', '--', 'processes'], { cwd: zh.dir, encoding: 'utf8', env: { ...process.env, ...ZH, NO_COLOR: '1' } });
    expect(out).toContain('个流程有变更');
    expectChinese(out, zhNames);
  });

  it.each([
    ['the lead-to-cash example', ROOT],
    ['the after-sales-zh example', ZH_EXAMPLE],
  ])('roles on %s', (_name, cwd) => {
    const r = crmflow(['roles', '--cases', '40'], { cwd, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('# 职责矩阵');
    expect(r.stdout).toMatch(/人数 \d/);
    if (cwd === ROOT) expect(r.stdout).toContain('内置');
    expectChinese(r.stdout + r.stderr, cwd === ROOT ? enNames : zhNames);
  });

  it('site on the Chinese example (with its git history)', () => {
    const out = join(tmp, 'site');
    const r = crmflow(['site', '-o', out, '--cases', '40'], { cwd: zh.dir, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已写入');
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    expect(home).toContain('<html lang="zh-CN">');
    const pages = readdirSync(out)
      .filter((f) => f.endsWith('.html'))
      .map((f) => readFileSync(join(out, f), 'utf8'));
    for (const page of [...pages, r.stdout, r.stderr]) {
      expect(englishIn(page)).toEqual([]);
      expect(englishRuns(page, zhNames)).toEqual([]);
    }
  });

  it.each([['svg'], ['mermaid']])('render --format %s: the index and the notes', (format) => {
    const out = join(tmp, `render-${format}`);
    const r = crmflow(['render', '--format', format, '-o', out], { cwd: ROOT, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    const index = readFileSync(join(out, format === 'svg' ? 'index.html' : 'index.md'), 'utf8');
    if (format === 'svg') expect(index).toContain('<html lang="zh-CN">');
    expect(index).toContain('战略层');
    for (const text of [index, r.stdout, r.stderr]) expectChinese(text, enNames);
  });

  it('render of a broken file: the placeholder and the hint', () => {
    const dir = join(tmp, 'broken');
    cpSync(ZH_EXAMPLE, dir, { recursive: true });
    const file = join(dir, 'processes', 'after-sales-ticket.yaml');
    // An unclosed quote: the file does not load, so its diagram is a placeholder.
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: 售后工单', 'name: "售后工单'));
    const r = crmflow(['render', '--format', 'svg', '-o', join(dir, 'out')], { cwd: dir, env: ZH });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('未绘制');
    const svg = readFileSync(join(dir, 'out', 'after-sales-ticket.svg'), 'utf8');
    for (const text of [r.stdout, r.stderr, svg, readFileSync(join(dir, 'out', 'index.html'), 'utf8')]) {
      expect(englishIn(text)).toEqual([]);
      expect(englishRuns(text, zhNames)).toEqual([]);
    }
  });

  it.each([
    ['discount-approval', ROOT],
    ['after-sales-ticket', ZH_EXAMPLE],
  ])('export %s --format mermaid names exception paths in Chinese', (id, cwd) => {
    const r = crmflow(['export', id, '--format', 'mermaid'], { cwd, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    if (id === 'discount-approval') {
      expect(r.stdout).toContain('|"驳回"|');
      expect(r.stdout).toContain('|"异常"|');
      expect(r.stdout).toContain('|"超时 8 小时"|');
      expect(r.stdout).not.toMatch(/\|"(rejected|error|SLA 8h)"\|/);
    }
    expectChinese(r.stdout, cwd === ROOT ? enNames : zhNames);
  });

  it('export --format bpmn: the notes on what BPMN cannot hold', () => {
    const file = join(tmp, 'discount-approval.bpmn');
    const r = crmflow(['export', 'discount-approval', '-o', file], { cwd: ROOT, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('未导出');
    expectChinese(r.stderr, enNames);
    // The BPMN XML keeps the model's own words.
    expect(readFileSync(file, 'utf8')).toContain('Sales manager approves discount');
  });

  it('init in an empty folder', () => {
    const r = crmflow(['init', join(tmp, 'new-project')], { cwd: tmp, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已在');
    expect(r.stdout).toContain('下一步');
    expectChinese(r.stdout + r.stderr, []);
  });

  it('fields --infer', () => {
    const r = crmflow(['fields', '--infer', 'data/leads-sample.csv'], { cwd: ROOT, env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('推断');
    // The fields: block is YAML to paste (enum values as the data has them); its comments are prose.
    expectChinese(r.stdout.split('\n').filter((l) => l.startsWith('#')).join('\n'), enNames);
  });
});
