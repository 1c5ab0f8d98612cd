/**
 * What the untranslated-text tests share: the Chinese locale environment and the English pieces
 * of the catalog that a zh-CN output must not contain. Each area's test file (untranslated*.test.ts)
 * runs its own commands and scans their output with `englishIn`.
 */
import { CATALOGS } from '../../src/i18n/index.js';

export const ZH = { LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' };

let cached: string[] | undefined;

/**
 * The English pieces a translated output must not contain: every English message text cut into
 * its literal pieces (the words between {parameters}), kept when it has three words in a row.
 */
export function englishPieces(): string[] {
  if (cached) return cached;
  const pieces = new Set<string>();
  for (const [id, en] of Object.entries(CATALOGS.en)) {
    if (CATALOGS['zh-CN'][id as keyof typeof CATALOGS.en] === en) continue;
    for (const piece of en.split(/\{\w+\}/)) {
      const p = piece.replace(/^[\s"(;,]+|[\s")]+$/g, '');
      if (/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(p)) pieces.add(p);
    }
  }
  cached = [...pieces];
  return cached;
}

/** The catalog's English pieces found in `output` (empty when it is all translated). */
export function englishIn(output: string): string[] {
  return englishPieces().filter((p) => output.includes(p));
}
