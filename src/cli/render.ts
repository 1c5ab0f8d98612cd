import type { Command } from 'commander';
import { EXIT, UsageError, checkFormat, note, out } from './io.js';
import { msg } from '../i18n/index.js';

const FORMATS = ['svg', 'png', 'mermaid'] as const;
const THEMES = ['light', 'dark'] as const;
const DIRECTIONS = ['right', 'down'] as const;
/** Where diagrams go without -o, relative to the project root. */
export const DEFAULT_OUT_DIR = 'docs/diagrams';

interface RenderOptions {
  output?: string;
  format: string;
  theme: string;
  font: string[];
  json?: boolean;
  cwd?: string;
  cache: boolean;
  direction?: string;
}

export function register(program: Command): void {
  program
    .command('render')
    .summary('draw swimlane diagrams (SVG, PNG, Mermaid) with layer drill-down')
    .description(
      'Draw each process as a swimlane diagram: one lane per role, BPMN-like shapes, exception paths dashed. Writes one file per process and an index of the layers (strategy → core → operation); subprocess steps link to the diagram of the process they call.',
    )
    .argument('[paths...]', 'process files or folders (default: every process of the project)')
    .option('-o, --output <dir>', `folder to write into (default: ${DEFAULT_OUT_DIR} in the project; mermaid without -o prints to stdout)`)
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'svg')
    .option('-t, --theme <theme>', `colour theme: ${THEMES.join(', ')}`, 'light')
    .option('--direction <direction>', `which way the flow runs: right (lanes are rows) or down (lanes are columns, the cross-functional chart); default render.direction in crmflow.yaml, else right`)
    .option('--font <file>', 'extra font file for PNG (repeatable), e.g. a CJK font', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--json', 'print what was written as JSON: { outDir, format, files: [{ process, path }], warnings: [], broken: [{ file, id, line, column, message }], diagrams: [{ process, crossings, bendsPerEdge, width, height, overlaps, labelDistance }] }')
    .option('--no-cache', 'lay out every diagram afresh instead of reusing layouts stored in .crmflow/cache/render/')
    .option('-C, --cwd <dir>', 'run as if started in this folder')
    .addHelpText(
      'after',
      `
Examples:
  $ crmflow render                                   SVGs and index.html in ${DEFAULT_OUT_DIR}/
  $ crmflow render processes/operation/lead-assignment.yaml -o docs/
  $ crmflow render --format png --font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  $ crmflow render --format mermaid processes/operation/discount-approval.yaml   paste into GitHub Markdown
  $ crmflow render --theme dark -o site/diagrams
  $ crmflow render --direction down                  vertical lanes, flow top to bottom (跨职能流程图)
  $ crmflow render --no-cache                        lay out afresh, ignoring .crmflow/cache/

A process file with errors is not drawn: it is named on stderr, its diagram is replaced by a
placeholder that says so (never a stale one), the index lists it under "Not drawn", exit 1.

Exit codes: 0 written, 1 a process file has errors (the others are written), 2 could not run
(unwritable folder, unknown format or theme).`,
    )
    .action(async (paths: string[], opts: RenderOptions) => {
      const format = checkFormat(opts.format, FORMATS, 'render');
      if (!(THEMES as readonly string[]).includes(opts.theme)) throw new UsageError(msg('cli.unknownTheme', { value: opts.theme, allowed: THEMES.join(', ') }));
      const theme = opts.theme as (typeof THEMES)[number];
      if (opts.direction !== undefined && !(DIRECTIONS as readonly string[]).includes(opts.direction))
        throw new UsageError(msg('cli.unknownDirection', { value: opts.direction, allowed: DIRECTIONS.join(', ') }));
      const direction = opts.direction as (typeof DIRECTIONS)[number] | undefined;
      const { existsSync } = await import('node:fs');
      const { resolve } = await import('node:path');
      for (const f of opts.font) if (!existsSync(resolve(opts.cwd ?? '.', f))) throw new UsageError(msg('cli.noFont', { file: f }), msg('cli.noFontHint'));
      // The ELK thread (started by bin/crmflow.js, else now) loads elkjs while this thread loads the
      // project, unless the layouts are likely in the cache: then it would only take CPU from this one.
      const ahead = format !== 'mermaid' && (!opts.cache || !(await import('../render/cache.js')).hasLayoutCache(resolve(opts.cwd ?? '.')));
      const threads = await import('../render/elk-thread.js');
      if (ahead) threads.startElkThread();
      else threads.stopElkThread(); // bin/crmflow.js may have started one early
      let result;
      try {
        const [{ runRender }, { currentLang }] = await Promise.all([import('../render/run.js'), import('../i18n/index.js')]);
        result = await runRender({
          langFor: currentLang,
          cwd: opts.cwd,
          paths,
          format,
          theme,
          output: opts.output,
          defaultOutput: DEFAULT_OUT_DIR,
          fontFiles: opts.font.map((f) => resolve(opts.cwd ?? '.', f)),
          progress: (msg) => note(msg),
          cache: opts.cache,
          direction,
        });
      } finally {
        threads.stopElkThread();
      }
      const { localize, t } = await import('../i18n/index.js');
      const lang = result.lang ?? 'en';
      const sep = lang === 'en' ? ' ' : '';
      for (const w of result.warnings) note(`${t(lang, 'severity.warning')}${lang === 'en' ? ':' : '：'}${sep}${localize(w.message, lang)}\n${t(lang, 'cli.hint')}${sep}${localize(w.hint, lang)}`);
      const broken = result.broken.map(({ file, id, line, column, message }) => ({ file, id, line, column, message }));
      if (opts.json) out(JSON.stringify({ outDir: result.outDir ?? null, format, files: result.files, warnings: result.warnings, broken, diagrams: result.diagrams }, null, 2));
      else if (result.stdout !== undefined) out(result.stdout);
      else {
        const line = (f: { path: string; process: string | null }) => {
          const wrote = t(lang, 'render.wrote', { path: f.path });
          return result.broken.some((b) => b.placeholder && b.id === f.process) ? t(lang, 'render.placeholder', { line: wrote }) : wrote;
        };
        out(result.files.map(line).join('\n'));
      }
      for (const b of result.broken) note(t(lang, 'render.notDrawn', { where: `${b.file}:${b.line}:${b.column}`, message: localize(b.message, lang) }));
      if (broken.length) note(broken.length === 1 ? t(lang, 'render.fixHint.one') : t(lang, 'render.fixHint.other', { n: broken.length }));
      process.exitCode = broken.length ? EXIT.problems : EXIT.ok;
    });
}
