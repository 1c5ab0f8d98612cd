import type { Command } from 'commander';
import { checkFormat, intOption, note, out } from './io.js';

const FORMATS = ['markdown', 'csv', 'json'] as const;

interface RolesOptions {
  format: string;
  simulate: boolean;
  cases?: string;
  seed?: string;
  cwd?: string;
}

export function register(program: Command): void {
  program
    .command('roles')
    .summary('responsibility matrix: what each role does across processes, SLAs, utilisation')
    .description(
      'List every step each role does across all processes (R: does it; A: approves it or owns the process), with the SLA and where a breach goes, and the role\'s simulated utilisation (the busiest figure over simulations of the top processes).',
    )
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'markdown')
    .option('--no-simulate', 'leave out utilisation (no simulation)')
    .option('--cases <n>', 'cases simulated per top process (default 300)')
    .option('--seed <n>', 'random seed (default: crmflow.yaml, else 42)')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow roles                          Markdown, one table per role
  $ crmflow roles --format csv > raci.csv  for a spreadsheet
  $ crmflow roles --format json --no-simulate

JSON shape: [{ role, name, headcount, builtIn, description, utilisation, utilisationIn,
duties: [{ process, processName, step, stepName, type, raci, sla, breach }] }].
Exit codes: 0 printed, 2 could not run (no project, crmflow.yaml broken).`,
    )
    .action(async (opts: RolesOptions) => {
      const format = checkFormat(opts.format, FORMATS, 'roles');
      const cases = opts.cases === undefined ? undefined : intOption(opts.cases, '--cases', 1, 100_000);
      const seed = opts.seed === undefined ? undefined : intOption(opts.seed, '--seed');
      const { loadProject } = await import('../model/load.js');
      const { CrmflowError } = await import('../model/errors.js');
      const project = await loadProject({ cwd: opts.cwd });
      const { currentLang, localize, msg, t } = await import('../i18n/index.js');
      const lang = currentLang(project.config.lang);
      if (project.configBroken) throw new CrmflowError(msg('project.configBroken'), msg('project.configBrokenHint'));
      const { responsibilityMatrix, matrixCsv, matrixMarkdown } = await import('../site/matrix.js');
      let sims: import('../simulate/types.js').SimulationReport[] = [];
      if (opts.simulate) {
        const { layerTree } = await import('../render/index.js');
        const { simulateProcesses } = await import('../site/simulations.js');
        const r = await simulateProcesses(project, { cases, seed, only: layerTree(project).map((n) => n.id) });
        for (const s of r.skipped) note(t(lang, 'roles.notSimulated', { process: s.process ? ` ${s.process}` : '', reason: localize(s.reason, lang) }));
        sims = [...r.byProcess.values()];
      }
      const matrix = responsibilityMatrix(project, sims);
      out(format === 'csv' ? matrixCsv(matrix) : format === 'json' ? JSON.stringify(matrix, null, 2) : matrixMarkdown(matrix, lang));
    });
}
