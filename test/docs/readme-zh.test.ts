/**
 * README.zh-CN.md is a full translation of README.md: the same headings at the same levels in
 * the same order, and in every section the same blocks — paragraphs, list items, code blocks
 * (language and line count), tables (row count each), links and images — with every command and
 * code line of README.md kept as it is. A summary of a section ("see the English README") fails
 * here, naming the section and what it lacks. When a section is added to one and not the other,
 * the failure lists both outlines side by side from the first heading that differs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

interface Heading {
  level: number;
  text: string;
  line: number;
}

/** Markdown headings outside fenced code blocks (a `# comment` in a shell block is not one). */
export function headings(markdown: string): Heading[] {
  return sections(markdown)
    .filter((s) => s.heading.level > 0)
    .map((s) => s.heading);
}

/** The two outlines from the first place where their levels differ, or undefined when they match. */
export function outlineDifference(en: Heading[], zh: Heading[]): string | undefined {
  const n = Math.max(en.length, zh.length);
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (en[i]?.level !== zh[i]?.level) {
      first = i;
      break;
    }
  }
  if (first < 0) return undefined;
  const show = (h: Heading | undefined) => (h ? `${'#'.repeat(h.level)} ${h.text} (line ${h.line})` : '(none)');
  const rows = [];
  for (let i = first; i < Math.min(n, first + 8); i++) rows.push(`  ${show(en[i])}  ↔  ${show(zh[i])}`);
  return `heading ${first + 1} differs (README.md ↔ README.zh-CN.md):\n${rows.join('\n')}`;
}

interface CodeBlock {
  lang: string;
  lines: string[];
}

/** What a translation must keep of one section: its shape, not its words. */
interface Section {
  heading: Heading;
  paragraphs: number;
  listItems: number;
  /** Rows (header and separator included) of each table, in order. */
  tables: number[];
  code: CodeBlock[];
  links: number;
  images: number;
  /** Characters of text outside code blocks, runs of white space counted as one. */
  prose: number;
}

/**
 * Splits a Markdown file into sections at its headings (the text before the first heading is a
 * section of level 0) and counts the blocks of each. A paragraph starts at an unindented line
 * after a blank line or a block; indented lines continue the list item above them.
 */
export function sections(markdown: string): Section[] {
  const out: Section[] = [];
  const start = (heading: Heading): Section => {
    const s: Section = { heading, paragraphs: 0, listItems: 0, tables: [], code: [], links: 0, images: 0, prose: 0 };
    out.push(s);
    return s;
  };
  let cur = start({ level: 0, text: '(top)', line: 0 });
  let fence: { char: string; block: CodeBlock } | undefined;
  let prev: 'blank' | 'para' | 'list' | 'table' | 'other' = 'blank';
  markdown.split('\n').forEach((line, i) => {
    const f = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence.char) fence = undefined;
      else fence.block.lines.push(line);
      return;
    }
    if (f) {
      const block = { lang: f[2] ?? '', lines: [] };
      cur.code.push(block);
      fence = { char: f[1]![0]!, block };
      prev = 'other';
      return;
    }
    if (line.trim() === '') {
      prev = 'blank';
      return;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) {
      cur = start({ level: h[1]!.length, text: h[2]!.trim(), line: i + 1 });
      prev = 'blank';
      return;
    }
    cur.prose += line.replace(/\s+/g, ' ').trim().length + 1;
    cur.images += (line.match(/!\[[^\]]*\]\([^)]*\)/g) ?? []).length;
    cur.links += (line.match(/(?<!!)\[[^\]]*\]\([^)]*\)/g) ?? []).length;
    if (/^\s*\|/.test(line)) {
      if (prev === 'table') cur.tables[cur.tables.length - 1]!++;
      else cur.tables.push(1);
      prev = 'table';
    } else if (/^\s*([-*+]|\d+\.)\s/.test(line)) {
      cur.listItems++;
      prev = 'list';
    } else if (/^<!--.*-->$/.test(line.trim())) {
      prev = 'other';
    } else if (prev === 'blank' && !/^\s/.test(line)) {
      cur.paragraphs++;
      prev = 'para';
    } else if (prev === 'blank' || prev === 'table' || prev === 'other') {
      prev = 'other';
    }
  });
  return out;
}

