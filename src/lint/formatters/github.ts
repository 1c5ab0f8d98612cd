/**
 * GitHub Actions workflow commands: each finding becomes an annotation on the pull request,
 * `::error file=…,line=…,col=…,title=<rule>::message`.
 */
import type { Finding } from '../../model/types.js';

export interface GithubOptions {
  /** The project root relative to the repository root, e.g. `''` or `crm/`. */
  uriPrefix?: string;
}

/** One workflow command per finding. */
export function github(findings: readonly Finding[], options: GithubOptions = {}): string {
  const prefix = options.uriPrefix ? options.uriPrefix.replace(/\/?$/, '/') : '';
  return findings
    .map((f) => {
      const props = [
        `file=${escapeProperty(prefix + f.file)}`,
        `line=${f.line}`,
        `endLine=${f.endLine}`,
        `col=${f.column}`,
        ...(f.endLine === f.line ? [`endColumn=${f.endColumn}`] : []),
        `title=${escapeProperty(f.rule)}`,
      ];
      return `::${f.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(f.message)}`;
    })
    .map((l) => `${l}\n`)
    .join('');
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
