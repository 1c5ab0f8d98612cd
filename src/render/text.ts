/**
 * Text measurement before layout. Widths come from the advance widths of DejaVu Sans (the
 * first font in the diagrams' font stack) for ASCII; East Asian wide characters count as one
 * full em (CJK fonts draw them square); anything else gets a generous 0.8 em. Measuring with
 * a fixed table rather than the fonts of the machine keeps the output byte-identical
 * everywhere.
 */
// Terminal columns (0, 1 or 2) of characters outside printable ASCII come from a table of what
// string-width gives each code point: loading string-width itself (Intl.Segmenter,
// Unicode-property regexes) cost ~100 ms of CPU per render.
import { columnsOfCodePoint } from './columns.js';

/** Font size of step labels, in px. */
export const FONT_SIZE = 13;
/** Line height of step labels, in px. */
export const LINE_HEIGHT = 17;
/** The font stack written into the SVG; DejaVu first because the widths are its widths. */
export const FONT_FAMILY = "'DejaVu Sans', 'Noto Sans CJK SC', 'Noto Sans CJK JP', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', Verdana, sans-serif";

// Advance widths in em of DejaVu Sans (Book and Bold) for code points 32..126, read from the fonts' hmtx tables.
// prettier-ignore
const REGULAR = [0.318,0.401,0.46,0.838,0.636,0.95,0.78,0.275,0.39,0.39,0.5,0.838,0.318,0.361,0.318,0.337,0.636,0.636,0.636,0.636,0.636,0.636,0.636,0.636,0.636,0.636,0.337,0.337,0.838,0.838,0.838,0.531,1,0.684,0.686,0.698,0.77,0.632,0.575,0.775,0.752,0.295,0.295,0.656,0.557,0.863,0.748,0.787,0.603,0.787,0.695,0.635,0.611,0.732,0.684,0.989,0.685,0.611,0.685,0.39,0.337,0.39,0.838,0.5,0.5,0.613,0.635,0.55,0.635,0.615,0.352,0.635,0.634,0.278,0.278,0.579,0.278,0.974,0.634,0.612,0.635,0.635,0.411,0.521,0.392,0.634,0.592,0.818,0.592,0.592,0.525,0.636,0.337,0.636,0.838];
// prettier-ignore
const BOLD = [0.348,0.456,0.521,0.838,0.696,1.002,0.872,0.306,0.457,0.457,0.523,0.838,0.38,0.415,0.38,0.365,0.696,0.696,0.696,0.696,0.696,0.696,0.696,0.696,0.696,0.696,0.4,0.4,0.838,0.838,0.838,0.58,1,0.774,0.762,0.734,0.83,0.683,0.683,0.821,0.837,0.372,0.372,0.775,0.637,0.995,0.837,0.85,0.733,0.85,0.77,0.72,0.682,0.812,0.774,1.103,0.771,0.724,0.725,0.457,0.365,0.457,0.838,0.5,0.5,0.675,0.716,0.593,0.716,0.678,0.435,0.716,0.712,0.343,0.343,0.665,0.343,1.042,0.712,0.687,0.716,0.716,0.493,0.595,0.478,0.712,0.652,0.924,0.645,0.652,0.582,0.712,0.365,0.712,0.838];

/** Width in px of one line of text at `size` px. */
export function textWidth(text: string, size = FONT_SIZE, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let em = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 32 && cp <= 126) em += table[cp - 32]!;
    else {
      const w = columnsOfCodePoint(cp);
      em += w === 0 ? 0 : w >= 2 ? 1 : 0.8;
    }
  }
  return Math.ceil(em * size * 100) / 100;
}

const NO_LINE_START = new Set([...'，。、？！：；）」』】〕》〉…・ー’”,.;:!?)]}%']);

function isWide(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp >= 32 && cp <= 126 ? false : columnsOfCodePoint(cp) >= 2;
}

/**
 * Breaks `text` into lines no wider than `max` px: at spaces and hyphens for Latin text,
 * between any two wide characters for Chinese and Japanese, and inside a word only when the
 * word alone is too long. Returns at most `maxLines` lines, the last one ending in `…` when
 * text had to be cut.
 */
export function wrapText(text: string, max: number, options: { size?: number; bold?: boolean; maxLines?: number } = {}): string[] {
  const size = options.size ?? FONT_SIZE;
  const bold = options.bold ?? false;
  const width = (s: string) => textWidth(s, size, bold);
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean === '') return [''];
  // Tokens: a run of wide characters splits into single characters; other text splits after spaces and hyphens.
  const tokens: string[] = [];
  let cur = '';
  for (const ch of clean) {
    // Closing punctuation never starts a line (kinsoku): it sticks to the character before it.
    if (NO_LINE_START.has(ch) && (cur || tokens.length)) {
      if (cur) cur += ch;
      else tokens[tokens.length - 1] += ch;
      continue;
    }
    if (isWide(ch)) {
      if (cur) tokens.push(cur);
      tokens.push(ch);
      cur = '';
    } else {
      cur += ch;
      if (ch === ' ' || ch === '-' || ch === '/') {
        tokens.push(cur);
        cur = '';
      }
    }
  }
  if (cur) tokens.push(cur);

  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim() !== '') lines.push(line.trimEnd());
    line = '';
  };
  for (let token of tokens) {
    if (width((line + token).trimEnd()) <= max) {
      line += token;
      continue;
    }
    push();
    token = token.trimStart();
    // A single token wider than a line: break it by characters.
    while (width(token.trimEnd()) > max) {
      let part = '';
      for (const ch of token) {
        if (width(part + ch) > max && part) break;
        part += ch;
      }
      lines.push(part);
      token = token.slice(part.length);
    }
    line = token;
  }
  push();
  const maxLines = options.maxLines ?? 4;
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    let last = kept[maxLines - 1]!;
    while (last && width(`${last}…`) > max) last = [...last].slice(0, -1).join('');
    kept[maxLines - 1] = `${last.trimEnd()}…`;
    return kept;
  }
  return lines;
}