/** A section's counts in one line, for a failure message. */
function shape(s: Section): string {
  const code = s.code.map((c) => `${c.lang || 'plain'}×${c.lines.length}`).join(' ');
  return `paragraphs ${s.paragraphs}, list items ${s.listItems}, tables [${s.tables.join(', ')}], code [${code}], links ${s.links}, images ${s.images}`;
}

/** Every section whose blocks differ, with both shapes; empty when the two files match. */
export function sectionDifferences(en: Section[], zh: Section[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.min(en.length, zh.length); i++) {
    const a = shape(en[i]!);
    const b = shape(zh[i]!);
    if (a !== b) out.push(`${'#'.repeat(en[i]!.heading.level)} ${en[i]!.heading.text} ↔ ${zh[i]!.heading.text}:\n    en ${a}\n    zh ${b}`);
  }
  return out;
}

/**
 * Sections whose translation is much shorter than the English: Chinese runs to 0.42–0.79 of the
 * English characters in the sections translated in full, and 0.10–0.36 in the ones that were
 * summaries, so below 0.4 (in sections of 200 characters or more) is a summary.
 */
export function shortSections(en: Section[], zh: Section[], ratio = 0.4): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.min(en.length, zh.length); i++) {
    const a = en[i]!;
    const b = zh[i]!;
    if (a.prose >= 200 && b.prose < ratio * a.prose)
      out.push(`${a.heading.text} ↔ ${b.heading.text}: ${b.prose} characters against ${a.prose} (${(b.prose / a.prose).toFixed(2)})`);
  }
  return out;
}

