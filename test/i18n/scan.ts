/**
 * What the untranslated-text tests share: the Chinese locale environment and the English pieces
 * of the catalog that a zh-CN output must not contain, and runs of English words that never went
 * through the catalog. Each area's test file (untranslated*.test.ts)
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

/**
 * Runs of four or more English words left once what is not prose is taken out: source excerpts
 * under a finding, quoted text (user names, values, library words), code spans, paths and
 * file:line:col, ids (kebab-case, dotted keys, `key:`), flags and file names.
 */
export function englishRuns(output: string): string[] {
  const prose = output
    .split('\n')
    .filter((l) => !/^\s*\d+ \|/.test(l) && !/^\s*\|/.test(l))
    .join('\n')
    .replace(/"[^"\n]*"|'[^'\n]*'|“[^”\n]*”|`[^`\n]*`/g, ' ')
    .replace(/\S*[/\\]\S*/g, ' ')
    .replace(/\S+:\d+:\d+/g, ' ')
    .replace(/--?[\w-]+/g, ' ')
    .replace(/\b[\w]+(?:[-.][\w]+)+\b/g, ' ')
    .replace(/\b\w+:/g, ' ');
  return [...prose.matchAll(/\b[A-Za-z]+(?: [A-Za-z]+){3,}\b/g)].map((m) => m[0]);
}
