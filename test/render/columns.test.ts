/** The column table render measures with must say what string-width says, code point by code point. */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { columnsOfCodePoint } from '../../src/render/columns.js';

function mismatches(cps: Iterable<number>): string[] {
  const bad: string[] = [];
  for (const cp of cps) {
    const want = stringWidth(String.fromCodePoint(cp));
    if (columnsOfCodePoint(cp) !== want) bad.push(`U+${cp.toString(16).toUpperCase()}: table ${columnsOfCodePoint(cp)}, string-width ${want}`);
  }
  return bad;
}

describe('columnsOfCodePoint', () => {
  it('agrees with string-width on every code point of the Basic Multilingual Plane', () => {
    const bmp = Array.from({ length: 0x10000 }, (_, i) => i);
    expect(mismatches(bmp).slice(0, 10)).toEqual([]);
  });
  it('agrees with string-width on the supplementary planes: emoji, CJK extensions, tags, private use, the last code point', () => {
    const ranges: [number, number][] = [[0x1f000, 0x1faff], [0x20000, 0x2a6df], [0x2f800, 0x2fa1f], [0x30000, 0x3134f], [0xe0000, 0xe01ef], [0xf0000, 0xf00ff], [0x10ff00, 0x10ffff]];
    const cps = ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));
    expect(mismatches(cps).slice(0, 10)).toEqual([]);
  });
  it('knows the cases text layout depends on', () => {
    expect(columnsOfCodePoint('中'.codePointAt(0)!)).toBe(2);
    expect(columnsOfCodePoint('，'.codePointAt(0)!)).toBe(2);
    expect(columnsOfCodePoint('é'.codePointAt(0)!)).toBe(1);
    expect(columnsOfCodePoint(0x0301)).toBe(0); // combining acute accent
    expect(columnsOfCodePoint(0x200b)).toBe(0); // zero-width space
    expect(columnsOfCodePoint(0x1f600)).toBe(2); // 😀
  });
});
