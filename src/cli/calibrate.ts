import type { Command } from 'commander';
import { currentLang, msg, part, t, type Lang, type MessageId } from '../i18n/index.js';
import { EXIT, UsageError, checkFormat, note, out } from './io.js';
import { logOptions, logReadOptions } from './log-options.js';

const FORMATS = ['text', 'json'] as const;

interface Options {
  log?: string;
  map?: string;
  preset?: string;
  object?: string;
  output?: string;
  write?: boolean;
  only?: string;
  format: string;
  cwd?: string;
}

export function register(program: Command): void {
  logOptions(
    program
    .command('calibrate')
    .summary('fit durations, probabilities, arrivals and headcounts to an event log')
    .description(
      'Fit a process to an event log (CSV, XES, .gz too): every step\'s duration (fixed, exponential, normal, lognormal, gamma, uniform, triangular or empirical: moment-matched, truncated to the observed range, the one closest to the data by Wasserstein distance), every branch and on probability (observed frequencies), the arrival rate per weekday and hour, each role\'s headcount (distinct resources) and working hours. Writes an overlay for simulate --calibration, or with --write patches the process files.',
    )
    .argument('<process>', 'id of the process to calibrate'),
  )
    .option('-o, --output <file>', 'write the overlay here (default: stdout)')
    .option('--write', 'patch the process files in place (comments and formatting kept)')
    .option('--only <parts>', 'keep only these fits, comma-separated: durations, routing (branch and on probabilities), arrivals, roles')
    .option('-f, --format <format>', `report format on stdout with -o or --write: ${FORMATS.join(', ')}`, 'text')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow calibrate loan-application --log train.csv.gz -o calibration.yaml
  $ crmflow simulate loan-application --calibration calibration.yaml --against test.csv.gz
  $ crmflow calibrate lead-to-cash --log history.csv --map case=OpportunityId,activity=StageName,end=CreatedDate --write
  $ crmflow calibrate opportunity-stages --log OpportunityFieldHistory.csv --preset salesforce-field-history -o calibration.yaml
  $ crmflow calibrate loan-application --log train.xes -o calibration.yaml --format json | jq .fits
  $ crmflow calibrate opportunity-stages --log data/crm-events.csv --preset salesforce-field-history --only routing,arrivals -o calibration.yaml

Figures from fewer than 10 observations are not fitted: they are listed under too-few and the
process keeps its own value. Times in the log without an offset are read as UTC.
With one timestamp per event (a stage history) the time in a stage is elapsed time: waiting,
work and nights together. Fitted as work it overloads roles that have a calendar; keep the
model's work times with --only routing,arrivals.

Exit codes: 0 calibrated, 2 could not run (bad log, mapping, process or file).`,
    )
    .action(async (processId: string, opts: Options) => {
      const format = checkFormat(opts.format, FORMATS, 'calibrate');
      if (!opts.log) throw new UsageError(msg('calFlag.noLog'), msg('calFlag.noLogHint'));
      const logFile = opts.log;
      const { resolve } = await import('node:path');
      const { loadProject } = await import('../model/load.js');
      const project = await loadProject({ cwd: opts.cwd });
      const lang = currentLang(project.config.lang);
      if (project.configBroken || project.findings.some((f) => f.severity === 'error')) {
        throw new UsageError(msg('calFlag.invalid'), msg('run.seeValidate'));
      }
      if (!project.processes.has(processId)) throw new UsageError(msg('run.noProcess', { process: processId }), msg('run.knownProcesses', { known: [...project.processes.keys()].sort().join(', ') }));
      const { readEventLog } = await import('../log/index.js');
      const log = await readEventLog(resolve(opts.cwd ?? '.', logFile), { ...(await logReadOptions(opts)), name: logFile });
      const { calibrate } = await import('../calibrate/calibrate.js');
      const result = calibrate(project, processId, log);
      if (opts.only !== undefined) {
        const { CALIBRATION_PARTS, onlyParts } = await import('../calibrate/overlay.js');
        const parts = opts.only.split(',').map((p) => p.trim()).filter(Boolean);
        const bad = parts.filter((p) => !(CALIBRATION_PARTS as readonly string[]).includes(p));
        if (bad.length || !parts.length) throw new UsageError(msg('calFlag.only', { only: opts.only, why: bad.length ? part('calFlag.unknownPart', { parts: bad.map((b) => `"${b}"`).join(', ') }) : part('calFlag.noPart') }), msg('calFlag.parts', { parts: CALIBRATION_PARTS.join(', ') }));
        result.calibration = onlyParts(result.calibration, new Set(parts as Array<(typeof CALIBRATION_PARTS)[number]>));
        if (!parts.includes('durations')) result.fits = [];
      }
      const { Document, visit, isSeq, isScalar } = await import('yaml');
      const doc = new Document(result.calibration);
      // Lists of numbers and distributions read best on one line.
      visit(doc, { Seq: (_, n) => void (isSeq(n) && n.items.every(isScalar) && (n.flow = true)), Map: (_, n) => void (n.items.some((p) => isScalar(p.key) && p.key.value === 'dist') && (n.flow = true)) });
      const yamlText = `# Calibrated by crmflow calibrate from ${logFile}; read by crmflow simulate --calibration.\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
      const { writeFileAtomic } = await import('../model/write.js');
      if (opts.output) {
        writeFileAtomic(resolve(opts.cwd ?? '.', opts.output), yamlText);
        note(t(lang, 'simNote.wrote', { file: opts.output }));
      }
      if (opts.write) {
        const { patchedFiles } = await import('../calibrate/write.js');
        for (const [file, text] of patchedFiles(project, result.calibration)) {
          writeFileAtomic(resolve(project.root, file), text);
          note(t(lang, 'simNote.patched', { file }));
        }
      }
      if (!opts.output && !opts.write) out(yamlText.trimEnd());
      else if (format === 'json') out(JSON.stringify({ calibration: result.calibration, fits: result.fits.map(({ candidates, ...f }) => ({ ...f, candidates: candidates.map((c) => ({ family: c.family, distance: c.distance })) })) }, null, 2));
      else out(summary(result, lang));
      process.exitCode = EXIT.ok;
    });
}

