/**
 * What every command shares for output: colour only on a TTY and never with NO_COLOR,
 * results on stdout, progress on stderr, and the exit codes of DESIGN §5.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { msg } from '../i18n/index.js';

/** Exit codes: 0 nothing wrong, 1 the processes have problems, 2 the command could not run. */
export const EXIT = { ok: 0, problems: 1, cannotRun: 2 } as const;

/** Whether to colour a stream: a TTY, no NO_COLOR, not TERM=dumb; FORCE_COLOR forces it. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

/** A chalk that colours only when `useColor` says so. */
export function colors(stream: NodeJS.WriteStream = process.stdout): ChalkInstance {
  return new Chalk({ level: useColor(stream) ? 1 : 0 });
}

/** Writes results to stdout, ending with one newline. */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') || text === '' ? text : `${text}\n`);
}

/** Writes progress and notes to stderr. */
export function note(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Checks a `--format` value against the allowed ones (exit 2 otherwise). */
export function checkFormat<T extends string>(value: string, allowed: readonly T[], command: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(msg('cli.unknownFormat', { value, command, allowed: allowed.join(', ') }));
}

/** A bad flag or argument: printed as one line plus a hint, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses a whole non-negative integer option, or fails with exit 2 (also above `max`, with `hint`). */
export function intOption(value: string, flag: string, min = 0, max = Number.MAX_SAFE_INTEGER, hint?: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(msg('cli.wholeNumber', { flag, value }));
  const n = Number(value);
  if (n < min) throw new UsageError(msg('cli.atLeast', { flag, min, value: n }));
  if (n > max) throw new UsageError(msg('cli.atMost', { flag, max: max.toLocaleString('en-US'), value: value.trim() }), hint);
  return n;
}

/** The text of every file of a project by path, for the source lines under findings. */
export function sourceTexts(project: { files: { path: string; text: string }[]; configFile?: { path: string; text: string } }): Map<string, string> {
  const sources = new Map<string, string>();
  for (const f of project.files) sources.set(f.path, f.text);
  if (project.configFile) sources.set(project.configFile.path, project.configFile.text);
  return sources;
}
