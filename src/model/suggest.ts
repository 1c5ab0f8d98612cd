import { distance } from 'fastest-levenshtein';
import { msg } from '../i18n/index.js';

/** The closest candidate to `word`, if one is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    // A swap of two neighbouring letters ("ned" for "end") counts as one typo.
    const d = Math.min(distance(w, c.toLowerCase()), isTransposition(w, c.toLowerCase()) ? 1 : Infinity);
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  // Allow about one typo per three characters, at least one, at most four.
  const limit = Math.min(4, Math.max(1, Math.floor(Math.max(word.length, best.length) / 3)));
  return bestScore <= limit && bestScore > 0 ? best : undefined;
}

/** `; did you mean "x"?` or nothing. */
export function hint(word: string, candidates: Iterable<string>): string {
  const s = didYouMean(word, candidates);
  return s ? msg('hint.didYouMean', { word: s }) : '';
}

function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}
