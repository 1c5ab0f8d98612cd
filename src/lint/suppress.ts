/**
 * Inline suppression in YAML, as ESLint does it:
 *
 *     # crmflow-disable-next-line dead-end -- closed by hand in the ERP, see OPS-12
 *
 * hides the findings of the named rules on the next line that holds YAML (blank and comment
 * lines are skipped). Put it above a step's `- id:` line and it covers that whole step. A
 * reason after `--` is required; an unused or malformed comment is itself reported.
 */
import { hint } from '../model/suggest.js';
import type { Finding, Range } from '../model/types.js';
import { embed, msg } from '../i18n/index.js';

export const DIRECTIVE = 'crmflow-disable-next-line';

/** One `# crmflow-disable-next-line` comment. */
export interface Suppression extends Range {
  file: string;
  /** The line whose findings it hides. */
  target: number;
  rules: string[];
  reason: string;
  /** Rules this suppression actually hid a finding of. */
  used: Set<string>;
}

const COMMENT = /(?:^|\s)#\s*(crmflow-[a-z-]*)(.*)$/;

/** Reads the suppression comments of one file; malformed ones become `invalid-suppression` findings. */
export function parseSuppressions(file: string, text: string, knownIds: ReadonlySet<string>): { suppressions: Suppression[]; problems: Finding[] } {
  const suppressions: Suppression[] = [];
  const problems: Finding[] = [];
  if (!text.includes('crmflow-')) return { suppressions, problems };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const m = COMMENT.exec(raw);
    if (!m) return;
    const name = m[1]!;
    const column = raw.indexOf('#', m.index) + 1;
    const range = { line: i + 1, column, endLine: i + 1, endColumn: raw.length + 1 };
    const bad = (message: string) => problems.push({ rule: 'invalid-suppression', severity: 'error', message, file, ...range });
    if (name !== DIRECTIVE) {
      // Only flag what looks like an attempt at a directive, not any comment mentioning crmflow.
      if (/^crmflow-(disable|enable|ignore)/.test(name)) bad(msg('suppress.notDirective', { name, directive: DIRECTIVE }));
      return;
    }
    const body = m[2]!;
    const sep = body.indexOf('--');
    const ruleText = (sep >= 0 ? body.slice(0, sep) : body).trim();
    const reason = sep >= 0 ? body.slice(sep + 2).trim() : '';
    const ids = ruleText.split(/[\s,]+/).filter(Boolean);
    if (ids.length === 0) return void bad(msg('suppress.noRule', { directive: DIRECTIVE }));
    for (const id of ids) {
      if (!knownIds.has(id)) return void bad(msg('suppress.unknownRule', { directive: DIRECTIVE, rule: id, hint: embed(hint(id, knownIds)) }));
    }
    if (!reason) return void bad(msg('suppress.noReason', { directive: DIRECTIVE, rules: ids.join(', ') }));
    let target = i + 1;
    while (target < lines.length && /^\s*(#.*)?$/.test(lines[target]!)) target++;
    if (target >= lines.length) return void bad(msg('suppress.noTarget', { directive: DIRECTIVE }));
    suppressions.push({ file, target: target + 1, rules: ids, reason, used: new Set(), ...range });
  });
  return { suppressions, problems };
}

/**
 * Splits findings into kept and suppressed. `stepLine` gives the first line of a finding's
 * step (so a comment above `- id:` covers the step); `unused-suppression` warnings are added.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  stepLine: (f: Finding) => number | undefined,
): { kept: Finding[]; suppressed: Finding[]; unused: Finding[] } {
  if (suppressions.length === 0) return { kept: [...findings], suppressed: [], unused: [] };
  const byFile = new Map<string, Suppression[]>();
  for (const s of suppressions) {
    const list = byFile.get(s.file) ?? [];
    list.push(s);
    byFile.set(s.file, list);
  }
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const list = byFile.get(f.file);
    let hit: Suppression | undefined;
    if (list) {
      for (const s of list) {
        if (!s.rules.includes(f.rule)) continue;
        if (s.target === f.line || (f.step !== undefined && stepLine(f) === s.target)) {
          hit = s;
          break;
        }
      }
    }
    if (hit) {
      hit.used.add(f.rule);
      suppressed.push(f);
    } else kept.push(f);
  }
  const unused: Finding[] = [];
  for (const s of suppressions) {
    for (const id of s.rules) {
      if (s.used.has(id)) continue;
      unused.push({
        rule: 'unused-suppression',
        severity: 'warning',
        message: msg('lint.unused-suppression', { rule: id, line: s.target }),
        file: s.file,
        line: s.line,
        column: s.column,
        endLine: s.endLine,
        endColumn: s.endColumn,
      });
    }
  }
  return { kept, suppressed, unused };
}
