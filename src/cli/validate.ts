import type { Command } from 'commander';
import { EXIT, checkFormat, colors, note, out, sourceTexts } from './io.js';

const FORMATS = ['stylish', 'json'] as const;

export function register(program: Command): void {
  program
    .command('validate')
    .summary('check schema, references and conditions')
    .description('Check process files against the schema, resolve every reference (steps, roles, processes, calendars, KPIs) parse every CEL condition, and check conditions and action templates against the fields: of crmflow.yaml (unknown fields, types, enum values).')
    .argument('[paths...]', 'process files or folders (default: every process of the project)')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'stylish')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow validate
  $ crmflow validate processes/operation/discount-approval.yaml
  $ crmflow validate --format json | jq '.findings[] | .message'

Exit codes: 0 valid, 1 problems found, 2 could not run (missing file, bad crmflow.yaml).`,
    )
    .action(async (paths: string[], opts: { format: string; cwd?: string }) => {
      const format = checkFormat(opts.format, FORMATS, 'validate');
      const { loadProject } = await import('../model/load.js');
      const project = await loadProject({ cwd: opts.cwd, paths });
      const { currentLang, localizeFindings, plural, t } = await import('../i18n/index.js');
      const lang = currentLang(project.config.lang);
      const findings = localizeFindings(
        project.findings.filter((f) => project.selected.has(f.file) || f.file === 'crmflow.yaml'),
        lang,
      );
      if (format === 'json') {
        const { json } = await import('../lint/formatters/json.js');
        out(json(findings));
      } else {
        const { stylish } = await import('../lint/formatters/stylish.js');
        const sources = sourceTexts(project);
        const n = [...project.selected].filter((f) => f !== 'crmflow.yaml').length;
        if (n === 0) note(t(lang, 'note.noProcessFiles'));
        out(stylish(findings, { sources, colors: colors(), checked: plural(lang, 'count.processFiles', n), okWord: t(lang, 'ok.valid'), lang }));
      }
      if (project.configBroken) process.exitCode = EXIT.cannotRun;
      else process.exitCode = findings.some((f) => f.severity === 'error') ? EXIT.problems : EXIT.ok;
    });
}
