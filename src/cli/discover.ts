import type { Command } from 'commander';
import { msg } from '../i18n/index.js';
import { EXIT, UsageError, checkFormat, colors, note, out } from './io.js';
import { logOptions, logReadOptions } from './log-options.js';

const FORMATS = ['yaml', 'json'] as const;
const LAYERS = ['strategy', 'core', 'operation'] as const;

interface DiscoverOpts {
  log?: string;
  map?: string;
  preset?: string;
  object?: string;
  output?: string;
  id?: string;
  name?: string;
  layer: string;
  noise: string;
  format: string;
  force?: boolean;
  cwd?: string;
}

export function register(program: Command): void {
  logOptions(
    program
      .command('discover')
      .summary('draft a process from an event log')
      .description(
        'Reads an event log (a CRM stage history, a BPM export, XES or OCEL 2.0) and drafts a crmflow process from it: the directly-follows graph, filtered for rare behaviour, cut into exclusive choices, sequences, parallel blocks and loops (inductive miner); roles from the role or resource column; durations fitted from the log; branch probabilities from how often each way was taken. The draft validates; what the data leaves ambiguous is said in a comment at its top.',
      ),
  )
    .option('-o, --output <file>', 'write the draft here, e.g. processes/operation/loan-application.yaml (default: stdout)')
    .option('--id <id>', 'the process id (default: the output file name, else the log file name)')
    .option('--name <name>', 'the process name (default: from the id)')
    .option('-l, --layer <layer>', `layer of the draft: ${LAYERS.join(', ')}`, 'operation')
    .option('--noise <fraction>', 'leave out directly-follows edges rarer than this share of the strongest edge from the same activity (0 keeps all)', '0.2')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'yaml')
    .option('--force', 'overwrite an existing output file')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow discover --log loan-applications.csv.gz -o processes/operation/loan-application.yaml
  $ crmflow discover --log OpportunityFieldHistory.csv --preset salesforce-field-history --id opportunity-stages
  $ crmflow discover --log events.jsonocel --object Opportunity --noise 0.1
  $ crmflow discover --log export.csv --map case=OpportunityId,activity=StageName,end=CreatedDate --format json | jq .notes