function summary(result: import('../calibrate/calibrate.js').CalibrateResult, lang: Lang): string {
  const c = result.calibration;
  const tr = (id: MessageId, params: Record<string, string | number> = {}) => t(lang, id, params);
  const lines = [tr('cal.head', { process: c.process, log: c.log, cases: c.cases, events: c.events, timestamps: tr(c.timestamps === 'start-end' ? 'cal.startEnd' : 'cal.oneStamp') })];
  for (const f of result.fits) lines.push(`  ${tr('cal.fit', { step: f.step, family: f.family, n: f.observations, d: f.distance.toFixed(2) })}`);
  for (const [key, s] of Object.entries(c.steps)) {
    if (s.branches) lines.push(`  ${tr('cal.branches', { step: key, branches: s.branches.map((b) => ('next' in b ? `${b.next} ${b.probability}` : tr('cal.else', { step: b.else }))).join(', '), n: s.observations ?? 0 })}`);
    if (s.delay) lines.push(`  ${tr('cal.delay', { step: key, delay: typeof s.delay === 'string' ? s.delay : 'value' in s.delay ? s.delay.value : s.delay.dist, n: s.delayObservations ?? 0 })}`);
    if (s.on) lines.push(`  ${tr('cal.on', { step: key, paths: Object.entries(s.on).map(([n, o]) => `on.${n} ${o.probability}`).join(', '), n: s.onObservations ?? 0 })}`);
  }
  for (const [role, r] of Object.entries(c.roles ?? {})) lines.push(`  ${tr('cal.role', { role, headcount: r.headcount, hours: r.hours ? `, ${r.hours} UTC` : '', n: r.observations })}`);
  if (c.arrivals) lines.push(`  ${tr('cal.arrivals', { n: c.arrivals.observations })}`);
  for (const x of c['too-few'] ?? []) lines.push(`  ${tr('cal.tooFew', { what: x.what, n: x.observations })}`);
  for (const u of result.unmapped) lines.push(`  ${tr('cal.unmapped', { activity: u.activity, n: u.count })}`);
  return lines.join('\n');
}
