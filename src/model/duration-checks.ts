/**
 * Durations that fit the file format but cannot happen: a range or triangle whose minimum is
 * above its maximum, a lognormal p90 below its median, a zero mean or SLA. The simulator
 * would otherwise sample nonsense (negative times, shares above 100 %) without a word.
 */
import { describeDuration, parseDuration } from './duration.js';
import type { DurationInput } from './schema.js';
import { msg } from '../i18n/index.js';
import type { PathSegment, Step } from './types.js';

/** One impossible value: where it is (below the step) and what to write instead. */
export interface DurationProblem {
  path: PathSegment[];
  message: string;
}

/** The problems of one duration or distribution at `path` (`what` names the field in messages). */
export function durationProblems(input: DurationInput, path: PathSegment[], what: string): DurationProblem[] {
  const out: DurationProblem[] = [];
  const minutes = (text: string) => parseDuration(text);
  const add = (sub: PathSegment[], message: string) => out.push({ path: [...path, ...sub], message });
  if (typeof input === 'string') {
    const parts = input.split('..');
    if (parts.length === 2 && minutes(parts[0]!) > minutes(parts[1]!)) {
      add([], msg('duration.backwards', { what, input, fixed: `${parts[1]!.trim()}..${parts[0]!.trim()}` }));
    }
    return out;
  }
  const shown = describeDuration(input);
  switch (input.dist) {
    case 'uniform':
      if (minutes(input.min) > minutes(input.max)) add(['max'], msg('duration.maxBelowMin', { what, shown, max: input.max, min: input.min }));
      break;
    case 'triangular':
      if (minutes(input.min) > minutes(input.max)) add(['max'], msg('duration.maxBelowMin', { what, shown, max: input.max, min: input.min }));
      else if (minutes(input.mode) < minutes(input.min) || minutes(input.mode) > minutes(input.max)) {
        add(['mode'], msg('duration.modeOutside', { what, shown, mode: input.mode, min: input.min, max: input.max }));
      }
      break;
    case 'exponential':
      if (!(minutes(input.mean) > 0)) add(['mean'], msg('duration.meanZeroHint', { what, shown, mean: input.mean }));
      break;
    case 'lognormal':
      if (!(minutes(input.median) > 0)) add(['median'], msg('duration.medianZero', { what, shown, median: input.median }));
      else if (minutes(input.p90) < minutes(input.median)) {
        add(['p90'], msg('duration.p90BelowMedian', { what, shown, p90: input.p90, median: input.median }));
      }
      break;
    case 'gamma':
      if (!(minutes(input.mean) > 0)) add(['mean'], msg('duration.meanZero', { what, shown, mean: input.mean }));
      break;
    default:
      break;
  }
  if ('min' in input && 'max' in input && input.dist !== 'uniform' && input.dist !== 'triangular' && input.min !== undefined && input.max !== undefined && minutes(input.min) > minutes(input.max)) {
    add(['max'], msg('duration.maxBelowMin', { what, shown, max: input.max, min: input.min }));
  }
  return out;
}

/** The problems of every duration of a step: its work, SLA, waits and arrivals. */
export function stepDurationProblems(step: Step): DurationProblem[] {
  const out: DurationProblem[] = [];
  const s = step as Partial<Record<string, unknown>>;
  for (const field of ['duration', 'for', 'timeout', 'arrives'] as const) {
    if (s[field] !== undefined) out.push(...durationProblems(s[field] as DurationInput, [field], field));
  }
  if (step.type === 'start' && step.arrivals?.every !== undefined) {
    const every = step.arrivals.every;
    out.push(...durationProblems(every, ['arrivals', 'every'], 'arrivals every'));
    // A zero gap would start every case at the same instant, without end.
    if (typeof every === 'string' && !every.includes('..') && !(parseDuration(every) > 0)) {
      out.push({ path: ['arrivals', 'every'], message: msg('duration.noGap', { every }) });
    }
  }
  if ((step.type === 'task' || step.type === 'approval') && step.sla && !(parseDuration(step.sla.within) > 0)) {
    out.push({ path: ['sla', 'within'], message: msg('duration.slaZero', { within: step.sla.within }) });
  }
  return out;
}
