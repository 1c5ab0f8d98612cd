/**
 * PNG through resvg (no browser). resvg draws nothing for a character no font has, so
 * before rendering crmflow checks every character of the drawing against the fonts resvg
 * will load (with fontkit's cmap reader) and reports the ones nobody covers.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { msg } from '../i18n/index.js';
import { packageFile } from '../model/package-root.js';

/**
 * DejaVu Sans, shipped in fonts/ (the same path from src/render and dist/render): the widths
 * of text.ts are its widths, and a PNG draws its Latin text on a machine without fonts.
 */
export const BUNDLED_FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => packageFile(`fonts/${f}`));

/**
 * Crmflow Sans SC, shipped in fonts/: Noto Sans CJK SC cut down to GB2312 (scripts/subset-cjk-font.mjs),
 * so a PNG of a Chinese process draws its labels on a machine without CJK fonts. Loaded only
 * when a text needs it (2 MB to parse).
 */
export const CJK_FONT = packageFile('fonts/CrmflowSansSC-Regular.otf');

/** True when some character is past DejaVu's scripts: CJK symbols and punctuation, kana, hanzi, full-width forms. */
export function needsCjkFont(texts: string[]): boolean {
  return texts.some((t) => /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/u.test(t));
}

/**
 * The font files resvg loads, in the order its fallback tries them for a character the diagram's
 * font (DejaVu Sans) lacks: `--font` first, so it wins, then the shipped fonts, then (after these,
 * in resvg) the machine's own.
 */
export function pngFontFiles(texts: string[], fontFiles: string[] = []): string[] {
  return [...fontFiles, ...BUNDLED_FONTS, ...(needsCjkFont(texts) ? [CJK_FONT] : [])];
}

export interface PngOptions {
  /** Extra font files (`--font`). */
  fontFiles?: string[];
  /** Scale factor (default 2, for sharp images on high-density screens). */
  scale?: number;
  /** Load the machine's fonts too (default true); the shipped fonts are always loaded (the CJK one when a text needs it). */
  systemFonts?: boolean;
}

/** Every piece of text in an SVG document, entities decoded. */
export function svgTexts(svg: string): string[] {
  const out: string[] = [];
  for (const m of svg.matchAll(/>([^<>]+)</g)) {
    const t = m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    if (t.trim()) out.push(t);
  }
  return out;
}

function systemFontDirs(): string[] {
  const home = homedir();
  const dirs = ['/usr/share/fonts', '/usr/local/share/fonts', join(home, '.fonts'), join(home, '.local/share/fonts'), '/System/Library/Fonts', '/Library/Fonts', join(home, 'Library/Fonts')];
  if (process.env.WINDIR) dirs.push(join(process.env.WINDIR, 'Fonts'));
  return dirs.filter((d) => existsSync(d));
}

function fontFilesIn(dir: string, out: string[], depth = 0): void {
  if (depth > 6) return;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) fontFilesIn(p, out, depth + 1);
    else if (/\.(ttf|otf|ttc|otc)$/i.test(name)) out.push(p);
  }
}

/**
 * The characters of `texts` that no font covers: `--font` files first, then the shipped
 * fonts, then the system fonts, stopping as soon as everything is covered.
 */
export async function uncoveredCharacters(texts: string[], fontFiles: string[] = []): Promise<string[]> {
  const wanted = new Set<string>();
  for (const t of texts) for (const ch of t) if (!/\s/.test(ch)) wanted.add(ch);
  if (!wanted.size) return [];
  const fontkit = await import('fontkit');
  const system: string[] = [];
  for (const d of systemFontDirs()) fontFilesIn(d, system);
  // The fonts of the diagrams' font stack first: they usually cover everything, and reading
  // every installed font (CJK collections are 20 MB each) is slow.
  const priority = (f: string) => (/dejavusans/i.test(f.replace(/[-_ ]/g, '')) ? 0 : /noto.*cjk|sourcehan|wqy|droidsansfallback/i.test(f) ? 1 : 2);
  system.sort((a, b) => priority(a) - priority(b) || (a < b ? -1 : a > b ? 1 : 0));
  const files = [...pngFontFiles(texts, fontFiles), ...system];
  for (const f of files) {
    let opened;
    try {
      opened = fontkit.openSync(f);
    } catch {
      continue;
    }
    const fonts = 'fonts' in opened ? opened.fonts : [opened];
    for (const font of fonts)
      for (const ch of [...wanted]) {
        try {
          if (font.hasGlyphForCodePoint(ch.codePointAt(0)!)) wanted.delete(ch);
        } catch {
          // A font fontkit cannot read is skipped.
        }
      }
    if (!wanted.size) break;
  }
  return [...wanted].sort();
}

/** Renders an SVG document to PNG bytes. */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: { loadSystemFonts: options.systemFonts ?? true, fontFiles: pngFontFiles(svgTexts(svg), options.fontFiles), defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

/** What to tell the user about characters no font has. */
export function missingFontHint(chars: string[]): { message: string; hint: string } {
  const shown = chars.slice(0, 12).join(' ');
  const cjk = chars.some((c) => /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u.test(c));
  return {
    message: msg(chars.length === 1 ? 'render.noFont.one' : 'render.noFont.other', { n: chars.length, shown: `${shown}${chars.length > 12 ? ' …' : ''}` }),
    hint: msg(cjk ? 'render.noFontCjkHint' : 'render.noFontHint'),
  };
}
