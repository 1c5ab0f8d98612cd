/**
 * The contracts every part of crmflow shares: where something is in a file, what a finding
 * is, and what a loaded project looks like.
 */
import type {
  CalendarInput,
  ConfigInput,
  Layer,
  ProcessInput,
  RoleInput,
  StepInput,
} from './schema.js';

export type { Layer, StepType, DurationInput, SlaInput, TiersInput, ActionInput } from './schema.js';

/** A path into a YAML document: map keys and sequence indexes. */
export type PathSegment = string | number;

/** A span in a file; lines and columns count from 1, the end is exclusive. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One parsed YAML file with the means to map a path back to a position. */
export interface SourceFile {
  /** Path relative to the project root, with forward slashes. */
  path: string;
  /** The text as read (BOM removed); empty when the file could not be decoded. */
  text: string;
  /** Where the value at `path` (or, with `key`, its key) is in the file. */
  locate(path: readonly PathSegment[], part?: 'value' | 'key'): Range;
  /** Range of a character offset span in `text`. */
  rangeOf(start: number, end: number): Range;
  /** The character offset where the value at `path` starts, and its source style. */
  valueStart(path: readonly PathSegment[]): { offset: number; quoted: boolean } | undefined;
}

export type Severity = 'error' | 'warning';

/** A problem found in the processes, with its place and a stable id. */
export interface Finding extends Range {
  /** Error or rule id, e.g. `unknown-step`, `dead-end`. */
  rule: string;
  severity: Severity;
  /** Lowercase, quotes the bad value, says what to do. */
  message: string;
  /** File relative to the project root. */
  file: string;
  process?: string;
  step?: string;
  /**
   * Tells apart several findings of one rule at one step (the other step of a duplicate, the
   * approver): stable ids only, never positions or counts. SARIF fingerprints use it.
   */
  key?: string;
}

export type Step = StepInput;
export type StepOf<T extends Step['type']> = Extract<Step, { type: T }>;

/** A process as loaded: the file's data plus where it came from. */
export interface Process extends ProcessInput {
  /** File relative to the project root. */
  file: string;
  source: SourceFile;
  /** Steps by id (the first one wins when ids repeat). */
  stepById: Map<string, Step>;
  /** Index of each step in the file's `steps` list, for positions. */
  stepIndex: Map<string, number>;
}

export interface Role extends RoleInput {
  id: string;
  /** `customer` and `system` are built in: unlimited capacity, never queue. */
  builtIn: boolean;
}

export interface Calendar extends CalendarInput {
  id: string;
}

export type Config = ConfigInput;

/** A whole project: config, processes and the findings of validation. */
export interface Project {
  /** Absolute path of the project root. */
  root: string;
  config: Config;
  configFile?: SourceFile;
  /** Valid processes by id. A file whose header does not validate is not here. */
  processes: Map<string, Process>;
  /** Every file that was read, including those that failed to parse. */
  files: SourceFile[];
  /** Project roles, including the built-in `customer` and `system`. */
  roles: Map<string, Role>;
  calendars: Map<string, Calendar>;
  /** Validation findings (schema, references, CEL), sorted by file and position. */
  findings: Finding[];
  /** Whether crmflow.yaml itself has errors (a command should then exit 2). */
  configBroken: boolean;
  /**
   * Ids of processes whose file could not be read (broken YAML, a bad header): references to
   * them are not reported, since the file's own error is the one to fix.
   */
  unreadable?: ReadonlySet<string>;
}

export type { ProcessInput, StepInput, ConfigInput, RoleInput, CalendarInput };
