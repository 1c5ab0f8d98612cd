/**
 * Durations that fit the file format but cannot happen: a range or triangle whose minimum is
 * above its maximum, a lognormal p90 below its median, a zero mean or SLA. The simulator
 * would otherwise sample nonsense (negative times, shares above 100 %) without a word.
 */
import { describeDuration, parseDuration } from './duration.js';
import type { DurationInput } from './schema.js';
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
      add([], `${what} "${input}" runs backwards: the range starts above its end; write the shorter duration first, "${parts[1]!.trim()}..${parts[0]!.trim()}"`);
    }
    return out;
  }
  const shown = describeDuration(input);
  switch (input.dist) {
    case 'uniform':
      if (minutes(input.min) > minutes(input.max)) add(['max'], `${what} (${shown}): max ${input.max} is below min ${input.min}; swap them`);
      break;
    case 'triangular':
      if (minutes(input.min) > minutes(input.max)) add(['max'], `${what} (${shown}): max ${input.max} is below min ${input.min}; swap them`);
      else if (minutes(input.mode) < minutes(input.min) || minutes(input.mode) > minutes(input.max)) {
        add(['mode'], `${what} (${shown}): the most likely duration ${input.mode} is outside ${input.min}..${input.max}; give a mode between min and max`);
      }
      break;
    case 'exponential':
      if (!(minutes(input.mean) > 0)) add(['mean'], `${what} (${shown}): the mean must be above zero, not ${input.mean}; give the average duration, e.g. 2h`);
      break;
    case 'lognormal':
      if (!(minutes(input.median) > 0)) add(['median'], `${what} (${shown}): the median must be above zero, not ${input.median}`);
      else if (minutes(input.p90) < minutes(input.median)) {
        add(['p90'], `${what} (${shown}): p90 ${input.p90} is below the median ${input.median}, but 90 % of cases cannot be shorter than half of them; give a p90 at or above the median`);
      }
      break;
    case 'gamma':
      if (!(minutes(input.mean) > 0)) add(['mean'], `${what} (${shown}): the mean must be above zero, not ${input.mean}`);
      break;
    default:
      break;
  }
  if ('min' in input && 'max' in input && input.dist !== 'uniform' && input.dist !== 'triangular' && input.min !== undefined && input.max !== undefined && minutes(input.min) > minutes(input.max)) {
    add(['max'], `${what} (${shown}): max ${input.max} is below min ${input.min}; swap them`);
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
      out.push({ path: ['arrivals', 'every'], message: `arrivals every "${every}" is no gap at all; give the mean time between new cases, e.g. 30m` });
    }
  }
  if ((step.type === 'task' || step.type === 'approval') && step.sla && !(parseDuration(step.sla.within) > 0)) {
    out.push({ path: ['sla', 'within'], message: `an SLA within "${step.sla.within}" is breached the moment the step starts; give the time limit, e.g. 8h or 1d` });
  }
  return out;
}
