import type { Finding } from '../../model/types.js';

/** The stable JSON shape of DESIGN §6: `{ findings, errorCount, warningCount }`. */
export interface FindingsReport {
  findings: Array<{
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    rule: string;
    severity: 'error' | 'warning';
    message: string;
    process: string | null;
    step: string | null;
  }>;
  errorCount: number;
  warningCount: number;
}

/** Builds the JSON report (keys in a fixed order, absent process/step as null). */
export function toJsonReport(findings: readonly Finding[]): FindingsReport {
  return {
    findings: findings.map((f) => ({
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      process: f.process ?? null,
      step: f.step ?? null,
    })),
    errorCount: findings.filter((f) => f.severity === 'error').length,
    warningCount: findings.filter((f) => f.severity === 'warning').length,
  };
}

export function json(findings: readonly Finding[]): string {
  return JSON.stringify(toJsonReport(findings), null, 2) + '\n';
}
