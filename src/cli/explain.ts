import type { Command } from 'commander';
import { UsageError, checkFormat, colors, out } from './io.js';
import { embed, msg } from '../i18n/index.js';

const FORMATS = ['text', 'json'] as const;

export function register(program: Command): void {
  program
    .command('explain')
    .summary('what a lint rule checks, why, and how to fix it')
    .description('Print what a lint rule checks, why it matters, how to fix a finding, its options and a bad and a good example. Without a rule, list the rules.')
    .argument('[rule]', 'a rule id, e.g. dead-end')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow explain                         list the rules
  $ crmflow explain exception-path-missing
  $ crmflow explain dead-end --format json

Exit codes: 0 printed, 2 unknown rule.`,
    )
    .action(async (id: string | undefined, opts: { format: string }) => {
      const format = checkFormat(opts.format, FORMATS, 'explain');
      const [{ rules, ruleById }, { VALIDATION_IDS, ENGINE_IDS }] = await Promise.all([import('../lint/rules/index.js'), import('../lint/ids.js')]);
      const c = colors();
      // string-width builds an Intl.Segmenter when it loads (~30 ms): only explain's list pays for it.
      const [{ currentLang, t }, { rulesZhCN }, { default: stringWidth }] = await Promise.all([import('../i18n/index.js'), import('../i18n/rules.zh-CN.js'), import('string-width')]);
      const lang = currentLang();
      // The rule's own English text, or its translation.
      const text = (r: { id: string; meta: { description: string; why: string; fix: string; optionsHelp?: string } }) => {
        const zh = lang === 'zh-CN' ? rulesZhCN[r.id] : undefined;
        return { description: zh?.description ?? r.meta.description, why: zh?.why ?? r.meta.why, fix: zh?.fix ?? r.meta.fix, options: r.meta.optionsHelp && (zh?.options ?? r.meta.optionsHelp) };
      };
      const level = (l: 'error' | 'warn') => t(lang, `level.${l}`);
      if (id === undefined) {
        if (format === 'json') {
          out(JSON.stringify({ rules: rules.map((r) => ({ id: r.id, level: r.meta.defaultLevel, description: text(r).description })) }, null, 2));
          return;
        }
        const width = Math.max(...rules.map((r) => r.id.length));
        const levelWidth = Math.max(...(['error', 'warn'] as const).map((l) => stringWidth(level(l))));
        const pad = (s: string) => s + ' '.repeat(Math.max(0, levelWidth - stringWidth(s)));
        const lines = rules.map((r) => `  ${c.bold(r.id.padEnd(width))}  ${(r.meta.defaultLevel === 'error' ? c.red : c.yellow)(pad(level(r.meta.defaultLevel)))}  ${text(r).description}`);
        out(`${t(lang, 'explain.listTitle')}\n${lines.join('\n')}\n\n${t(lang, 'explain.listMore', { ids: Object.keys(VALIDATION_IDS).join(', ') })}`);
        return;
      }
      const rule = ruleById.get(id);
      if (!rule) {
        const english = VALIDATION_IDS[id] ?? ENGINE_IDS[id];
        const other = lang === 'zh-CN' && english ? ((await import('../i18n/ids.zh-CN.js')).idsZhCN[id] ?? english) : english;
        if (other) {
          if (format === 'json') out(JSON.stringify({ id, kind: VALIDATION_IDS[id] ? 'validation' : 'engine', description: other }, null, 2));
          else out(`${c.bold(id)}  ${t(lang, VALIDATION_IDS[id] ? 'explain.validation' : 'explain.engine')}\n\n${other}${lang === 'en' ? '.' : '。'}`);
          return;
        }
        const { hint } = await import('../model/suggest.js');
        throw new UsageError(msg('cli.noRule', { rule: id, hint: embed(hint(id, ruleById.keys())) }), msg('ruleFlag.listHint'));
      }
      const m = rule.meta;
      const tx = text(rule);
      if (format === 'json') {
        out(
          JSON.stringify(
            { id: rule.id, level: m.defaultLevel, description: tx.description, why: tx.why, fix: tx.fix, options: tx.options ?? null, defaultOptions: m.defaultOptions ?? null, examples: m.examples },
            null,
            2,
          ),
        );
        return;
      }
      const indent = (s: string) => s.split('\n').map((l) => `    ${l}`).join('\n');
      const sections = [
        `${c.bold(rule.id)}  ${t(lang, 'explain.inSet', { level: (m.defaultLevel === 'error' ? c.red : c.yellow)(level(m.defaultLevel)) })}`,
        `${c.bold(t(lang, 'explain.what'))}\n${indent(tx.description)}`,
        `${c.bold(t(lang, 'explain.why'))}\n${indent(tx.why)}`,
        `${c.bold(t(lang, 'explain.fix'))}\n${indent(tx.fix)}`,
        ...(tx.options ? [`${c.bold(t(lang, 'explain.options'))}\n${indent(`${tx.options}\n${t(lang, 'explain.default', { value: JSON.stringify(m.defaultOptions ?? {}) })}`)}`] : []),
        `${c.bold(t(lang, 'explain.bad'))}\n${indent(m.examples.bad)}`,
        `${c.bold(t(lang, 'explain.good'))}\n${indent(m.examples.good)}`,
        `${c.bold(t(lang, 'explain.configure'))}\n${indent(t(lang, 'explain.configureText', { rule: rule.id, more: m.optionsHelp ? ' | [warn, { … }]' : '' }))}`,
      ];
      out(sections.join('\n\n'));
    });
}
