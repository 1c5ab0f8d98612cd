import type { Command } from 'commander';
import { EXIT, UsageError, checkFormat, colors, note, out } from './io.js';
import { msg, part } from '../i18n/index.js';

const FORMATS = ['bpmn', 'mermaid', 'json'] as const;
const TARGETS = ['bpmn', 'camunda8'] as const;

interface ExportOpts {
  output?: string;
  target: string;
  format: string;
  all?: boolean;
  cwd?: string;
  camundaVersion?: string;
}

export function register(program: Command): void {
  program
    .command('export')
    .summary('export a process to BPMN 2.0 (Camunda 8 ready)')
    .description(
      'Export a process to BPMN 2.0 XML with its diagram laid out (roles as lanes). With --target camunda8 the file carries the Zeebe extensions Camunda 8 needs to deploy it: job types, candidate groups, FEEL conditions, called processes.',
    )
    .argument('[process]', 'process id or process file')
    .option('-o, --output <path>', 'file to write, or a folder to write <id>.bpmn into (with --all: a folder); default stdout')
    .option('-t, --target <target>', `bpmn (plain BPMN 2.0 for any modeler) or camunda8`, 'bpmn')
    .option('--camunda-version <version>', 'Camunda 8 version to target with --target camunda8 (e.g. 8.4.0; default 8.8.0)')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')} (json: the XML and notes as JSON)`, 'bpmn')
    .option('-a, --all', 'export every process of the project (needs -o <folder>)')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow export discount-approval > discount-approval.bpmn
  $ crmflow export discount-approval --target camunda8 -o bpmn/discount-approval.bpmn
  $ crmflow export --all --target camunda8 -o bpmn/
  $ crmflow export discount-approval --target camunda8 --camunda-version 8.4
  $ crmflow export lead-to-cash --format mermaid

Notes (what BPMN has no place for: durations, probabilities, actions) go to stderr.
Exit codes: 0 exported, 1 the process has problems (validation errors, a condition with no
FEEL form), 2 could not run (unknown process, bad flags, unwritable file).`,
    )
    .action(async (name: string | undefined, opts: ExportOpts) => {
      const format = checkFormat(opts.format, FORMATS, 'export');
      const target = checkFormat(opts.target, TARGETS, 'export --target');
      if (!name && !opts.all) throw new UsageError(msg('export.nameIt'), msg('export.nameItHint'));
      if (opts.all && name) throw new UsageError(msg('export.notBoth'));
      if (opts.all && !opts.output && format !== 'json') throw new UsageError(msg('export.allNeedsFolder'));
      if (opts.camundaVersion !== undefined && !/^8\.\d+(\.\d+)?$/.test(opts.camundaVersion)) {
        throw new UsageError(msg('export.camundaVersion', { value: opts.camundaVersion }));
      }

      const { loadProject } = await import('../model/load.js');
      const { resolve, relative, join, isAbsolute } = await import('node:path');
      const cwd = resolve(opts.cwd ?? process.cwd());
      const project = await loadProject({ cwd });
      const { currentLang, localize, t } = await import('../i18n/index.js');
      const lang = currentLang(project.config.lang);
      if (project.configBroken) throw new UsageError(msg('export.configBroken'));

      const selected = opts.all ? [...project.processes.values()] : [findProcess(project, name!, cwd, { resolve, relative, isAbsolute })];
      const c = colors(process.stderr);

      // A process with validation errors is not exported: the BPMN would be wrong.
      let broken = false;
      for (const p of selected) {
        const errors = project.findings.filter((f) => f.file === p.file && f.severity === 'error');
        for (const f of errors) note(`${f.file}:${f.line}:${f.column}  ${c.red(t(lang, 'severity.error'))}  ${localize(f.message, lang)}  ${c.dim(f.rule)}`);
        if (errors.length) broken = true;
      }
      if (broken) {
        note(t(lang, 'export.fixFirst'));
        process.exitCode = EXIT.problems;
        return;
      }

      if (format === 'mermaid') {
        const { toMermaid } = await import('../render/mermaid.js');
        const texts = selected.map((p) => ({ p, text: toMermaid(project, p, { lang }) }));
        await emit(texts.map(({ p, text }) => ({ id: p.id, text, ext: 'mmd' })), opts, { join }, (f) => t(lang, 'cli.wrote', { file: f }));
        process.exitCode = EXIT.ok;
        return;
      }

      const { exportBpmn, BpmnExportError } = await import('../bpmn/export.js');
      const { layoutProcess } = await import('../render/layout.js');
      const results: { id: string; text: string; ext: string; notes: string[] }[] = [];
      let failed = false;
      for (const p of selected) {
        try {
          const layout = await layoutProcess(project, p);
          const r = await exportBpmn(project, p, layout, { target, exporterVersion: await crmflowVersion(), camundaVersion: opts.camundaVersion && (opts.camundaVersion.split('.').length === 2 ? `${opts.camundaVersion}.0` : opts.camundaVersion) });
          results.push({ id: p.id, text: r.xml, ext: 'bpmn', notes: r.notes });
        } catch (e) {
          if (!(e instanceof BpmnExportError)) throw e;
          const f = project.processes.get(e.process)!;
          note(`${f.file}  ${c.red(t(lang, 'severity.error'))}  ${localize(e.message, lang)}  ${c.dim('bpmn-export')}`);
          failed = true;
        }
      }
      if (format === 'json') {
        const files = await Promise.all(results.map((r) => (opts.output ? outputFile(opts, r.id, 'bpmn') : null)));
        out(JSON.stringify({ target, processes: results.map((r, i) => ({ id: r.id, file: files[i], notes: r.notes, xml: r.text })) }, null, 2));
        if (opts.output) await emit(results, opts, { join }, (f) => t(lang, 'cli.wrote', { file: f }));
      } else {
        for (const r of results) for (const n of r.notes) note(`${c.dim(`${t(lang, 'cli.note')}:`)} ${r.id}: ${localize(n, lang)}`);
        await emit(results, opts, { join }, (f) => t(lang, 'cli.wrote', { file: f }));
      }
      process.exitCode = failed ? EXIT.problems : EXIT.ok;
    });
}

async function crmflowVersion(): Promise<string> {
  return (await import('../model/package-root.js')).packageVersion();
}

function findProcess<P extends { id: string; file: string }>(
  project: { processes: Map<string, P>; root: string },
  name: string,
  cwd: string,
  path: { resolve: (...p: string[]) => string; relative: (a: string, b: string) => string; isAbsolute: (p: string) => boolean },
): P {
  const byId = project.processes.get(name);
  if (byId) return byId;
  if (/\.ya?ml$/i.test(name)) {
    const rel = path.relative(project.root, path.resolve(cwd, name)).split('\\').join('/');
    for (const p of project.processes.values()) if (p.file === rel) return p;
    throw new UsageError(msg('export.invalidFile', { name }), msg('export.invalidFileHint'));
  }
  const ids = [...project.processes.keys()].sort();
  const close = ids.filter((id) => id.includes(name) || name.includes(id));
  throw new UsageError(
    msg('export.noProcess', { name }),
    close.length ? msg('export.didYouMean', { names: close.map((x) => `"${x}"`).join(', ') }) : msg('export.known', { ids: ids.join(', ') || part('export.none') }),
  );
}

async function emit(items: { id: string; text: string; ext: string }[], opts: ExportOpts, path: { join: (...p: string[]) => string }, wrote: (file: string) => string): Promise<void> {
  if (!opts.output) {
    for (const i of items) out(i.text);
    return;
  }
  const { writeFileAtomic } = await import('../model/write.js');
  if (opts.all) {
    for (const i of items) {
      const file = path.join(opts.output, `${i.id}.${i.ext}`);
      writeFileAtomic(file, i.text.endsWith('\n') ? i.text : `${i.text}\n`);
      note(wrote(file));
    }
    return;
  }
  const only = items[0];
  if (!only) return;
  const file = await outputFile(opts, only.id, only.ext);
  writeFileAtomic(file, only.text.endsWith('\n') ? only.text : `${only.text}\n`);
  note(wrote(file));
}

/** Where a process goes: into the folder with --all or when -o names a folder (as cp does), else -o itself. */
async function outputFile(opts: ExportOpts, id: string, ext: string): Promise<string> {
  const { join } = await import('node:path');
  const { statSync } = await import('node:fs');
  const output = opts.output!;
  const isFolder = opts.all || /[\\/]$/.test(output) || (statSync(output, { throwIfNoEntry: false })?.isDirectory() ?? false);
  return isFolder ? join(output, `${id}.${ext}`) : output;
}
