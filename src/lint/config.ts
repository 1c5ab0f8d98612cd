/**
 * Resolves which rules run at which level: the `extends` set, crmflow.yaml `lint.rules`, then
 * `--rule id=level` from the command line. Problems in crmflow.yaml come back as findings with
 * positions (the CLI exits 2 on them); a bad `--rule` flag throws, as any bad flag does.
 */
import { CrmflowError } from '../model/errors.js';
import { hint } from '../model/suggest.js';
import type { Finding, Project } from '../model/types.js';
import { RECOMMENDED, ruleById, rules } from './rules/index.js';
import type { ActiveRule, Level } from './types.js';

export const LEVELS: readonly Level[] = ['off', 'warn', 'error'];

/** A `--rule id=level` from the command line. */
export interface RuleOverride {
  id: string;
  level: Level;
}

/** Parses `--rule dead-end=warn`; unknown ids and levels are a usage error (exit 2). */
export function parseRuleFlag(text: string): RuleOverride {
  const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(text);
  if (!m) throw new CrmflowError(`--rule "${text}" is not <rule>=<level>`, 'write for example --rule dead-end=warn (levels: off, warn, error)');
  const [, id, level] = m as unknown as [string, string, string];
  if (!ruleById.has(id)) {
    throw new CrmflowError(`--rule: there is no lint rule "${id}"${hint(id, ruleById.keys())}`, 'crmflow explain lists the rules');
  }
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new CrmflowError(`--rule ${id}: level "${level}" is not one of off, warn, error${hint(level, LEVELS)}`);
  }
  return { id, level: level as Level };
}

/** The rules to run with their levels and options, and the problems found in the configuration. */
export function resolveRules(project: Project, overrides: readonly RuleOverride[] = []): { active: ActiveRule[]; problems: Finding[] } {
  const lint = project.config.lint ?? {};
  const base = new Set(lint.extends === 'all' ? rules.map((r) => r.id) : RECOMMENDED);
  const levels = new Map<string, Level>();
  const options = new Map<string, Record<string, unknown>>();
  for (const r of rules) levels.set(r.id, base.has(r.id) ? r.meta.defaultLevel : 'off');

  const problems: Finding[] = [];
  const src = project.configFile;
  const problem = (id: string, message: string, where: 'key' | 'options') => {
    const range = src ? src.locate(where === 'key' ? ['lint', 'rules', id] : ['lint', 'rules', id, 1], where === 'key' ? 'key' : 'value') : { line: 1, column: 1, endLine: 1, endColumn: 2 };
    problems.push({ rule: 'lint-config', severity: 'error', message, file: src?.path ?? 'crmflow.yaml', ...range });
  };
  for (const [id, setting] of Object.entries(lint.rules ?? {})) {
    const rule = ruleById.get(id);
    if (!rule) {
      problem(id, `lint.rules names "${id}", which is not a lint rule${hint(id, ruleById.keys())}; run crmflow explain to list the rules`, 'key');
      continue;
    }
    // The level itself is checked by the config schema (validation); here only the options.
    const [level, opts] = typeof setting === 'string' ? [setting, undefined] : [setting[0], setting[1]];
    levels.set(id, level);
    if (opts !== undefined) {
      if (!rule.meta.options) {
        if (Object.keys(opts).length) problem(id, `rule "${id}" takes no options; write just the level, e.g. ${id}: ${level}`, 'options');
        continue;
      }
      const r = rule.meta.options.safeParse(opts);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        const at = issue.path.length ? `option "${issue.path.join('.')}"` : 'the options';
        problem(id, `${at} of rule "${id}" ${issue.code === 'unrecognized_keys' ? `has unknown keys (${(issue as { keys?: string[] }).keys?.join(', ')})` : `are not valid (${issue.message.toLowerCase()})`}; allowed: ${rule.meta.optionsHelp ?? 'none'}`, 'options');
        continue;
      }
      options.set(id, r.data);
    }
  }
  for (const o of overrides) levels.set(o.id, o.level);

  const active: ActiveRule[] = [];
  for (const rule of rules) {
    const level = levels.get(rule.id)!;
    if (level === 'off') continue;
    active.push({ rule, level, options: { ...(rule.meta.defaultOptions ?? {}), ...(options.get(rule.id) ?? {}) } });
  }
  return { active, problems };
}
