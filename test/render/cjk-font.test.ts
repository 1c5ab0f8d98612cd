/**
 * The shipped Chinese font (fonts/CrmflowSansSC-Regular.otf): a PNG of a Chinese label draws
 * the characters on a machine without CJK fonts. System fonts are switched off so the test
 * sees what a fresh machine sees, whatever this one has installed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as fontkit from 'fontkit';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_FONTS, CJK_FONT, needsCjkFont, pngFontFiles, svgToPng, uncoveredCharacters } from '../../src/render/png.js';
import { crmflow } from '../cli/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'crmflow-cjk-font-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const CELL = 48;
const LABEL = '折扣审批';
// Each character in its own 48 px cell, so cells can be compared one by one.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CELL * 4}" height="${CELL}"><rect width="100%" height="100%" fill="#fff"/>${[...LABEL]
  .map((ch, i) => `<text x="${i * CELL + 4}" y="38" font-size="40" font-family="'DejaVu Sans', sans-serif">${ch}</text>`)
  .join('')}</svg>`;

/** The grey values of each character's cell. */
function cells(rgba: Uint8Array | Buffer, width: number): number[][] {
  return [0, 1, 2, 3].map((c) => {
    const out: number[] = [];
    for (let y = 0; y < CELL; y++) for (let x = 0; x < CELL; x++) out.push(rgba[(y * width + c * CELL + x) * 4]!);
    return out;
  });
}
const ink = (cell: number[]) => cell.filter((v) => v < 128).length;
const differing = (a: number[], b: number[]) => a.filter((v, i) => Math.abs(v - b[i]!) > 64).length;

describe('shipped CJK font', () => {
  it('draws four different characters where DejaVu alone draws four identical boxes', async () => {
    const tofu = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: BUNDLED_FONTS, defaultFontFamily: 'DejaVu Sans' } }).render();
    const tofuCells = cells(tofu.pixels, tofu.width);
    // The reference really is tofu: the same box four times.
    for (const c of tofuCells.slice(1)) expect(differing(c, tofuCells[0]!)).toBe(0);

    // crmflow's own PNG, decoded by letting resvg draw it as an image.
    const png = Buffer.from(await svgToPng(svg, { systemFonts: false, scale: 1 }));
    const shipped = new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="${CELL * 4}" height="${CELL}"><image width="${CELL * 4}" height="${CELL}" href="data:image/png;base64,${png.toString('base64')}"/></svg>`).render();
    expect(shipped.width).toBe(CELL * 4);
    const got = cells(shipped.pixels, shipped.width);
    for (let i = 0; i < 4; i++) {
      expect(ink(got[i]!)).toBeGreaterThan(40);
      expect(differing(got[i]!, tofuCells[0]!)).toBeGreaterThan(100);
      for (let j = i + 1; j < 4; j++) expect(differing(got[i]!, got[j]!)).toBeGreaterThan(100);
    }
  });
  it('has every GB2312 hanzi and the common punctuation, named as its own family', () => {
    const font = fontkit.openSync(CJK_FONT) as fontkit.Font;
    expect(font.familyName).toBe('Crmflow Sans SC');
    // First and last characters of GB2312 level 1 and level 2, and full-width punctuation.
    for (const ch of '啊座亍齄，。：（）【】、“”')
      expect(font.hasGlyphForCodePoint(ch.codePointAt(0)!), ch).toBe(true);
    // Hangul is outside GB2312: the missing-font warning still covers it.
    expect(font.hasGlyphForCodePoint('한'.codePointAt(0)!)).toBe(false);
  });
  it('is loaded only for texts that need it, after --font so --font wins', () => {
    expect(needsCjkFont(['Discount approval', 'Straße'])).toBe(false);
    expect(needsCjkFont(['折扣审批'])).toBe(true);
    expect(needsCjkFont(['（备注）'])).toBe(true);
    expect(pngFontFiles(['Discount'])).toEqual(BUNDLED_FONTS);
    expect(pngFontFiles(['折扣'], ['my.ttf'])).toEqual(['my.ttf', ...BUNDLED_FONTS, CJK_FONT]);
  });
  it('leaves no Chinese character of a label uncovered', async () => {
    expect(await uncoveredCharacters(['折扣审批流程：经理审批（会签）'])).toEqual([]);
  });
  it('crmflow render --format png of a Chinese process warns about no missing font', () => {
    const r = crmflow(['render', '-C', join(import.meta.dirname, 'fixtures', 'cjk'), '--format', 'png', '-o', join(tmp, 'png')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('no installed font has');
  });
});
