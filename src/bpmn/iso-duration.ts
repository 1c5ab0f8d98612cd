/**
 * ISO 8601 durations, the form BPMN timers use (`PT8H`, `P2D`), to and from minutes.
 */

/** 480 → `PT8H`, 2880 → `P2D`, 90 → `PT1H30M`, 0.5 → `PT30S`. */
export function toIsoDuration(minutes: number): string {
  let seconds = Math.round(minutes * 60);
  if (seconds <= 0) return 'PT0S';
  const days = Math.floor(seconds / 86400);
  seconds -= days * 86400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const mins = Math.floor(seconds / 60);
  seconds -= mins * 60;
  let time = '';
  if (hours) time += `${hours}H`;
  if (mins) time += `${mins}M`;
  if (seconds) time += `${seconds}S`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

const ISO = /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

/**
 * Minutes of an ISO 8601 duration; years and months count as 365 and 30 days.
 * Undefined when the text is not a duration (an expression, a date, a cycle).
 */
export function fromIsoDuration(text: string): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m || text.trim() === 'P' || /T$/i.test(text.trim())) return undefined;
  const n = (i: number) => (m[i] ? Number(m[i]!.replace(',', '.')) : 0);
  return n(1) * 525600 + n(2) * 43200 + n(3) * 10080 + n(4) * 1440 + n(5) * 60 + n(6) + n(7) / 60;
}
