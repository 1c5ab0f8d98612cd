/**
 * Working calendars: weekly hours in an IANA time zone minus holidays, plus extra working days
 * (`workdays`, China's 调休: a Sunday worked before a national holiday). Time is in minutes
 * since the Unix epoch. Working intervals are computed day by day with luxon (so daylight
 * saving is luxon's business, not ours) and cached with their cumulative working minutes;
 * every query is then a binary search.
 */
import { DateTime, IANAZone } from 'luxon';
import { parseDayRange } from '../model/dates.js';
import type { DayUnits } from '../model/duration.js';
import { parseHours, workingUnits, type HoursSpan } from '../model/hours.js';
import { embed, msg, part } from '../i18n/index.js';

/** How many days are added to the cache at a time (well below the months between clock changes). */
const CHUNK_DAYS = 28;
/** A calendar with no working minute in this many days is refused instead of searched forever. */
const MAX_EMPTY_DAYS = 3 * 366;

export class CalendarError extends Error {}

/** Day list (`2026-10-01`, `2026-10-01..2026-10-07`) as a set of civil day numbers (days since 1970-01-01). */
function daySet(list: readonly string[] | undefined, id: string, what: 'holiday' | 'workday' = 'holiday'): Set<number> {
  const out = new Set<number>();
  for (const h of list ?? []) {
    const r = parseDayRange(h);
    if (!r.ok) throw new CalendarError(msg('cal.badDay', { id, what: part(`cal.${what}`), why: embed(r.message) }));
    for (let d = r.value.from; d <= r.value.to && d - r.value.from < 3660; d++) out.add(d);
  }
  return out;
}

/** The weekday with the most working minutes, the first of Monday … Sunday on a tie. */
export function busiestWeekday(spans: readonly HoursSpan[]): number {
  let best = 1;
  let bestMinutes = -1;
  for (let wd = 1; wd <= 7; wd++) {
    const minutes = spans.reduce((sum, s) => sum + (s.days.has(wd) ? s.to - s.from : 0), 0);
    if (minutes > bestMinutes) [best, bestMinutes] = [wd, minutes];
  }
  return best;
}

/** A working calendar answering "when does work of w minutes started at t end?". */
export class WorkCalendar {
  private readonly spans: HoursSpan[];
  private readonly holidays: Set<number>;
  private readonly workdays: Set<number>;
  /** The weekday (1 Mon … 7 Sun) whose hours a workday takes: the one with the most working minutes. */
  private readonly workdayAs: number;
  private readonly zone: IANAZone;
  private starts: number[] = [];
  private ends: number[] = [];
  /** Working minutes before interval i. */
  private cum: number[] = [];
  /** The next local civil day (days since 1970-01-01) to add to the cache. */
  private nextDay: number;
  /** Interval index of the last lookup: time mostly moves forward, so try it first. */
  private hint = 0;

  constructor(
    readonly id: string,
    readonly timezone: string,
    hours: string,
    holidays: readonly string[] | undefined,
    origin: number,
    workdays?: readonly string[],
  ) {
    const parsed = parseHours(hours);
    if (!parsed.ok) throw new CalendarError(msg('cal.badHours', { id, why: embed(parsed.message) }));
    this.spans = parsed.spans;
    this.units = workingUnits(this.spans);
    this.holidays = daySet(holidays, id);
    this.workdays = daySet(workdays, id, 'workday');
    this.workdayAs = busiestWeekday(this.spans);
    if (!IANAZone.isValidZone(timezone)) throw new CalendarError(msg('cal.badZone', { id, zone: timezone }));
    this.zone = IANAZone.create(timezone);
    this.nextDay = Math.floor(origin / 1440) - 2;
    this.extend();
  }

  /** Working minutes of one working day (`1d` under this calendar) and of one working week (`1w`). */
  readonly units: DayUnits;

  /** The earliest moment at or after `t` that is working time. */
  nextWorking(t: number): number {
    const i = this.find(t);
    const s = this.starts[i]!;
    return t > s ? t : s;
  }

  /** Where the last `addWorking` began counting (the first working moment at or after `t`). */
  lastBegin = 0;

