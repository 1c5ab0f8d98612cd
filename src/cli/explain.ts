import type { Command } from 'commander';
import { UsageError, checkFormat, colors, out } from './io.js';

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
      if (id === undefined) {
        if (format === 'json') {
          out(JSON.stringify({ rules: rules.map((r) => ({ id: r.id, level: r.meta.defaultLevel, description: r.meta.description })) }, null, 2));
          return;
        }
        const width = Math.max(...rules.map((r) => r.id.length));
        const lines = rules.map((r) => `  ${c.bold(r.id.padEnd(width))}  ${(r.meta.defaultLevel === 'error' ? c.red : c.yellow)(r.meta.defaultLevel.padEnd(5))}  ${r.meta.description}`);
        out(`Lint rules (recommended set, default level):\n${lines.join('\n')}\n\nRun crmflow explain <rule> for details. Validation ids (${Object.keys(VALIDATION_IDS).join(', ')}) are always reported and cannot be turned off.`);
        return;
      }
      const rule = ruleById.get(id);
      if (!rule) {
        const other = VALIDATION_IDS[id] ?? ENGINE_IDS[id];
        if (other) {
          if (format === 'json') out(JSON.stringify({ id, kind: VALIDATION_IDS[id] ? 'validation' : 'engine', description: other }, null, 2));
          else out(`${c.bold(id)}  ${VALIDATION_IDS[id] ? 'validation check (always on; suppress one with # crmflow-disable-next-line)' : 'reported by the lint engine'}\n\n${other}.`);
          return;
        }
        const { hint } = await import('../model/suggest.js');
        throw new UsageError(`there is no lint rule "${id}"${hint(id, ruleById.keys())}`, 'crmflow explain lists the rules');
      }
      const m = rule.meta;
      if (format === 'json') {
        out(
          JSON.stringify(
            { id: rule.id, level: m.defaultLevel, description: m.description, why: m.why, fix: m.fix, options: m.optionsHelp ?? null, defaultOptions: m.defaultOptions ?? null, examples: m.examples },
            null,
            2,
          ),
        );
        return;
      }
      const indent = (s: string) => s.split('\n').map((l) => `    ${l}`).join('\n');
      const sections = [
        `${c.bold(rule.id)}  ${(m.defaultLevel === 'error' ? c.red : c.yellow)(m.defaultLevel)} in the recommended set`,
        `${c.bold('What it checks')}\n${indent(m.description)}`,
        `${c.bold('Why')}\n${indent(m.why)}`,
        `${c.bold('How to fix')}\n${indent(m.fix)}`,
        ...(m.optionsHelp ? [`${c.bold('Options')}\n${indent(`${m.optionsHelp}\ndefault: ${JSON.stringify(m.defaultOptions ?? {})}`)}`] : []),
        `${c.bold('Bad')}\n${indent(m.examples.bad)}`,
        `${c.bold('Good')}\n${indent(m.examples.good)}`,
        `${c.bold('Configure')}\n${indent(`crmflow.yaml:  lint: { rules: { ${rule.id}: off | warn | error${m.optionsHelp ? ` | [warn, { … }]` : ''} } }\ncommand line:  crmflow lint --rule ${rule.id}=off\none finding:   # crmflow-disable-next-line ${rule.id} -- <reason>`)}`,
      ];
      out(sections.join('\n\n'));
    });
}