/** A code line without its trailing comment (comments may be translated), trimmed at the end. */
function codeLine(lang: string, line: string): string | undefined {
  if (/^\s*(#|\/\/)/.test(line)) return undefined;
  const bare = (lang === 'ts' ? line.replace(/\s+\/\/\s.*$/, '') : line.replace(/\s+#\s.*$/, '')).trimEnd();
  return bare === '' ? undefined : bare;
}

/**
 * The lines a translation keeps as they are: commands (`$ …` lines of console blocks, every line
 * of sh blocks) and the lines of YAML and TypeScript, comments aside. Output samples in console
 * and text blocks may show crmflow's Chinese output, so only their commands count.
 */
export function keptLines(s: Section): string[] {
  const out: string[] = [];
  for (const block of s.code) {
    for (const line of block.lines) {
      if (block.lang === 'console') {
        if (line.startsWith('$ ')) out.push(codeLine('sh', line)!);
      } else if (['sh', 'bash', 'yaml', 'ts'].includes(block.lang)) {
        const bare = codeLine(block.lang, line);
        if (bare !== undefined) out.push(bare);
      }
    }
  }
  return out;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

/** Links of a Markdown file that do not resolve: a missing file, or an anchor no heading has. */
export function brokenLinks(markdown: string, file: string): string[] {
  const own = new Set(headings(markdown).map((h) => anchor(h.text)));
  const prose = markdown.replace(/^\s*```[\s\S]*?^\s*```/gm, '').replace(/`[^`\n]*`/g, '');
  const out: string[] = [];
  for (const m of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]!;
    if (/^[a-z]+:/.test(target)) continue;
    const [path, hash] = target.split('#') as [string, string | undefined];
    if (path === '') {
      if (!own.has(decodeURIComponent(hash ?? ''))) out.push(target);
      continue;
    }
    const full = join(dirname(file), path);
    if (!existsSync(full)) out.push(target);
    else if (hash !== undefined && full.endsWith('.md')) {
      const other = new Set(headings(readFileSync(full, 'utf8')).map((h) => anchor(h.text)));
      if (!other.has(decodeURIComponent(hash))) out.push(target);
    }
  }
  return out;
}

describe('README.zh-CN.md', () => {
  const en = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const zh = readFileSync(join(ROOT, 'README.zh-CN.md'), 'utf8');

  it('has the sections of README.md: same heading levels, same count, same order', () => {
    const a = headings(en);
    const b = headings(zh);
    expect(a.length).toBeGreaterThan(20);
    expect(outlineDifference(a, b)).toBeUndefined();
  });

  it('has in every section the paragraphs, list items, code blocks, tables, links and images of README.md', () => {
    const diffs = sectionDifferences(sections(en), sections(zh));
    expect(diffs, `sections that differ (README.md ↔ README.zh-CN.md):\n${diffs.join('\n')}`).toEqual([]);
  });

  it('is no shorter than a full translation in any section', () => {
    expect(shortSections(sections(en), sections(zh))).toEqual([]);
  });

  it('keeps every command and code line of README.md, section by section', () => {
    const a = sections(en);
    const b = sections(zh);
    const missing: string[] = [];
    a.forEach((s, i) => {
      const kept = new Set(b[i] ? keptLines(b[i]!) : []);
      for (const line of keptLines(s)) if (!kept.has(line)) missing.push(`${s.heading.text}: ${line.trim()}`);
    });
    expect(keptLines(a.find((s) => s.heading.text === 'Quick start')!)).toContain('npm test');
    expect(missing).toEqual([]);
  });

  it('has links that work: files that exist, anchors of its own headings', () => {
    expect(brokenLinks(en, join(ROOT, 'README.md'))).toEqual([]);
    expect(brokenLinks(zh, join(ROOT, 'README.zh-CN.md'))).toEqual([]);
  });

  it('is linked from the top of README.md, and links back', () => {
    expect(en.split('\n').slice(0, 5).join('\n')).toContain('(README.zh-CN.md)');
    expect(zh.split('\n').slice(0, 5).join('\n')).toContain('(README.md)');
  });

  it('is in Chinese', () => {
    const prose = zh.replace(/```[\s\S]*?```/g, '');
    expect((prose.match(/[\u4e00-\u9fff]/g) ?? []).length).toBeGreaterThan(5000);
  });

  it('reports a section missing from the translation, naming it', () => {
    const missing = headings(zh).filter((h) => h.text !== '并行块');
    expect(outlineDifference(headings(en), missing)).toMatch(/### Parallel blocks/);
    expect(outlineDifference(headings(en), missing)).toMatch(/heading \d+ differs/);
  });

  it('reports a section that is only summarised, naming it and what it lacks', () => {
    const full = '# T\n\n## Calibrating\n\nFits a process.\n\n```sh\ncrmflow calibrate x --log a.csv\n```\n\n- durations\n- branches\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
    const summary = '# T\n\n## 校准\n\n拟合流程：时长、分支。\n\n> 完整说明见 [英文版](README.md#calibrating)。\n';
    const diffs = sectionDifferences(sections(full), sections(summary));
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toMatch(/## Calibrating ↔ 校准/);
    expect(diffs[0]).toMatch(/en paragraphs 1, list items 2, tables \[3\], code \[sh×1\], links 0/);
    expect(diffs[0]).toMatch(/zh paragraphs 2, list items 0, tables \[\], code \[\], links 1/);
    expect(shortSections(sections(full), sections(summary), 0.4)).toEqual([]);
    const long = full.replace('Fits a process.', 'Fits a process to what the CRM recorded. '.repeat(8));
    expect(shortSections(sections(long), sections(summary), 0.4)[0]).toMatch(/Calibrating ↔ 校准: \d+ characters against \d+/);
    expect(keptLines(sections(full)[2]!)).toEqual(['crmflow calibrate x --log a.csv']);
    expect(keptLines(sections(summary)[2]!)).toEqual([]);
  });

  it('counts a list item with indented continuation, code and table as one item', () => {
    const md = '## A\n\n- one\n  more\n\n  | x |\n  |---|\n\n  ```sh\n  npm test # run\n  ```\n- two\n\nAfter.\n';
    const [, a] = sections(md);
    expect({ items: a!.listItems, paragraphs: a!.paragraphs, tables: a!.tables, code: a!.code.length }).toEqual({
      items: 2,
      paragraphs: 1,
      tables: [2],
      code: 1,
    });
    expect(keptLines(a!)).toEqual(['  npm test']);
  });

  it('skips # lines inside code blocks', () => {
    expect(headings('# a\n```sh\n# not a heading\n```\n## b\n').map((h) => h.text)).toEqual(['a', 'b']);
  });

  it('finds anchors as GitHub makes them, Chinese headings included', () => {
    expect(anchor('Linting processes: `lint` and `explain`')).toBe('linting-processes-lint-and-explain');
    expect(anchor('检查流程：`lint` 和 `explain`')).toBe('检查流程lint-和-explain');
    expect(anchor('Approval modes and pools (会签 / 或签 / 依次审批, 公海池)')).toBe('approval-modes-and-pools-会签--或签--依次审批-公海池');
    expect(brokenLinks('## 并行块\n\n[a](#并行块) [b](#parallel-blocks)\n', join(ROOT, 'README.zh-CN.md'))).toEqual(['#parallel-blocks']);
  });
});
