import type { Command } from 'commander';
import { EXIT, checkFormat, colors, intOption, note, out, sourceTexts } from './io.js';

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;

export function register(program: Command): void {
  program
    .command('lint')
    .summary('find modelling problems: dead ends, missing exception paths, duplicates, …')
    .description(
      'Run the lint rules (crmflow explain lists them) over the processes, together with the validation checks, and report findings with positions. Rules are configured under lint: in crmflow.yaml; # crmflow-disable-next-line <rule> -- <reason> suppresses one finding.',
    )
    .argument('[paths...]', 'process files or folders to report on (default: every process of the project)')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'stylish')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('--rule <id=level>', 'set a rule to off, warn or error (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('-q, --quiet', 'report errors only')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow lint
  $ crmflow lint processes/operation --rule max-steps=off
  $ crmflow lint --format sarif > crmflow.sarif        for GitHub code scanning
  $ crmflow lint --format github                       annotations in GitHub Actions
  $ crmflow lint --max-warnings 0 --format json | jq '.findings[] | .message'

Suppress one finding (a reason is required; an unused suppression is reported):
  # crmflow-disable-next-line sla-without-breach-path -- measured only, see OPS-12

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 could not run (bad flag, unknown rule, missing path, bad crmflow.yaml).`,
    )
    .action(async (paths: string[], opts: { format: string; maxWarnings?: string; rule?: string[]; quiet?: boolean; cwd?: string }) => {
      const format = checkFormat(opts.format, FORMATS, 'lint');
      const maxWarnings = opts.maxWarnings === undefined ? undefined : intOption(opts.maxWarnings, '--max-warnings');
      const { parseRuleFlag } = await import('../lint/config.js');
      const overrides = (opts.rule ?? []).map(parseRuleFlag);
      const { loadProject } = await import('../model/load.js');
      const project = await loadProject({ cwd: opts.cwd, paths });
      const { lintProject } = await import('../lint/engine.js');
      const result = lintProject(project, { overrides, files: project.selected });

      const { currentLang, localizeFindings, plural, t } = await import('../i18n/index.js');
      const lang = currentLang(project.config.lang);
      let findings = localizeFindings([...result.configProblems, ...result.findings], lang);
      if (opts.quiet) findings = findings.filter((f) => f.severity === 'error');
      const errors = findings.filter((f) => f.severity === 'error').length;
      const warnings = findings.length - errors;

      if (format === 'json') {
        const { json } = await import('../lint/formatters/json.js');
        out(json(findings));
      } else if (format === 'sarif' || format === 'github') {
        const { repoPrefix } = await import('../lint/repo.js');
        const uriPrefix = repoPrefix(project.root);
        if (format === 'github') {
          const { github } = await import('../lint/formatters/github.js');
          out(github(findings, { uriPrefix }));
        } else {
          const [{ sarif }, { sarifRules }] = await Promise.all([import('../lint/formatters/sarif.js'), import('../lint/catalog.js')]);
          out(sarif(findings, { rules: sarifRules(), uriPrefix, version: await version() }));
        }
      } else {
        const { stylish } = await import('../lint/formatters/stylish.js');
        const sources = sourceTexts(project);
        const n = [...project.selected].filter((f) => f !== 'crmflow.yaml').length;
        if (n === 0) note(t(lang, 'note.noProcessFiles'));
        const hidden = result.suppressed.length;
        out(
          stylish(findings, {
            sources,
            colors: colors(),
            checked: plural(lang, 'count.processFiles', n),
            okWord: t(lang, 'ok.clean'),
            grouped: true,
            summaryNote: hidden ? plural(lang, 'count.suppressed', hidden) : undefined,
            lang,
          }),
        );
      }

      if (result.configProblems.length > 0 || project.configBroken) {
        note(t(lang, 'note.configProblems'));
        process.exitCode = EXIT.cannotRun;
      } else if (errors > 0) process.exitCode = EXIT.problems;
      else if (maxWarnings !== undefined && warnings > maxWarnings) {
        note(t(lang, 'note.maxWarnings', { warnings: plural(lang, 'count.warnings', warnings), max: maxWarnings }));
        process.exitCode = EXIT.problems;
      } else process.exitCode = EXIT.ok;
    });
}

async function version(): Promise<string> {
  return (await import('../model/package-root.js')).packageVersion();
}

