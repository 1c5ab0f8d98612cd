/**
 * The contracts of the lint engine: what a rule is, what it may report, and how a project
 * configures it. Rules get the whole loaded `Project` and report plain data; the engine
 * turns reports into `Finding`s with positions.
 */
import type * as z from 'zod';
import type { Finding, PathSegment, Process, Project, Range } from '../model/types.js';

/** How a rule is configured: `off`, `warn` or `error`. */
export type Level = 'off' | 'warn' | 'error';

/** What `explain` prints and SARIF carries for a rule. */
export interface RuleMeta {
  /** One line: what the rule finds. */
  description: string;
  /** Why it matters to the people running the process. */
  why: string;
  /** What to do about a finding. */
  fix: string;
  /** The level the recommended set gives it. */
  defaultLevel: Exclude<Level, 'off'>;
  /** Options as a zod schema (absent when the rule takes none), with their defaults. */
  options?: z.ZodType<Record<string, unknown>>;
  defaultOptions?: Record<string, unknown>;
  /** Human description of the options, for `explain`. */
  optionsHelp?: string;
  /** A small process fragment the rule reports, and the fixed version. */
  examples: { bad: string; good: string };
}

/** One problem a rule reports. The engine adds the rule id, severity and position. */
export interface Report {
  message: string;
  /** The process the problem is in (its file gives the position). */
  process?: Process;
  /** The step, if the problem is at a step. */
  step?: string;
  /** Path relative to the step (or to the process root when there is no step), e.g. `['on']`. */
  field?: PathSegment[];
  /** Point at the key instead of the value (`sla:` rather than its mapping). */
  part?: 'key' | 'value';
  /** A stable detail when the rule can report several problems at one step (`Finding.key`). */
  key?: string;
  /** An explicit place, for findings outside process files (crmflow.yaml). */
  at?: { file: string } & Range;
}

/** What a rule's `check` gets. */
export interface RuleContext {
  project: Project;
  /** The rule's options: defaults merged with the configured ones. */
  options: Record<string, unknown>;
  report(report: Report): void;
}

/** A lint rule: one file in `src/lint/rules/<id>.ts`. */
export interface Rule {
  id: string;
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** A rule as the resolved configuration runs it. */
export interface ActiveRule {
  rule: Rule;
  level: Exclude<Level, 'off'>;
  options: Record<string, unknown>;
}

/** The result of a lint run: findings to show and problems with the configuration itself. */
export interface LintResult {
  /** Validation and rule findings after suppressions, sorted by file and position. */
  findings: Finding[];
  /** Findings hidden by `# crmflow-disable-next-line` comments. */
  suppressed: Finding[];
  /** Problems in the lint configuration (crmflow.yaml `lint:`); the CLI exits 2 on these. */
  configProblems: Finding[];
}
