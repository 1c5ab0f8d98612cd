/**
 * Human output for findings, in the manner of actionlint and ESLint's stylish: the
 * position, severity, message and rule, then the source line with a caret under the problem.
 */
import type { ChalkInstance } from 'chalk';
import stringWidth from 'string-width';
import { plural, t, type Lang } from '../../i18n/index.js';
import type { Finding } from '../../model/types.js';

export interface StylishOptions {
  /** The text of each file, for the source line under a finding. */
  sources: Map<string, string>;
  colors: ChalkInstance;
  /** What was checked, for the summary when nothing is wrong, e.g. `7 processes`. */
  checked?: string;
  /** Summary wording on success, e.g. `valid` or `no problems`. */
  okWord?: string;
  /** Group by file (ESLint style: the file once, then `line:col` per finding). */
  grouped?: boolean;
  /** Extra text for the summary line, e.g. `2 suppressed`. */
  summaryNote?: string;
  /** Language of the words around the findings (default en). */
  lang?: Lang;
}

/** Formats findings grouped by file, with snippets and a summary line. */
export function stylish(findings: readonly Finding[], options: StylishOptions): string {
  const c = options.colors;
  const lang = options.lang ?? 'en';
  const lines: string[] = [];
  const lineCache = new Map<string, string[]>();
  const sourceLine = (file: string, n: number): string | undefined => {
    let ls = lineCache.get(file);
    if (!ls) {
      ls = (options.sources.get(file) ?? '').split(/\r?\n/);
      lineCache.set(file, ls);
    }
    return ls[n - 1];
  };
  let lastFile: string | undefined;
  for (const f of findings) {
    const sev = f.severity === 'error' ? c.red(t(lang, 'severity.error')) : c.yellow(t(lang, 'severity.warning'));
    if (options.grouped) {
      if (f.file !== lastFile) {
        if (lastFile !== undefined) lines.push('');
        lines.push(c.underline(f.file));
        lastFile = f.file;
      }
      lines.push(`${c.dim(`${f.line}:${f.column}`)}  ${sev}  ${f.message}  ${c.dim(f.rule)}`);
    } else lines.push(`${c.bold(`${f.file}:${f.line}:${f.column}`)}  ${sev}  ${f.message}  ${c.dim(f.rule)}`);
    const src = sourceLine(f.file, f.line);
    if (src !== undefined && src.length <= 300) {
      const gutter = String(f.line).length;
      const end = f.endLine === f.line ? f.endColumn - 1 : src.length;
      const width = Math.max(1, columnWidth(src, end) - columnWidth(src, f.column - 1));
      const caret = '^' + '~'.repeat(Math.max(0, Math.min(width, 80) - 1));
      lines.push(c.dim(`  ${f.line} | `) + src.replace(/\t/g, ' '));
      lines.push(c.dim(`  ${' '.repeat(gutter)} | `) + ' '.repeat(Math.max(0, columnWidth(src, f.column - 1))) + c.red(caret));
    }
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  if (findings.length === 0) {
    const okWord = options.okWord ?? t(lang, 'ok.noProblems');
    const ok = options.summaryNote ? t(lang, 'summary.okNote', { ok: okWord, note: options.summaryNote }) : okWord;
    lines.push(c.green(options.checked ? t(lang, 'summary.ok', { checked: options.checked, ok }) : `✔ ${ok}`));
  } else {
    if (lines.length) lines.push('');
    const counts = t(lang, 'summary.problems', { problems: plural(lang, 'count.problems', findings.length), errors: plural(lang, 'count.errors', errors), warnings: plural(lang, 'count.warnings', warnings) });
    const summary = options.summaryNote ? t(lang, 'summary.note', { summary: counts, note: options.summaryNote }) : counts;
    lines.push(errors > 0 ? c.red.bold(summary) : c.yellow.bold(summary));
  }
  return lines.join('\n') + '\n';
}

/**
 * Terminal columns taken by the first `units` UTF-16 code units of a line (finding columns count
 * code units, as YAML positions do): CJK and emoji take two columns, also outside the basic plane.
 */
function columnWidth(line: string, units: number): number {
  return stringWidth(line.slice(0, Math.max(0, units)).replace(/\t/g, ' '));
}