  /** When `work` working minutes started at `t` are done. */
  addWorking(t: number, work: number): number {
    const i = this.find(t);
    const s = this.starts[i]!;
    const begin = t > s ? t : s;
    this.lastBegin = begin;
    if (!(work > 0)) return t;
    const target = this.cum[i]! + (begin - s) + work;
    // Fast path: done within the same interval.
    if (begin + work <= this.ends[i]!) return begin + work;
    while (this.cum[this.cum.length - 1]! + (this.ends[this.ends.length - 1]! - this.starts[this.starts.length - 1]!) < target) this.extend();
    let lo = i;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.cum[mid]! < target) lo = mid;
      else hi = mid - 1;
    }
    return this.starts[lo]! + (target - this.cum[lo]!);
  }

  /** Working minutes between `a` and `b` (b ≥ a). */
  workingBetween(a: number, b: number): number {
    return b > a ? this.cumAt(b) - this.cumAt(a) : 0;
  }

  private cumAt(t: number): number {
    const i = this.find(t);
    const s = this.starts[i]!;
    return this.cum[i]! + (t > s ? t - s : 0);
  }

  /** Index of the first interval ending after `t`. */
  private find(t: number): number {
    const h = this.hint;
    if (h < this.ends.length && this.ends[h]! > t && (h === 0 || this.ends[h - 1]! <= t)) return h;
    while (this.ends[this.ends.length - 1]! <= t) this.extend();
    let lo = 0;
    let hi = this.ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! > t) hi = mid;
      else lo = mid + 1;
    }
    this.hint = lo;
    return lo;
  }

  private extend(): void {
    let added = 0;
    for (let empty = 0; added === 0; ) {
      const d0 = this.nextDay;
      this.nextDay += CHUNK_DAYS;
      // Offsets are asked of luxon (the IANA database); when the offset is the same at both
      // ends of the chunk there is no clock change inside it and wall time maps by a constant.
      // Measured at the day before this chunk, before the next one and before the one after
      // that: the span covers this chunk with a day to spare on each side, and each offset is
      // asked for once (Intl is slow).
      const offA = this.offsetAt(d0 - 1);
      const offB = this.offsetAt(d0 + CHUNK_DAYS - 1) === offA ? this.offsetAt(d0 + 2 * CHUNK_DAYS - 1) : NaN;
      for (let d = d0; d < d0 + CHUNK_DAYS; d++, empty++) {
        const extra = this.workdays.has(d);
        if (this.holidays.has(d) && !extra) continue;
        const wd = extra ? this.workdayAs : ((d + 3) % 7) + 1;
        const todays: Array<[number, number]> = [];
        for (const span of this.spans) {
          if (!span.days.has(wd)) continue;
          const a = offA === offB ? d * 1440 + span.from - offA : this.wall(d, span.from);
          const b = offA === offB ? d * 1440 + span.to - offA : this.wall(d, span.to);
          if (b > a) todays.push([a, b]);
        }
        todays.sort((x, y) => x[0] - y[0]);
        for (const [a, b] of todays) {
          const n = this.ends.length;
          if (n > 0 && a <= this.ends[n - 1]!) {
            // Working time that runs on from the last interval (a 24-hour day, a night shift) is time added too.
            if (b > this.ends[n - 1]!) {
              this.ends[n - 1] = b;
              added++;
            }
            continue;
          }
          const prevCum = n > 0 ? this.cum[n - 1]! + (this.ends[n - 1]! - this.starts[n - 1]!) : 0;
          this.starts.push(a);
          this.ends.push(b);
          this.cum.push(prevCum);
          added++;
        }
      }
      if (added === 0 && empty >= MAX_EMPTY_DAYS) {
        throw new CalendarError(msg('cal.noWorkingTime', { id: this.id, days: MAX_EMPTY_DAYS }));
      }
    }
  }

  private offsets = new Map<number, number>();
  /** The zone's UTC offset (minutes) at 00:00 UTC of civil day `day`, remembered for the next chunk. */
  private offsetAt(day: number): number {
    let o = this.offsets.get(day);
    if (o === undefined) {
      if (this.offsets.size > 8) this.offsets.clear();
      o = this.zone.offset(day * 86400000);
      this.offsets.set(day, o);
    }
    return o;
  }

  /** Epoch minutes of wall-clock `minute` on local civil day `day` (past 1440: the next day, a night shift), on a day the clocks change (luxon). */
  private wall(day: number, minute: number): number {
    const date = new Date((day + Math.floor(minute / 1440)) * 86400000);
    const m = minute % 1440;
    const dt = DateTime.fromObject(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: Math.floor(m / 60), minute: m % 60 },
      { zone: this.zone },
    );
    return dt.toMillis() / 60000;
  }
}
