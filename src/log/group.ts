import type { LogCase, LogEvent } from './types.js';

/**
 * Orders a case's events by end time; `sort` is stable, so events with the same end time keep
 * their order in the file. Shared by every reader so that CSV and XES logs order alike.
 */
export function byEndTime(events: LogEvent[]): LogEvent[] {
  return events.sort((a, b) => a.end - b.end);
}

/** Groups events by case, cases in the order of their first event, each case's events by end time. */
export function groupCases(events: readonly LogEvent[]): LogCase[] {
  const byCase = new Map<string, LogEvent[]>();
  for (const e of events) {
    const list = byCase.get(e.case);
    if (list) list.push(e);
    else byCase.set(e.case, [e]);
  }
  return [...byCase].map(([id, list]) => ({ id, events: byEndTime(list) }));
}
