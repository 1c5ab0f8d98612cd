import type { Command } from 'commander';
import { simulationOptions } from './simulation-options.js';
import { EXIT, checkFormat, colors, intOption, note, out } from './io.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

interface DiffOptions {
  format: string;
  simulate?: boolean;
  svg?: string;
  exitCode?: boolean;
  seed?: string;
  cases?: string;
  runs?: string;
  data?: string;
  cwd?: string;
}

/** The words after `--` on the command line: paths, never revisions. */
export function pathsAfterDashes(cmd: Command, operands: readonly string[]): { revisions: string[]; paths: string[] } {
  let root: Command = cmd;
  while (root.parent) root = root.parent;
  const raw = (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
  const at = raw.indexOf('--');
  const paths = at >= 0 ? raw.slice(at + 1) : [];
  const count = Math.max(0, operands.length - paths.length);
  return { revisions: operands.slice(0, count), paths };
}

export function register(program: Command): void {
  const command = program
    .command('diff')
    .summary('semantic diff of the processes between git revisions')
    .description(
      'Compare the processes at two git revisions (default: HEAD against the working tree) step by step: processes and steps added, removed, renamed or changed (with each field before → after), flows added and removed, findings introduced and resolved, and with --simulate the cycle time before → after.',
    )
    .argument('[revisions...]', 'before and after: a commit, branch or tag each (default HEAD and the working tree); A..B works too; paths after --')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')} (markdown is a pull-request comment with Mermaid diagrams)`, 'text')
    .option('--simulate', 'simulate every process whose model changed (its file, a process it calls, or the crmflow.yaml settings it uses) on both sides, on common random numbers, and report cycle time p50/p90 with each change marked significant or not')
    .option('--svg <dir>', 'write <process>.svg per changed process (and <process>.before.svg when steps were removed) with added, removed and changed steps coloured')
    .option('--exit-code', 'exit 1 when something changed, 0 when nothing did (like git diff --exit-code)');
  simulationOptions(command)
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow diff                                  uncommitted changes against HEAD
  $ crmflow diff main                             this branch (and the working tree) against main
  $ crmflow diff HEAD~1 HEAD -- processes/operation
  $ crmflow diff origin/main HEAD --format markdown > comment.md
  $ crmflow diff v1.0 v1.1 --simulate --format json
  $ crmflow diff main HEAD --simulate --runs 10         more runs to tell a small change from noise
  $ crmflow diff main HEAD --svg diff-diagrams/

Steps whose id changed but whose content is alike are shown as renamed.
Exit codes: 0 the diff was made (changes or not; with --exit-code: nothing changed),
1 with --exit-code when something changed, 2 could not run (unknown revision, not a git
repository, a path outside the repository).`,
    )
    .action(async (operands: string[], opts: DiffOptions, cmd: Command) => {
      const format = checkFormat(opts.format, FORMATS, 'diff');
      const { revisions, paths } = pathsAfterDashes(cmd, operands);
      const seed = opts.seed === undefined ? undefined : intOption(opts.seed, '--seed');
      const cases = opts.cases === undefined ? undefined : intOption(opts.cases, '--cases', 1);
      const runs = opts.runs === undefined ? undefined : intOption(opts.runs, '--runs', 1, 100);
      const cwd = opts.cwd ?? process.cwd();
      const { runDiff } = await import('../diff/run.js');
      const { hasChanges } = await import('../diff/diff.js');
      const result = await runDiff({ cwd, revisions, paths });
      try {
        const { report, before, after } = result;
        const { currentLang, localize, t } = await import('../i18n/index.js');
        const lang = currentLang(after.project.config.lang ?? before.project.config.lang);
        if (opts.simulate) {
          const { addCycleTimes } = await import('../diff/simulate.js');
          await addCycleTimes(report, before, after, { seed, cases, runs, data: opts.data, cwd, root: result.repo.root, progress: (m) => note(localize(m, lang)) });
        }
        if (opts.svg) {
          const { writeDiffSvgs } = await import('../diff/svg.js');
          const written = await writeDiffSvgs(report, before.project, after.project, opts.svg, note);
          note(t(lang, written.length === 1 ? 'diff.svgWritten.one' : 'diff.svgWritten.other', { n: written.length, dir: opts.svg }));
        }
        if (format === 'json') out(JSON.stringify(report, null, 2));
        else if (format === 'markdown') {
          const { formatMarkdown } = await import('../diff/format.js');
          out(formatMarkdown(report, { before: before.project, after: after.project, lang }));
        } else {
          const { formatText } = await import('../diff/format.js');
          out(formatText(report, colors(), lang));
        }
        process.exitCode = opts.exitCode && hasChanges(report) ? EXIT.problems : EXIT.ok;
      } finally {
        result.repo.close();
      }
    });
}
