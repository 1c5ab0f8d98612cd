/**
 * The lint core: runs the configured rules over a loaded project, merges their findings with
 * the validation findings, applies inline suppressions and returns data. No I/O, no printing.
 */
import { byPosition } from '../model/project.js';
import type { Finding, PathSegment, Project } from '../model/types.js';
import { resolveRules, type RuleOverride } from './config.js';
import { ruleById } from './rules/index.js';
import { applySuppressions, parseSuppressions, type Suppression } from './suppress.js';
import type { LintResult, Report } from './types.js';
import { VALIDATION_IDS } from './ids.js';
import { msg } from '../i18n/index.js';


export interface LintOptions {
  /** `--rule id=level` overrides, applied after crmflow.yaml. */
  overrides?: readonly RuleOverride[];
  /** Report only on these project-relative files (crmflow.yaml is always included). */
  files?: ReadonlySet<string>;
}

/** Lints a project. Never throws for bad content: a rule that fails becomes a `rule-error` finding. */
export function lintProject(project: Project, options: LintOptions = {}): LintResult {
  const { active, problems } = resolveRules(project, options.overrides);
  const configPath = project.configFile?.path ?? 'crmflow.yaml';
  const wanted = (file: string) => !options.files || options.files.has(file) || file === configPath;

  // Validation findings stay as they are, except those a lint rule reports at its own level.
  const all: Finding[] = project.findings.filter((f) => !ruleById.has(f.rule));
  for (const { rule, level, options: ruleOptions } of active) {
    const severity = level === 'error' ? 'error' : 'warning';
    const report = (r: Report) => all.push({ rule: rule.id, severity, ...place(r, configPath), message: r.message, ...(r.key !== undefined ? { key: r.key } : {}) });
    try {
      rule.check({ project, options: ruleOptions, report });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      all.push({
        rule: 'rule-error',
        severity: 'error',
        message: msg('lint.ruleFailed', { rule: rule.id, why }),
        file: configPath,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 2,
      });
    }
  }
  const findings = all.filter((f) => wanted(f.file));

  // Inline suppressions, read from the files being reported on.
  const known = new Set<string>([...ruleById.keys(), ...Object.keys(VALIDATION_IDS), ...project.findings.map((f) => f.rule)]);
  const suppressions: Suppression[] = [];
  const sources = project.configFile ? [...project.files, project.configFile] : project.files;
  for (const src of sources) {
    if (!wanted(src.path)) continue;
    const r = parseSuppressions(src.path, src.text, known);
    suppressions.push(...r.suppressions);
    findings.push(...r.problems);
  }
  const stepLine = (f: Finding) => {
    const p = f.process ? project.processes.get(f.process) : undefined;
    const i = p && f.step !== undefined ? p.stepIndex.get(f.step) : undefined;
    return p && i !== undefined && p.file === f.file ? p.source.locate(['steps', i]).line : undefined;
  };
  const { kept, suppressed, unused } = applySuppressions(findings, suppressions, stepLine);
  kept.push(...unused);
  kept.sort(byPosition);
  suppressed.sort(byPosition);
  problems.sort(byPosition);
  return { findings: kept, suppressed, configProblems: problems };
}

function place(r: Report, configPath: string): Omit<Finding, 'rule' | 'severity' | 'message'> {
  if (r.at) return { ...r.at };
  const p = r.process;
  if (!p) return { file: configPath, line: 1, column: 1, endLine: 1, endColumn: 2 };
  const i = r.step !== undefined ? p.stepIndex.get(r.step) : undefined;
  const path: PathSegment[] = i !== undefined ? ['steps', i, ...(r.field ?? [])] : [...(r.field ?? [])];
  return { file: p.file, process: p.id, ...(r.step !== undefined ? { step: r.step } : {}), ...p.source.locate(path, r.part) };
}
