import type { Command } from 'commander';
import { simulationOptions } from './simulation-options.js';
import { EXIT, UsageError, checkFormat, intOption, note, out } from './io.js';
import { msg } from '../i18n/index.js';

const FORMATS = ['markdown', 'json'] as const;

interface ReviewOptions {
  since?: string;
  until?: string;
  format: string;
  output?: string;
  simulate?: boolean;
  seed?: string;
  cases?: string;
  runs?: string;
  data?: string;
  branch?: string;
  tz?: string;
  cwd?: string;
}

export function register(program: Command): void {
  const command = program
    .command('review')
    .summary('quarterly review of the process changes over a git period')
    .description(
      'Review every process change of a period: per process the commits (hash, date, author, subject), the net semantic change from the start to the end of the period, the findings introduced and resolved, and with --simulate the cycle time after each commit that touched it. A summary on top says what changed most and what got slower or faster.',
    )
    .option('--since <date|rev>', 'start of the period: a date (YYYY-MM-DD) or a revision (required)')
    .option('--until <date|rev>', 'end of the period: a date (the whole day counts) or a revision (default the tip of the branch)')
    .option('--branch <name>', 'the branch whose first-parent history bounds the period: a commit counts from when it landed there, e.g. when its pull request was merged (default the current branch)')
    .option('--tz <zone>', 'IANA time zone in which dates bound the period and are shown, e.g. Asia/Shanghai (default the machine\'s, TZ when set)')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'markdown')
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('--simulate', 'simulate every process whose model changed (its file, a process it calls or the crmflow.yaml settings it uses) at the start and end of the period, on common random numbers, and after each commit on the branch that changed it (cached by model)');
  simulationOptions(command)
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow review --since 2026-07-01 --until 2026-09-30 -o review-q3.md
  $ crmflow review --since v1.0                          everything since the tag v1.0
  $ crmflow review --since 2026-07-01 --simulate --format json
  $ crmflow review --since 2026-07-01 --until 2026-09-30 --branch main --tz Asia/Shanghai

The period follows the branch's first-parent history: it starts from the last commit that landed
on the branch before --since, so a pull request written in June and merged in July is a July
change. Dates are read in --tz, and the report says which zone it used.

Exit codes: 0 the report was made, 2 could not run (unknown revision or date, not a git
repository, shallow clone missing the start of the period).`,
    )
    .action(async (opts: ReviewOptions) => {
      const format = checkFormat(opts.format, FORMATS, 'review');
      if (opts.since === undefined) throw new UsageError(msg('review.needsSince'), msg('review.needsSinceHint'));
      const seed = opts.seed === undefined ? undefined : intOption(opts.seed, '--seed');
      const cases = opts.cases === undefined ? undefined : intOption(opts.cases, '--cases', 1);
      const runs = opts.runs === undefined ? undefined : intOption(opts.runs, '--runs', 1, 100);
      const { runReview } = await import('../diff/review.js');
      const [{ langAt }, { localize, t }] = await Promise.all([import('./lang.js'), import('../i18n/index.js')]);
      const lang = langAt(opts.cwd);
      const report = await runReview({
        cwd: opts.cwd ?? process.cwd(),
        since: opts.since,
        until: opts.until,
        branch: opts.branch,
        tz: opts.tz,
        simulate: opts.simulate ? { seed, cases, runs, data: opts.data, progress: (m: string) => note(localize(m, lang)) } : undefined,
      });
      let text: string;
      if (format === 'json') text = JSON.stringify(report, null, 2) + '\n';
      else {
        const { formatReviewMarkdown } = await import('../diff/review-format.js');
        text = formatReviewMarkdown(report, lang);
      }
      if (opts.output) {
        const { writeFileAtomic } = await import('../model/write.js');
        writeFileAtomic(opts.output, text);
        note(t(lang, 'review.wrote', { file: opts.output }));
      } else out(text);
      process.exitCode = EXIT.ok;
    });
}
