import type { Command } from 'commander';
import { join } from 'node:path';
import { COMPARE_RUNS, LIMITS, groupDigits } from '../simulate/limits.js';
import { msg, t, type Lang } from '../i18n/index.js';
import { EXIT, UsageError, checkFormat, colors, intOption, note, out, sourceTexts } from './io.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

interface Options {
  data?: string | false;
  skipBadRows?: boolean;
  cases?: string;
  seed?: string;
  runs?: string;
  warmup?: string;
  maxSteps?: string;
  set: string[];
  scenario?: string;
  compare?: boolean;
  format: string;
  chart?: string;
  events?: string;
  calibration?: string;
  against?: string;
  againstMap?: string;
  againstPreset?: string;
  ui?: boolean;
  progress: boolean;
  cwd?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function register(program: Command): void {
  program
    .command('simulate')
    .summary('simulate a process on sample cases: cycle times, bottlenecks, SLAs, KPIs')
    .description(
      'Discrete-event simulation of a process with everything it calls (DESIGN §7): cases from --data or the start step\'s arrivals, roles as pools of people working their calendars, SLAs, KPIs. Same seed, same report.',
    )
    .argument('<process>', 'id of the process to simulate, e.g. lead-to-cash')
    .option('-d, --data <file>', 'CSV or JSON case data (default: simulate.data in crmflow.yaml)')
    .option('--no-data', 'ignore simulate.data: cases come from the start step\'s arrivals')
    .option('--skip-bad-rows', 'leave out data rows whose values do not fit their declared fields (warns with the count) instead of exiting 2')
    .option('-n, --cases <n>', `cases per run, at most ${groupDigits(LIMITS.cases)} (default: the data rows, else 1000)`)
    .option('-s, --seed <n>', 'random seed (default 42)')
    .option('-r, --runs <n>', `replications, for 95 % confidence intervals (run on worker threads), at most ${LIMITS.runs}; ${COMPARE_RUNS} with --compare`)
    .option('--warmup <n>', 'cases at the start of each run left out of the figures')
    .option('--max-steps <n>', 'stop a case after this many steps (a runaway loop); default 1000')
    .option('--set <path=value>', 'override, e.g. roles.sales-manager.headcount=3 (repeatable)', collect, [])
    .option('--scenario <id>', 'apply a named scenario from crmflow.yaml')
    .option('--compare', 'baseline and scenario (--scenario / --set) side by side, on common random numbers, each change marked significant or not')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('--chart <file.svg>', 'also write the cycle-time histogram and bottleneck chart as SVG')
    .option('--events <file.csv>', 'also write the simulated cases as an event log: one row per task or approval (case_id, activity, step, resource, role, start_time, end_time)')
    .option('--calibration <file>', 'use the durations, probabilities, arrivals, headcounts and hours fitted by crmflow calibrate')
    .option('--against <log>', 'compare with a recorded event log: cycle-time distance (hours), 3-gram distance, per-step duration and frequency (cases default to the log\'s)')
    .option('--against-map <pairs>', 'log columns of the --against log, as --map of calibrate')
    .option('--against-preset <name>', 'read the --against log as a CRM export, as --preset of calibrate')
    .option('--ui', 'interactive workshop view (needs a terminal): change headcounts with +/-, r re-run, c compare, q quit')
    .option('--no-progress', 'no progress on stderr')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow simulate lead-to-cash
  $ crmflow simulate lead-to-cash --cases 10000 --runs 5
  $ crmflow simulate discount-approval --set roles.sales-manager.headcount=3 --compare --runs 5
  $ crmflow simulate lead-to-cash --set steps.discount-approval/manager-approval.duration=1h --compare
  $ crmflow simulate lead-to-cash --scenario more-managers --compare   (scenarios: in crmflow.yaml)
  $ crmflow simulate lead-to-cash --format markdown > handout.md --chart cycle-time.svg
  $ crmflow simulate lead-to-cash --format json | jq .cycleTime
  $ crmflow simulate contract-and-payment --no-data     use the start step's arrivals
  $ crmflow simulate lead-to-cash --data leads.csv --skip-bad-rows
  $ crmflow simulate lead-to-cash --events sim.csv    event log for pm4py, Disco, crmflow conform
  $ crmflow simulate lead-to-cash --ui
  $ crmflow simulate loan-application --calibration calibration.yaml --against test.csv.gz --chart against.svg

Times are in minutes in JSON. --set paths: roles.<role>.headcount|calendar,
steps.<process>/<step>.<field> (duration, sla.within, on.<name>.probability, branches.<i>.probability,
arrivals.every), calendars.<id>.hours|timezone, kpis.<id>.target.p90.

--compare runs ${COMPARE_RUNS} replications of each side unless --runs says otherwise (at least 2):
both sides see the same arrivals, data rows and per-case random draws, and Welch's t-test
(5 %) marks each change significant or not. Utilisation is measured from the first counted
to the last arrival, so the drain at the end does not dilute it.

Data columns are read by the types declared in crmflow.yaml fields: (crmflow fields --infer data.csv
proposes them); a value that does not fit is an error naming its row and column.

Exit codes: 0 simulated, 1 the processes have validation errors or a condition failed on some data
rows (see "Condition errors"), 2 could not run (bad flag, data, process, --ui without a terminal).`,
    )
    .action(async (processId: string, opts: Options) => {
      const format = checkFormat(opts.format, FORMATS, 'simulate');
      const more = msg('simFlag.casesMoreHint');
      const cases = opts.cases !== undefined ? intOption(opts.cases, '--cases', 1, LIMITS.cases, more) : undefined;
      const seed = opts.seed !== undefined ? intOption(opts.seed, '--seed', 0) : undefined;
      let runs = opts.runs !== undefined ? intOption(opts.runs, '--runs', 1, LIMITS.runs, msg('simFlag.runsMoreHint')) : undefined;
      const warmup = opts.warmup !== undefined ? intOption(opts.warmup, '--warmup', 0, LIMITS.cases) : undefined;
      const maxSteps = opts.maxSteps !== undefined ? intOption(opts.maxSteps, '--max-steps', 1) : undefined;
      if (cases !== undefined && warmup !== undefined && warmup >= cases) throw new UsageError(msg('simFlag.warmup', { warmup, cases }));
      if (opts.compare && runs === 1) throw new UsageError(msg('simFlag.compareRuns'), msg('simFlag.compareRunsHint', { n: COMPARE_RUNS }));
      // Without a terminal ink cannot read keys: refuse rather than crash (the text report is what a pipe wants).
      if (opts.ui && !(process.stdin.isTTY && process.stdout.isTTY)) {
        throw new UsageError(msg('simFlag.uiTty'), msg('simFlag.uiTtyHint'));
      }
      if ((opts.against !== undefined || opts.calibration !== undefined) && (opts.compare || opts.ui)) {
        throw new UsageError(msg('simFlag.oneSimulation', { flag: opts.against !== undefined ? '--against' : '--calibration', other: opts.compare ? '--compare' : '--ui' }), msg('simFlag.oneSimulationHint'));
      }
      if (opts.events !== undefined && (opts.compare || opts.ui)) {
        throw new UsageError(msg('simFlag.eventsOne', { other: opts.compare ? '--compare' : '--ui' }), msg('simFlag.eventsOneHint'));
      }
      const set: Record<string, string | number | boolean> = {};
      for (const s of opts.set) {
        const eq = s.indexOf('=');
        if (eq <= 0) throw new UsageError(msg('simFlag.setForm', { set: s }));
        set[s.slice(0, eq).trim()] = s.slice(eq + 1).trim();
      }

      const { loadProject } = await import('../model/load.js');
      const project = await loadProject({ cwd: opts.cwd });
      const { currentLang, t } = await import('../i18n/index.js');
      const lang = currentLang(project.config.lang);
      const { warningIn } = await import('../simulate/format.js');
      const warn = (w: string) => note(t(lang, 'simNote.warning', { text: warningIn(lang, w) }));
      if (project.configBroken || project.findings.some((f) => f.severity === 'error')) {
        const findings = project.findings.filter((f) => f.severity === 'error');
        if (format === 'json') {
          const { json } = await import('../lint/formatters/json.js');
          out(json(findings));
        } else {
          const { stylish } = await import('../lint/formatters/stylish.js');
          const sources = sourceTexts(project);
          out(stylish(findings, { sources, colors: colors() }));
          note(t(lang, 'simNote.invalidProject'));
        }
        process.exitCode = project.configBroken ? EXIT.cannotRun : EXIT.problems;
        return;
      }

      let scenarioSet: Record<string, string | number | boolean> = {};
      if (opts.scenario) {
        const sc = project.config.scenarios?.[opts.scenario];
        if (!sc) {
          const known = Object.keys(project.config.scenarios ?? {});
          throw new UsageError(msg('simFlag.noScenario', { scenario: opts.scenario }), known.length ? msg('simFlag.knownScenarios', { known: known.join(', ') }) : msg('simFlag.addScenarios'));
        }
        scenarioSet = { ...sc.set };
      }
      const overrides = { ...scenarioSet, ...set };
      if (opts.compare && Object.keys(overrides).length === 0) throw new UsageError(msg('simFlag.compareScenario'));
      if (opts.compare && runs === undefined) runs = Math.max(COMPARE_RUNS, project.config.simulate?.runs ?? 0);

      const sim = await import('../simulate/index.js');
      const { resolve } = await import('node:path');
      const cfgData = project.config.simulate?.data;
      const dataFile = opts.data === false ? undefined : typeof opts.data === 'string' ? resolve(opts.cwd ?? '.', opts.data) : cfgData ? resolve(project.root, cfgData) : undefined;
      const name = typeof opts.data === 'string' ? opts.data : cfgData;
      if (dataFile && !project.config.fields) note(t(lang, 'simNote.noFields', { file: name }));
      const onWarning = warn;
      const data = opts.data === false ? [] : dataFile ? await sim.loadCases(dataFile, { fields: project.config.fields, skipBadRows: opts.skipBadRows, onWarning, name }) : undefined;
      const base: import('../simulate/index.js').SimulateOptions = { data, cases, seed, runs, warmup, maxSteps };
      let simProject: import('../model/types.js').Project = project;
      const log = opts.against !== undefined ? await (await import('../log/index.js')).readEventLog(resolve(opts.cwd ?? '.', opts.against), { ...(await (await import('./log-options.js')).logReadOptions({ map: opts.againstMap, preset: opts.againstPreset })), name: opts.against }) : undefined;
      if (log && base.cases === undefined) base.cases = Math.min(LIMITS.cases, Math.max(1, log.cases.length));
      if (opts.calibration !== undefined) {
        const { readFileSync } = await import('node:fs');
        const cal = await import('../calibrate/index.js');
        let text: string;
        try {
          text = readFileSync(resolve(opts.cwd ?? '.', opts.calibration), 'utf8');
        } catch (e) {
          throw new UsageError(msg('simFlag.calibrationRead', { file: opts.calibration, why: (e as NodeJS.ErrnoException).code ?? (e as Error).message }), msg('simFlag.calibrationReadHint'));
        }
        const overlay = cal.parseCalibration(opts.calibration, text);
        const run = cal.calibratedRun(project, overlay, { cases: base.cases ?? project.config.simulate?.cases ?? 1000, seed: base.seed ?? project.config.simulate?.seed ?? 42, data: opts.data === false ? undefined : data });
        simProject = run.project;
        Object.assign(base, run.options);
      }

      if (opts.ui) {
        // The view compares with its first run (c): that needs replications too.
        if (runs === undefined) base.runs = Math.max(COMPARE_RUNS, project.config.simulate?.runs ?? 0);
        const { runUi } = await import('./simulate-ui.js');
        await runUi({ project, processId, options: { ...base, set: overrides } });
        return;
      }

      const progress = makeProgress(opts.progress !== false, lang);
      let failed: import('../simulate/types.js').ConditionError[] = [];
      try {
        if (opts.compare) {
          const label = opts.scenario ?? 'scenario';
          const shown = opts.scenario ?? t(lang, 'cmp.scenario');
          const baseline = await sim.simulate(project, processId, { ...base, onProgress: progress.update(t(lang, 'cmp.baseline')) });
          const scenario = await sim.simulate(project, processId, { ...base, set: overrides, onProgress: progress.update(shown) });
          progress.end();
          const fmt = await import('../simulate/format.js');
          if (format === 'json') {
            const method = { runs: baseline.runs, randomNumbers: 'common', test: 'welch', level: 0.05 };
            out(JSON.stringify({ baseline, scenario, label, set: overrides, method, differences: fmt.differences(baseline, scenario) }, null, 2));
          }
          else if (format === 'markdown') out(fmt.compareMarkdown(baseline, scenario, shown, lang));
          else out(fmt.compareText(baseline, scenario, shown, colors(), lang));
          for (const w of new Set([...baseline.warnings, ...scenario.warnings])) if (format === 'json') warn(w);
          // The scenario may change a condition: show each failing one once.
          failed = [...new Map([...(baseline.conditionErrors ?? []), ...(scenario.conditionErrors ?? [])].map((e) => [JSON.stringify(e), e])).values()];
          if (failed.length && format !== 'json') out(format === 'markdown' ? `\n${fmt.conditionErrorsMarkdown(failed, lang)}` : `\n${fmt.conditionErrorsText(failed, colors(), lang)}`);
          if (opts.chart) await writeChart(opts.chart, scenario, opts.cwd, lang);
        } else {
          const events = opts.events !== undefined ? await openEvents(opts.events, opts.cwd) : undefined;
          let report: import('../simulate/types.js').SimulationReport;
          const rows: import('../simulate/index.js').EventRow[] = [];
          const onEvents = events || log ? (r: import('../simulate/index.js').EventRow[]) => {
            events?.rows(log ? r.filter((x) => !x.stage) : r);
            if (log) rows.push(...r);
          } : undefined;
          try {
            report = await sim.simulate(simProject, processId, { ...base, set: overrides, onProgress: progress.update(''), onEvents, eventStages: log !== undefined });
            events?.commit();
          } catch (e) {
            events?.abort();
            throw e;
          }
          progress.end();
          if (events) note(t(lang, 'simNote.wrote', { file: opts.events }));
          const fmt = await import('../simulate/format.js');
          let against: import('../simulate/against.js').AgainstReport | undefined;
          if (log) {
            const { againstReport } = await import('../calibrate/index.js');
            against = againstReport(simProject, processId, log, rows);
          }
          const againstJson = against && (({ cycleTimes: _, ...rest }) => rest)(against);
          if (format === 'json') {
            out(JSON.stringify(againstJson ? { ...report, against: againstJson } : report, null, 2));
            for (const w of report.warnings) warn(w);
          } else if (format === 'markdown') out(fmt.markdownReport(report, project.config.outcomes, lang) + (against ? `\n\n${(await import('../simulate/against-format.js')).againstText(against, true, lang)}` : ''));
          else out(fmt.textReport(report, colors(), project.config.outcomes, lang) + (against ? `\n\n${(await import('../simulate/against-format.js')).againstText(against, false, lang)}` : ''));
          failed = report.conditionErrors ?? [];
          if (opts.chart && against) {
            const { againstSvg } = await import('../simulate/against-format.js');
            const { writeFileAtomic } = await import('../model/write.js');
            writeFileAtomic(resolve(opts.cwd ?? '.', opts.chart), againstSvg(against, lang));
            note(t(lang, 'simNote.wrote', { file: opts.chart }));
          } else if (opts.chart) await writeChart(opts.chart, report, opts.cwd, lang);
        }
      } finally {
        progress.end();
      }
      // A condition that failed is a problem in the process or the data, not a branch not taken.
      if (failed.length) note(t(lang, failed.length === 1 ? 'simNote.failed.one' : 'simNote.failed.other', { n: failed.length }));
      process.exitCode = failed.length ? EXIT.problems : EXIT.ok;
    });
}

async function writeChart(file: string, report: import('../simulate/types.js').SimulationReport, cwd: string | undefined, lang: import('../i18n/index.js').Lang): Promise<void> {
  const { chartSvg } = await import('../simulate/svg.js');
  const { writeFileAtomic } = await import('../model/write.js');
  const { resolve } = await import('node:path');
  const { t } = await import('../i18n/index.js');
  writeFileAtomic(resolve(cwd ?? '.', file), chartSvg(report, lang));
  note(t(lang, 'simNote.wrote', { file }));
}

/**
 * The --events file, opened before the run so a bad path fails at once (exit 2), streamed in
 * chunks of about 64 KB, and renamed into place only when the run succeeded.
 */
async function openEvents(file: string, cwd?: string) {
  const { openAtomic } = await import('../model/write.js');
  const { statSync } = await import('node:fs');
  const { resolve } = await import('node:path');
  const { eventCsvHeader, eventCsvLines } = await import('../simulate/index.js');
  const path = resolve(cwd ?? '.', file);
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    // Not there yet: the usual case.
  }
  if (folder || /[\\/]$/.test(file)) throw new UsageError(msg('simFlag.eventsFolder', { file }), msg('simFlag.eventsFolderHint', { example: join(file, 'sim.csv') }));
  let stream: import('../model/write.js').AtomicStream;
  try {
    stream = openAtomic(path);
  } catch (e) {
    throw new UsageError(msg('simFlag.eventsWrite', { file, why: (e as NodeJS.ErrnoException).code ?? (e as Error).message }), msg('simFlag.eventsWriteHint'));
  }
  let buffer = eventCsvHeader();
  return {
    rows(rows: import('../simulate/index.js').EventRow[]) {
      buffer += eventCsvLines(rows);
      if (buffer.length >= 65536) {
        stream.write(buffer);
        buffer = '';
      }
    },
    commit() {
      stream.write(buffer);
      buffer = '';
      stream.commit();
    },
    abort: () => stream.abort(),
  };
}

/**
 * Time left from the rate so far (cases done in `elapsedMs`), as "about 40 s" or "about 3 min";
 * undefined while too little is done to tell or when under `atLeastMs` is left.
 */
export function timeLeft(done: number, total: number, elapsedMs: number, atLeastMs = 3000, lang: Lang = 'en'): string | undefined {
  if (done <= 0 || elapsedMs <= 0 || done >= total) return undefined;
  const ms = ((total - done) * elapsedMs) / done;
  if (ms < atLeastMs) return undefined;
  const s = Math.round(ms / 1000);
  return s < 90 ? t(lang, 'simNote.aboutS', { n: s }) : s < 5400 ? t(lang, 'simNote.aboutMin', { n: Math.round(s / 60) }) : t(lang, 'simNote.aboutH', { n: (s / 3600).toFixed(1) });
}

/**
 * Progress on stderr, shown only once a run has taken more than a second; then, when more
 * than a few seconds are left, the time left at the rate since the first chunk of events
 * (loading the project and compiling the model would skew it).
 */
function makeProgress(enabled: boolean, lang: Lang) {
  const tty = Boolean(process.stderr.isTTY);
  let started = Date.now();
  let last = 0;
  let shown = false;
  let estimated = '';
  let from = { at: 0, done: 0 };
  return {
    update(label: string) {
      // Each side of a comparison is timed on its own.
      started = Date.now();
      estimated = '';
      from = { at: 0, done: 0 };
      return (p: import('../simulate/types.js').Progress) => {
        if (!enabled) return;
        const now = Date.now();
        if (from.at === 0) from = { at: now, done: p.done };
        if (now - started < 1000) return;
        const name = `simulate${label ? ` ${label}` : ''}`;
        const left = now - from.at < 500 ? undefined : timeLeft(p.done - from.done, p.total - from.done, now - from.at, 3000, lang);
        const cases = p.total.toLocaleString('en-US');
        if (!estimated && left) {
          estimated = left;
          if (!tty) process.stderr.write(`${t(lang, 'simNote.willTake', { name, cases, left })}\n`);
        }
        if (now - last < (tty ? 100 : 5000)) return;
        last = now;
        shown = true;
        const pctDone = p.total ? Math.floor((100 * p.done) / p.total) : 0;
        const text = t(lang, 'simNote.progress', { name, pct: pctDone, cases, runs: p.runs > 1 ? t(lang, 'simNote.progressRuns', { n: p.runs }) : '', left: left ? t(lang, 'simNote.progressLeft', { left }) : '' });
        process.stderr.write(tty ? `\r${text}\u001b[K` : `${text}\n`);
      };
    },
    end() {
      if (shown && tty) process.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}
