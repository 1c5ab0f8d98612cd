/**
 * README.zh-CN.md is a full translation of README.md: the same headings at the same levels in
 * the same order. When a section is added to one and not the other, the failure lists both
 * outlines side by side from the first heading that differs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

interface Heading {
  level: number;
  text: string;
  line: number;
}

/** Markdown headings outside fenced code blocks (a `# comment` in a shell block is not one). */
export function headings(markdown: string): Heading[] {
  const out: Heading[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((line, i) => {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === undefined) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) out.push({ level: h[1]!.length, text: h[2]!.trim(), line: i + 1 });
  });
  return out;
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

describe('README.zh-CN.md', () => {
  const en = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const zh = readFileSync(join(ROOT, 'README.zh-CN.md'), 'utf8');

  it('has the sections of README.md: same heading levels, same count, same order', () => {
    const a = headings(en);
    const b = headings(zh);
    expect(a.length).toBeGreaterThan(20);
    expect(outlineDifference(a, b)).toBeUndefined();
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

  it('skips # lines inside code blocks', () => {
    expect(headings('# a\n```sh\n# not a heading\n```\n## b\n').map((h) => h.text)).toEqual(['a', 'b']);
  });
});
