import type { Command } from 'commander';
import { EXIT, intOption, note, out } from './io.js';

interface SiteCliOptions {
  output: string;
  simulate: boolean;
  history: boolean;
  cases?: string;
  seed?: string;
  diffs?: string;
  json?: boolean;
  cwd?: string;
}

export function register(program: Command): void {
  program
    .command('site')
    .summary('publish the processes as a static HTML portal (layer tree, diagrams, roles, history)')
    .description(
      'Write a static, offline HTML portal of the project: a home page with the layer tree (owner, step count, lint status) and the KPIs against target; a page per process with its diagram (pan, zoom, drill down), steps, lint findings, last simulation as a heat overlay and recent git history linking to the diff of each commit; a page per role with every step it does (the responsibility matrix). Opens from disk and from GitHub Pages; no server, no CDN.',
    )
    .requiredOption('-o, --output <dir>', 'folder to write the portal into, e.g. site/')
    .option('--no-simulate', 'leave out the simulations (faster)')
    .option('--no-history', 'leave out the git history')
    .option('--cases <n>', 'cases simulated per process (default 300)')
    .option('--seed <n>', 'random seed of the simulations (default: crmflow.yaml, else 42)')
    .option('--diffs <n>', 'newest commits that get a diff page (default 20)')
    .option('--json', 'print what was written as JSON: { outDir, files: [], bytes, homeBytes, notes: [] }')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow site -o site/                       then open site/index.html
  $ crmflow site -o public/ --cases 1000        tighter simulation figures
  $ crmflow site -o site/ --no-simulate --no-history

Pages are plain HTML, CSS and a little JavaScript; the same project and history give the same
bytes, so the folder can be committed or published with GitHub Pages.
Exit codes: 0 written, 1 written but some process files have errors (listed on the home page),
2 could not run (no project, crmflow.yaml broken, unwritable folder).`,
    )
    .action(async (opts: SiteCliOptions) => {
      const cases = opts.cases === undefined ? undefined : intOption(opts.cases, '--cases', 1, 100_000);
      const seed = opts.seed === undefined ? undefined : intOption(opts.seed, '--seed');
      const diffs = opts.diffs === undefined ? undefined : intOption(opts.diffs, '--diffs', 0, 1000);
      const { runSite } = await import('../site/build.js');
      const r = await runSite({ cwd: opts.cwd, output: opts.output, simulate: opts.simulate, history: opts.history, cases, seed, diffs, progress: process.stderr.isTTY ? (m) => note(m) : undefined });
      const { t } = await import('../i18n/index.js');
      const lang = r.lang;
      for (const n of r.notes) note(t(lang, 'site.note', { note: n }));
      if (opts.json) out(JSON.stringify({ outDir: r.outDir, files: r.files, bytes: r.bytes, homeBytes: r.homeBytes, notes: r.notes }, null, 2));
      else out(t(lang, 'site.wrote', { n: r.files.length, kb: Math.round(r.bytes / 1024), dir: r.outDir, index: `${r.outDir}/index.html` }));
      process.exitCode = r.brokenFiles ? EXIT.problems : EXIT.ok;
    });
}
