/**
 * Resolves which rules run at which level: the `extends` set, crmflow.yaml `lint.rules`, then
 * `--rule id=level` from the command line. Problems in crmflow.yaml come back as findings with
 * positions (the CLI exits 2 on them); a bad `--rule` flag throws, as any bad flag does.
 */
import { embed, msg, part } from '../i18n/index.js';
import { ByLang } from '../i18n/pieces.js';
import { rulesZhCN } from '../i18n/rules.zh-CN.js';
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
  if (!m) throw new CrmflowError(msg('ruleFlag.form', { text }), msg('ruleFlag.formHint'));
  const [, id, level] = m as unknown as [string, string, string];
  if (!ruleById.has(id)) {
    throw new CrmflowError(msg('ruleFlag.unknown', { rule: id, hint: embed(hint(id, ruleById.keys())) }), msg('ruleFlag.listHint'));
  }
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new CrmflowError(msg('ruleFlag.level', { rule: id, level, hint: embed(hint(level, LEVELS)) }));
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
      problem(id, msg('lintConfig.unknownRule', { rule: id, hint: embed(hint(id, ruleById.keys())) }), 'key');
      continue;
    }
    // The level itself is checked by the config schema (validation); here only the options.
    const [level, opts] = typeof setting === 'string' ? [setting, undefined] : [setting[0], setting[1]];
    levels.set(id, level);
    if (opts !== undefined) {
      if (!rule.meta.options) {
        if (Object.keys(opts).length) problem(id, msg('lintConfig.noOptions', { rule: id, level }), 'options');
        continue;
      }
      const r = rule.meta.options.safeParse(opts);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        const at = issue.path.length ? part('lintConfig.option', { name: issue.path.join('.') }) : part('lintConfig.theOptions');
        const allowed = rule.meta.optionsHelp ? new ByLang({ en: rule.meta.optionsHelp, 'zh-CN': rulesZhCN[id]?.options }) : part('lintConfig.none');
        problem(
          id,
          issue.code === 'unrecognized_keys'
            ? msg('lintConfig.unknownKeys', { at, rule: id, keys: (issue as { keys?: string[] }).keys?.join(', '), allowed })
            : msg('lintConfig.notValid', { at, rule: id, why: issue.message.toLowerCase(), allowed }),
          'options',
        );
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
