import type { Command } from 'commander';
import { EXIT, UsageError, checkFormat, colors, note, out } from './io.js';
import { embed, msg } from '../i18n/index.js';

const FORMATS = ['yaml', 'json'] as const;
const LAYERS = ['strategy', 'core', 'operation'] as const;

interface ImportOpts {
  output?: string;
  layer: string;
  format: string;
  force?: boolean;
  cwd?: string;
}

export function register(program: Command): void {
  program
    .command('import')
    .summary('turn a BPMN 2.0 diagram into crmflow YAML')
    .description(
      'Read a BPMN 2.0 file (Camunda Modeler, bpmn.io, Bizagi, Signavio) and write one crmflow process per BPMN process: lanes become roles, tasks, gateways, events, boundary timers and call activities become steps, SLAs and exception paths. Whatever has no crmflow form is listed, never dropped silently.',
    )
    .argument('<file>', 'the .bpmn file')
    .option('-o, --output <dir>', 'folder to write one <process-id>.yaml per process into (default: stdout)')
    .option('-l, --layer <layer>', `layer of the imported processes: ${LAYERS.join(', ')}`, 'operation')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'yaml')
    .option('--force', 'overwrite existing files in the output folder')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow import order-handling.bpmn                      print the YAML
  $ crmflow import signavio-export.bpmn -o processes/operation
  $ crmflow import lead-to-cash.bpmn --layer core -o processes/core
  $ crmflow import diagram.bpmn --format json | jq '.processes[].notes'

What could not be represented goes to stderr (and into a comment at the top of each file).
Exit codes: 0 imported, 1 imported but the result does not validate, 2 could not run (not XML,
not BPMN, no process, unsafe XML, a file over 10 MB, an existing file without --force).`,
    )
    .action(async (file: string, opts: ImportOpts) => {
      const format = checkFormat(opts.format, FORMATS, 'import');
      const layer = checkFormat(opts.layer, LAYERS, 'import --layer');
      const { resolve, relative, join, dirname } = await import('node:path');
      const { existsSync, statSync, readFileSync } = await import('node:fs');
      const { CrmflowError } = await import('../model/errors.js');
      const { MAX_BPMN_BYTES } = await import('../bpmn/moddle.js');
      const cwd = resolve(opts.cwd ?? process.cwd());
      const path = resolve(cwd, file);
      let size: number;
      try {
        const st = statSync(path);
        if (st.isDirectory()) throw new CrmflowError(msg('import.isFolder', { file }));
        size = st.size;
      } catch (e) {
        if (e instanceof CrmflowError) throw e;
        throw new CrmflowError(msg('import.noFile', { file }), msg('import.noFileHint'));
      }
      if (size > MAX_BPMN_BYTES) {
        throw new CrmflowError(msg('import.tooBig', { file, size, mb: MAX_BPMN_BYTES / 1024 / 1024 }), msg('import.tooBigHint'));
      }
      const xml = readFileSync(path, 'utf8');

      // The project around the output folder (or cwd): its processes and roles are known.
      const { loadProjectAround } = await import('../model/load.js');
      const outDir = opts.output ? resolve(cwd, opts.output) : undefined;
      const { root, project } = await loadProjectAround(outDir && existsSync(outDir) ? outDir : cwd);
      const { currentLang, localize, t } = await import('../i18n/index.js');
      const lang = currentLang(project?.config.lang);

      const { importBpmn, toYaml, BpmnImportError } = await import('../bpmn/import.js');
      let result;
      try {
        result = await importBpmn(xml, {
          layer,
          knownProcesses: project?.processes.keys(),
          knownRoles: project ? [...project.roles.values()].filter((r) => !r.builtIn).map((r) => r.id) : [],
        });
      } catch (e) {
        if (e instanceof BpmnImportError) throw new CrmflowError(msg('import.inFile', { file, why: embed(e.message) }), e.hint);
        throw e;
      }

      // Without a project around, assume the usual processes/<layer>/ folder of a future one.
      const schemaFor = (dir: string | undefined) => {
        const schema = join(root, 'schemas', 'process.schema.json');
        if (!dir || !project) return '../../schemas/process.schema.json';
        return relative(dir, schema).split('\\').join('/');
      };
      const written = result.processes.map((p) => {
        const target = outDir ? join(outDir, `${p.id}.yaml`) : undefined;
        return { p, target, yaml: toYaml(p, { schemaPath: schemaFor(target ? dirname(target) : undefined), source: relative(cwd, path).split('\\').join('/') || file, lang }) };
      });

      if (outDir && !opts.force) {
        const existing = written.filter((w) => w.target && existsSync(w.target));
        if (existing.length) {
          throw new CrmflowError(
            msg(existing.length === 1 ? 'import.exists.one' : 'import.exists.other', { files: existing.map((w) => relative(cwd, w.target!)).join(', ') }),
            msg('import.existsHint'),
          );
        }
      }

      // The result must validate at once: check it together with the project it lands in.
      const { buildProject } = await import('../model/project.js');
      const files = [
        ...(project?.files ?? []).filter((f) => !written.some((w) => w.target && join(project!.root, f.path) === w.target)).map((f) => ({ path: f.path, bytes: f.text })),
        ...written.map((w, i) => ({ path: w.target ? relative(root, w.target).split('\\').join('/') : `imported/${i}/${w.p.id}.yaml`, bytes: w.yaml })),
      ];
      const checked = buildProject({
        root,
        config: project?.configFile ? { path: project.configFile.path, bytes: project.configFile.text } : undefined,
        files,
      });
      const importedPaths = new Set(files.slice(files.length - written.length).map((f) => f.path));
      const errors = checked.findings.filter((f) => importedPaths.has(f.file) && f.severity === 'error');

      const c = colors(process.stderr);
      if (format === 'json') {
        out(
          JSON.stringify(
            {
              file,
              processes: written.map((w) => ({ id: w.p.id, file: w.target ? relative(cwd, w.target).split('\\').join('/') : null, notes: w.p.notes, yaml: w.yaml })),
              notes: result.notes,
              errors: errors.map((f) => ({ rule: f.rule, message: f.message, line: f.line, column: f.column })),
            },
            null,
            2,
          ),
        );
      } else {
        const label = (n: { severity: string }) => (n.severity === 'warning' ? c.yellow(t(lang, 'cli.warning')) : c.dim(t(lang, 'cli.note')));
        for (const n of result.notes) note(`${label(n)}  ${localize(n.message, lang)}`);
        for (const w of written)
          for (const n of w.p.notes) note(`${label(n)}  ${w.p.id}${n.element ? ` (${n.element})` : ''}: ${localize(n.message, lang)}`);
      }
      if (outDir) {
        const { writeFileAtomic } = await import('../model/write.js');
        for (const w of written) {
          writeFileAtomic(w.target!, w.yaml);
          note(t(lang, 'cli.wrote', { file: relative(cwd, w.target!) }));
        }
      } else if (format === 'yaml') {
        out(written.map((w) => w.yaml).join('---\n'));
      }
      for (const f of errors) note(`${c.red(t(lang, 'severity.error'))}  ${localize(f.message, lang)}  ${c.dim(f.rule)}`);
      process.exitCode = errors.length ? EXIT.problems : EXIT.ok;
      if (!written.length) throw new UsageError(msg('import.nothing'));
    });
}
