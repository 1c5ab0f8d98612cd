import type { Command } from 'commander';
import { msg, part } from '../i18n/index.js';
import { EXIT, UsageError, checkFormat, colors, note, out, sourceTexts } from './io.js';
import { logOptions, logReadOptions } from './log-options.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

interface Options {
  log?: string;
  map?: string;
  preset?: string;
  object?: string;
  minFitness?: string;
  maxDeviations?: string;
  format: string;
  cwd?: string;
}

export function register(program: Command): void {
  logOptions(
    program
      .command('conform')
      .summary('replay a real event log on a process: fitness, deviations per step')
      .description(
        'Replays every case of an event log (CSV, XES, OCEL 2.0 JSON, any .gz) on a process and everything it calls (DESIGN §11): fitness by token replay (pm4py\'s 0.5(1−m/c) + 0.5(1−r/p)) and by optimal alignments (1 − cost/worst), which cases fit, and per case the deviations at the step where they happen — a skipped step, an inserted activity, a step in the wrong order. Per step: how often skipped, inserted, reworked. Activities no step stands for are listed.',
      )
      .argument('<process>', 'id of the process to replay on, e.g. opportunity-stages'),
  )
    .option('--min-fitness <x>', 'exit 1 when the token-replay or the alignment fitness is below x (a CI gate), e.g. 0.9')
    .option('--max-deviations <n>', 'deviations listed in text and Markdown (all are in JSON)', '20')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow conform opportunity-stages --log data/crm-events.csv
  $ crmflow conform opportunity-stages --log export.csv --map case=OpportunityId,activity=StageName,end=CreatedDate
  $ crmflow conform opportunity-stages --log OpportunityFieldHistory.csv --preset salesforce-field-history
  $ crmflow conform loan-application --log loans.xes.gz --min-fitness 0.9      CI gate
  $ crmflow conform loan-application --log loans.xes --format json | jq .fitness
  $ crmflow conform lead-to-cash --log leads.csv --format markdown > conformance.md

Log activities match steps by a step's activity: (a name or a list), else by its name or id,
ignoring case, spaces, "-" and "_". Columns named case_id / case:concept:name, activity /
concept:name, start_time, end_time / time:timestamp, resource / org:resource are found without
--map. The report says whether the log has start and end times or one timestamp per event.

Exit codes: 0 replayed (and at least --min-fitness), 1 below --min-fitness or the processes have
validation errors, 2 could not run (unknown process, unreadable log, bad flag).`,
    )
    .action(async (processId: string, opts: Options) => {
      const format = checkFormat(opts.format, FORMATS, 'conform');
      if (!opts.log) throw new UsageError(msg('confFlag.noLog'));
      let minFitness: number | undefined;
      if (opts.minFitness !== undefined) {
        minFitness = Number(opts.minFitness);
        if (!/^\s*(0(\.\d+)?|1(\.0+)?|\.\d+)\s*$/.test(opts.minFitness)) throw new UsageError(msg('confFlag.minFitness', { value: opts.minFitness }), msg('confFlag.minFitnessHint'));
      }
      const maxDeviations = Number(opts.maxDeviations);
      if (!Number.isInteger(maxDeviations) || maxDeviations < 0) throw new UsageError(msg('confFlag.maxDeviations', { value: opts.maxDeviations }));
      const { readEventLog } = await import('../log/index.js');
      const readOptions = await logReadOptions(opts);

      const { loadProject } = await import('../model/load.js');
      const project = await loadProject({ cwd: opts.cwd });
      const { currentLang, t } = await import('../i18n/index.js');
      const lang = currentLang(project.config.lang);
      if (project.configBroken || project.findings.some((f) => f.severity === 'error')) {
        const findings = project.findings.filter((f) => f.severity === 'error');
        const { stylish } = await import('../lint/formatters/stylish.js');
        out(stylish(findings, { sources: sourceTexts(project), colors: colors() }));
        note(t(lang, 'confNote.invalidProject'));
        process.exitCode = project.configBroken ? EXIT.cannotRun : EXIT.problems;
        return;
      }
      const { CrmflowError } = await import('../model/errors.js');
      if (!project.processes.has(processId)) {
        throw new CrmflowError(msg('run.noProcess', { process: processId }), msg('run.knownProcesses', { known: [...project.processes.keys()].sort().join(', ') || part('run.none') }));
      }
      const { resolve } = await import('node:path');
      const progress = process.stderr.isTTY;
      if (progress) note(t(lang, 'confNote.reading', { file: opts.log }));
      const log = await readEventLog(resolve(opts.cwd ?? '.', opts.log), { ...readOptions, name: opts.log });
      if (progress) note(t(lang, 'confNote.replaying', { n: log.stats.cases }));
      const { conform } = await import('../conform/index.js');
      const report = conform(project, processId, log);
      if (report.events > 0 && report.steps.every((st) => st.observed + st.inserted + st.wrongOrder === 0)) {
        note(t(lang, 'confNote.noMatch', { log: opts.log, process: processId }));
      }
      const fmt = await import('../conform/format.js');
      if (format === 'json') out(JSON.stringify(report, null, 2));
      else if (format === 'markdown') out(fmt.conformMarkdown(report, { maxDeviations, minFitness }, lang));
      else out(fmt.conformText(report, colors(), { maxDeviations, minFitness }, lang));
      if (minFitness !== undefined && Math.min(report.fitness.tokenReplay, report.fitness.alignment) < minFitness) process.exitCode = EXIT.problems;
    });
}
