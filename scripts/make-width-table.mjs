#!/usr/bin/env node
/**
 * Writes src/render/columns.ts: the terminal columns (0, 1 or 2) string-width gives each code
 * point, as ranges. Text measurement in render looks a character up there instead of loading
 * string-width (its Intl.Segmenter and Unicode-property regexes cost ~100 ms of CPU at start).
 *
 *   node scripts/make-width-table.mjs
 *
 * test/render/columns.test.ts checks the table against string-width for every code point.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import stringWidth from 'string-width';

const { version } = JSON.parse(readFileSync(new URL('../node_modules/string-width/package.json', import.meta.url), 'utf8'));
const packed = [];
let prev = -1;
for (let cp = 0; cp <= 0x10ffff; cp++) {
  const w = stringWidth(String.fromCodePoint(cp));
  if (w !== prev) packed.push(cp * 4 + w);
  prev = w;
}
const rows = [];
for (let i = 0; i < packed.length; i += 16) rows.push(packed.slice(i, i + 16).join(','));
writeFileSync(
  new URL('../src/render/columns.ts', import.meta.url),
  `/**
 * Terminal columns (0, 1 or 2) of every code point, as string-width ${version} counts a single code point on Node ${process.versions.node} (Unicode ${process.versions.unicode}).
 * Written by scripts/make-width-table.mjs; do not edit. Each entry is start * 4 + columns of a
 * range that runs to the next entry's start.
 */
// prettier-ignore
const RANGES = [
${rows.join(',\n')},
];

/** Columns of code point \`cp\`, as string-width gives them for the one-character string. */
export function columnsOfCodePoint(cp: number): number {
  let lo = 0;
  let hi = RANGES.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (RANGES[mid]! >> 2 <= cp) lo = mid;
    else hi = mid - 1;
  }
  return RANGES[lo]! & 3;
}
`,
);
console.log(`wrote src/render/columns.ts: ${packed.length} ranges`);