With one timestamp per event (stage-entry times) a step's duration is the time until the next
event, waiting included; with start and end times it is the work itself. The report says which.
Exit codes: 0 drafted, 1 drafted but the draft does not validate, 2 could not run (no log, bad
--map, unreadable log, an existing file without --force).`,
    )
    .action(async (opts: DiscoverOpts) => {
      const format = checkFormat(opts.format, FORMATS, 'discover');
      const layer = checkFormat(opts.layer, LAYERS, 'discover --layer');
      if (!opts.log) throw new UsageError(msg('discFlag.noLog'), msg('discFlag.noLogHint'));
      const noise = Number(opts.noise);
      if (!/^\s*\d*\.?\d+\s*$/.test(opts.noise) || !(noise >= 0 && noise < 1)) throw new UsageError(msg('discFlag.noise', { value: opts.noise }));
      const { resolve, relative, join, dirname, basename } = await import('node:path');
      const { existsSync } = await import('node:fs');
      const { CrmflowError } = await import('../model/errors.js');
      const cwd = resolve(opts.cwd ?? process.cwd());
      const target = opts.output ? resolve(cwd, opts.output) : undefined;
      if (target && existsSync(target) && !opts.force) throw new CrmflowError(msg('discFlag.exists', { file: relative(cwd, target) }), msg('discFlag.existsHint'));

      const { readEventLog } = await import('../log/index.js');
      const { discoverProcess, draftYaml, slug } = await import('../discover/index.js');
      const readOptions = await logReadOptions(opts);
      const { currentLang, localize, localizeFindings, t } = await import('../i18n/index.js');
      let lang = currentLang();
      note(t(lang, 'confNote.reading', { file: opts.log }));
      const log = await readEventLog(resolve(cwd, opts.log), { ...readOptions, name: opts.log });
      if (log.cases.length === 0) throw new CrmflowError(msg('discFlag.noCases', { file: opts.log }), opts.preset ? msg('discFlag.noCasesPreset', { preset: opts.preset }) : msg('discFlag.noCasesMap'));

      const fromFile = (p: string) => slug(basename(p).replace(/(\.(csv|xes|json|jsonocel|ya?ml))?(\.gz)?$/i, ''));
      const id = opts.id ?? (target ? fromFile(target) : fromFile(opts.log)) ?? 'discovered-process';
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new UsageError(msg('discFlag.id', { id }));

      // The project around the output file (or cwd): its roles are used, not declared again.
      const { loadProjectAround } = await import('../model/load.js');
      // The nearest existing folder of the output (it may not exist yet), else cwd.
      let near = target ? dirname(target) : cwd;
      while (!existsSync(near) && dirname(near) !== near) near = dirname(near);
      const { root, project } = await loadProjectAround(near);
      lang = currentLang(project?.config.lang);
      const knownRoles = project ? [...project.roles.values()].filter((r) => !r.builtIn).map((r) => r.id) : [];
      const discovery = discoverProcess(log, { id, name: opts.name, layer, noise, knownRoles });
      const schema = project && target ? relative(dirname(target), join(root, 'schemas', 'process.schema.json')).split('\\').join('/') : '../../schemas/process.schema.json';
      const yaml = draftYaml(discovery, { schemaPath: schema });

      // The draft must validate at once, together with the project it lands in; lint says what else to review.
      const { buildProject } = await import('../model/project.js');
      const { lintProject } = await import('../lint/engine.js');
      const path = target ? relative(root, target).split('\\').join('/') : `discovered/${id}.yaml`;
      const files = [...(project?.files ?? []).filter((f) => f.path !== path).map((f) => ({ path: f.path, bytes: f.text })), { path, bytes: yaml }];
      const checked = buildProject({ root, config: project?.configFile ? { path: project.configFile.path, bytes: project.configFile.text } : undefined, files });
      const findings = lintProject(checked, { files: new Set([path]) }).findings.filter((f) => f.file === path);
      // Exit 1 only when the draft does not validate; lint findings point at what the data left open.
      const invalid = checked.findings.filter((f) => f.file === path && f.severity === 'error');

      const c = colors(process.stderr);
      if (format === 'json') {
        out(
          JSON.stringify(
            {
              log: opts.log,
              process: id,
              file: target ? relative(cwd, target).split('\\').join('/') : null,
              cases: discovery.cases,
              events: discovery.events,
              timestamps: discovery.timestamps,
              activities: discovery.activities,
              notes: discovery.notes,
              findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, line: f.line, column: f.column, step: f.step })),
              yaml,
            },
            null,
            2,
          ),
        );
      } else {
        note(t(lang, 'disc.counts', { cases: discovery.cases, events: discovery.events, activities: discovery.activities.length, timestamps: t(lang, discovery.timestamps === 'start-end' ? 'disc.startEnd' : 'disc.oneStamp') }));
        for (const n of discovery.notes) note(`${n.severity === 'warning' ? c.yellow(t(lang, 'disc.warning')) : c.dim(t(lang, 'disc.note'))}  ${n.step ? `${n.step}: ` : ''}${localize(n.message, lang)}`);
        const shown = target ? relative(cwd, target).split('\\').join('/') : path;
        for (const f of localizeFindings(findings, lang)) note(`${f.severity === 'error' ? c.red(t(lang, 'severity.error')) : c.yellow(t(lang, 'severity.warning'))}  ${shown}:${f.line ?? 1}:${f.column ?? 1}  ${f.message}  ${c.dim(f.rule)}`);
      }
      if (target) {
        const { writeFileAtomic } = await import('../model/write.js');
        writeFileAtomic(target, yaml);
        note(t(lang, 'simNote.wrote', { file: relative(cwd, target) }));
      } else if (format === 'yaml') {
        out(yaml);
      }
      process.exitCode = invalid.length ? EXIT.problems : EXIT.ok;
    });
}
