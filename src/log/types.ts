/**
 * What an event log is once read, whatever its format (CSV, XES): cases as ordered event lists.
 * Times are epoch milliseconds (UTC), so they compare and subtract without a date library.
 */

/** The fields a log column can be mapped to (`--map case=OpportunityId,end=CreatedDate`). */
export const LOG_FIELDS = ['case', 'activity', 'start', 'end', 'resource', 'role'] as const;
export type LogField = (typeof LOG_FIELDS)[number];

/** Field → column name, as given by `--map` (only what the user named). */
export type ColumnMap = Partial<Record<LogField, string>>;

/** One activity instance of a case. */
export interface LogEvent {
  case: string;
  activity: string;
  /** When the work started (epoch ms); only in logs with start and end times, and not always there. */
  start?: number;
  /** When the activity completed, or with one timestamp per row the time recorded (epoch ms). */
  end: number;
  resource?: string;
  role?: string;
}

/** A case and its events, ordered by time (see `EventLog`). */
export interface LogCase {
  id: string;
  events: LogEvent[];
}

/**
 * `start-end`: each row has a start and an end time, so a duration is the work itself.
 * `single`: one timestamp per row (often stage-entry times), so a "duration" mixes waiting and work.
 */
export type LogTimestamps = 'start-end' | 'single';

/** Counts every report about a log should state. */
export interface LogStats {
  /** Data rows read (the header is not a row). */
  rows: number;
  cases: number;
  events: number;
  timestamps: LogTimestamps;
  /** Which column each field was read from (mapped or recognised by its usual name). */
  columns: ColumnMap;
  /** The preset the log was read with, if any. */
  preset?: string;
  /** Rows left out because they are not stage changes (other fields of a field history, repeats). */
  skipped?: number;
}

/**
 * A log read into memory: cases in the order their first event appears in the file, each
 * case's events ordered by end time (the one timestamp every log has), ties by file order.
 */
export interface EventLog {
  /** The file's name as used in messages. */
  name: string;
  cases: LogCase[];
  stats: LogStats;
}

/** How to read a log. */
export interface LogReadOptions {
  /** Field → column (CSV) or attribute key (XES), from `--map`; unnamed fields take their usual names. */
  map?: ColumnMap;
  /** The file's name in messages (default: the path read). */
  name?: string;
  /** A CRM export's shape (`--preset salesforce-field-history`, see src/log/presets.ts). */
  preset?: string;
  /** OCEL 2.0 logs: the object type whose objects become the cases (`--object Opportunity`). */
  object?: string;
}
