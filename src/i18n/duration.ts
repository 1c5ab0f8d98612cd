/** Durations for readers of a language (kept apart from index.ts so start-up need not load the model). */
import { formatDuration } from '../model/duration.js';
import { inWholeUnits, type Lang } from './index.js';

/** Minutes as `lang` writes a duration: `17.8d` in English, `17 天 19 小时` in Chinese. */
export function minutesIn(lang: Lang, minutes: number): string {
  return lang === 'en' ? formatDuration(minutes) : inWholeUnits(lang, minutes);
}
