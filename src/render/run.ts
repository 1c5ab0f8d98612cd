/**
 * The render command's work: load the project, pick the processes, draw them and write the
 * files atomically (temporary file, then rename). Returns what it wrote for the CLI to print.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ensureDir, writeFileAtomic } from '../model/write.js';
import { CrmflowError } from '../model/errors.js';
import { packageVersion } from '../model/package-root.js';
import { loadProject } from '../model/load.js';
import type { Process, Project } from '../model/types.js';
import { escapeXml } from '../model/escape.js';
import { likelyProcessIds } from '../model/cascade.js';
import { brokenSvg, docsIndexHtml, docsIndexMarkdown, layerTree, toMermaid, type BrokenDiagram } from './index.js';
import { layoutProcess, type Direction, type Layout } from './layout.js';
import { diagramMetrics, type DiagramMetrics } from './metrics.js';
import { drawSvg } from './svg.js';
import { CACHE_DIR, layoutKey, readLayout, writeLayout } from './cache.js';
import { missingFontHint, svgTexts, svgToPng, uncoveredCharacters } from './png.js';
import { msg, part, t, type Lang } from '../i18n/index.js';

export interface RunRenderOptions {
  cwd?: string;
  paths: string[];
  format: 'svg' | 'png' | 'mermaid';
  theme: 'light' | 'dark';
  /** Output folder as given by the user (relative to cwd). */
  output?: string;
  /** Output folder when none is given, relative to the project root. */
  defaultOutput: string;
  fontFiles: string[];
  progress?: (message: string) => void;
  /** Reuse and store layouts in .crmflow/cache/render/ (default true; `--no-cache` turns it off). */
  cache?: boolean;
  /** Which way the flow runs (`--direction`); default `render.direction` of crmflow.yaml, else right. */
  direction?: Direction;
  /** The language of diagram labels for a project's `lang:` (the CLI passes its own choice; default English). */
  langFor?: (configLang: string | undefined) => Lang;
}

export interface RunRenderResult {
  /** The language notes about the result are said in. */
  lang?: Lang;
  outDir?: string;
  files: { process: string | null; path: string }[];
  warnings: { message: string; hint: string }[];
  /** Mermaid printed to stdout when no folder was given. */
  stdout?: string;
  /** Selected files that did not load as processes: not drawn, replaced by a placeholder. */
  broken: BrokenDiagram[];
  /** Readability figures of every diagram drawn (SVG and PNG), in process order. */
  diagrams: ({ process: string } & DiagramMetrics)[];
}

export async function runRender(o: RunRenderOptions): Promise<RunRenderResult> {
  const project = await loadProject({ cwd: o.cwd, paths: o.paths });
  if (project.configBroken) throw new CrmflowError(msg('project.configBroken'), msg('project.configBrokenHint'));
  const lang = o.langFor?.(project.config.lang) ?? 'en';
  const byFile = new Map<string, Process>();
  for (const p of project.processes.values()) byFile.set(p.file, p);
  const chosen: Process[] = [];
  const broken: BrokenDiagram[] = [];
  const sources = new Map(project.files.map((f) => [f.path, f.text]));
  for (const f of [...project.selected].sort()) {
    if (f === 'crmflow.yaml') continue;
    const p = byFile.get(f);
    if (p) chosen.push(p);
    else {
      // The id its last diagram was written under; never one a loaded process owns.
      const id = likelyProcessIds(f, sources.get(f) ?? '', undefined).pop()!;
      const first = project.findings.find((x) => x.file === f && x.severity === 'error');
      broken.push({ file: f, id, line: first?.line ?? 1, column: first?.column ?? 1, message: first?.message ?? 'the file did not load as a process', placeholder: !project.processes.has(id) });
    }
  }
  if (!chosen.length && !broken.length) throw new CrmflowError(msg('render.noProcesses'), msg('render.noProcessesHint'));
  // Ids are kebab-case, where code-unit order is localeCompare's order; a plain compare does not
  // load ICU's collator (~10 ms of a one-diagram render).
  chosen.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const direction: Direction = o.direction ?? project.config.render?.direction ?? 'right';

  if (o.format === 'mermaid' && !o.output) {
    if (chosen.length === 1) return { files: [], warnings: [], broken, diagrams: [], stdout: toMermaid(project, chosen[0]!) };
    return { files: [], warnings: [], broken, diagrams: [], stdout: chosen.map((p) => mermaidMarkdown(project, p, lang)).join('\n'), lang };
  }

  const outDir = o.output ? resolve(o.cwd ?? process.cwd(), o.output) : join(project.root, o.defaultOutput);
  prepareDir(outDir, o.output ?? o.defaultOutput);
  const shown = (abs: string) => {
    const rel = relative(resolve(o.cwd ?? process.cwd()), abs);
    return rel === '' ? '.' : rel.startsWith('..') ? abs : rel;
  };
  const files: RunRenderResult['files'] = [];
  const warnings: RunRenderResult['warnings'] = [];
  // Mermaid goes into Markdown files (a fenced block with a heading) that GitHub draws.
  const ext = o.format === 'mermaid' ? 'md' : o.format;
  // Links point at the sibling SVG diagrams (a PNG cannot hold links; its index links the PNGs).
  const placeholders = new Set(broken.filter((b) => b.placeholder).map((b) => b.id));
  const hrefFor = (id: string) => (project.processes.has(id) || placeholders.has(id) ? `${id}.svg` : undefined);
  const texts: string[] = [];
  const diagrams: RunRenderResult['diagrams'] = [];
  // Layouts not in the cache: with an ELK thread (elk-thread.ts) they all start now, so that ELK
  // lays out the next diagram's layers there while this thread routes the last one's edges;
  // without one each is laid out here when its turn comes.
  const cached = o.format === 'mermaid' ? [] : chosen.map((p) => fromCache(project, p, o.cache !== false, direction));
  const toLayOut = chosen.filter((_, i) => cached[i] && !cached[i].layout);
  const threads = await import('./elk-thread.js');
  // The CLI starts the thread before it loads the project; else two diagrams or more start one.
  if (toLayOut.length > 1) threads.shareRouting(threads.startElkThread());
  if (!toLayOut.length) threads.stopElkThread();
  const fresh = new Map<Process, Promise<Layout>>();
  if (threads.elkThread())
    for (const p of toLayOut) {
      const layout = layoutProcess(project, p, { direction });
      // Awaited in turn below; a failure is thrown there, not reported as unhandled meanwhile.
      layout.catch(() => undefined);
      fresh.set(p, layout);
    }
  try {
    for (const [i, p] of chosen.entries()) {
      o.progress?.(t(lang, 'render.progress', { id: p.id }));
      const target = join(outDir, `${p.id}.${ext}`);
      if (o.format === 'mermaid') writeFileAtomic(target, mermaidMarkdown(project, p, lang));
      else {
        let layout = cached[i]!.layout;
        if (!layout) {
          layout = await (fresh.get(p) ?? layoutProcess(project, p, { direction }));
          cached[i]!.store(layout);
        }
        const svg = drawSvg(project, p, layout, { theme: o.theme, hrefFor, lang });
        // The drawn size: the title band can make the SVG wider than the lanes.
        const size = /<svg [^>]*width="([\d.]+)" height="([\d.]+)"/.exec(svg);
        diagrams.push({ process: p.id, ...diagramMetrics(layout), ...(size ? { width: Number(size[1]), height: Number(size[2]) } : {}) });
        if (o.format === 'svg') writeFileAtomic(target, svg);
        else {
          texts.push(...svgTexts(svg));
          writeFileAtomic(target, await svgToPng(svg, { fontFiles: o.fontFiles }));
        }
      }
      files.push({ process: p.id, path: shown(target) });
    }
  } finally {
    threads.stopElkThread();
  }
  // A broken file's old diagram would look current: its placeholder takes its place.
  for (const b of broken) {
    if (!b.placeholder) continue;
    const target = join(outDir, `${b.id}.${ext}`);
    if (o.format === 'mermaid')
      writeFileAtomic(target, `## ${t(lang, 'render.mermaid.notDrawn', { id: b.id })}\n\n${t(lang, 'render.mermaid.fix', { where: `${b.file}:${b.line}:${b.column}`, command: `\`crmflow validate ${b.file}\`` })}\n`);
    else if (o.format === 'svg') writeFileAtomic(target, brokenSvg(b, lang));
    else writeFileAtomic(target, await svgToPng(brokenSvg(b, lang), { fontFiles: o.fontFiles }));
    files.push({ process: b.id, path: shown(target) });
  }
  if (o.format === 'png') {
    const missing = await uncoveredCharacters(texts, o.fontFiles);
    if (missing.length) warnings.push(missingFontHint(missing));
  }
  const tree = layerTree(project);
  const indexPath = join(outDir, o.format === 'mermaid' ? 'index.md' : 'index.html');
  writeFileAtomic(indexPath, o.format === 'mermaid' ? docsIndexMarkdown(tree, 'md', undefined, broken, lang) : docsIndexHtml(tree, o.format === 'png' ? 'png' : 'svg', undefined, broken, lang));
  files.push({ process: null, path: shown(indexPath) });
  return { outDir: shown(outDir), files, warnings, broken, diagrams, lang };
}

/** The process's layout from the cache when its inputs are unchanged, and how to store a fresh one. */
function fromCache(project: Project, p: Process, useCache: boolean, direction: Direction): { layout?: Layout; store: (layout: Layout) => void } {
  if (!useCache) return { store: () => undefined };
  const dir = join(project.root, CACHE_DIR);
  const text = (path: string | undefined) => (path === undefined ? '' : (project.files.find((f) => f.path === path)?.text ?? ''));
  const key = layoutKey({ version: crmflowVersion(), processText: text(p.file), configText: project.configFile?.text ?? '', settings: { direction } });
  return { layout: readLayout(dir, key), store: (layout) => writeLayout(dir, key, layout) };
}

/** The layout code's hash, taken by scripts/bundle.mjs when the code is bundled (an esbuild define). */
declare const CRMFLOW_LAYOUT_HASH: string | undefined;
let version: string | undefined;
/** crmflow's version plus a hash of the layout code, so a changed layout never reads old entries. */
function crmflowVersion(): string {
  if (version) return version;
  version = `${packageVersion()}+${typeof CRMFLOW_LAYOUT_HASH === 'string' ? CRMFLOW_LAYOUT_HASH : layoutCodeHash()}`;
  return version;
}

/** The hash of the layout code files beside this one (.ts under vitest, .js after tsc). */
function layoutCodeHash(): string {
  const read = (rel: string) => {
    try {
      return readFileSync(new URL(rel, import.meta.url), 'utf8');
    } catch {
      return '';
    }
  };
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const code = ['layout', 'elk-options', 'route', 'state-queue', 'text', 'columns', 'cache'].map((m) => read(`./${m}.${ext}`)).join('\0');
  return createHash('sha256').update(code).digest('hex').slice(0, 12);
}

/** A Markdown page holding the process's Mermaid diagram, for GitHub to draw. */
function mermaidMarkdown(project: Project, p: Process, lang: Lang): string {
  const title = escapeXml(p.name ?? p.id).replace(/([[\]\\*_`#])/g, '\\$1');
  return `## ${title}\n\n\`\`\`mermaid\n${toMermaid(project, p, { lang })}\`\`\`\n`;
}

/** Why a folder cannot be written, from the error code, in words (other codes as they are). */
export function whyNotWritable(code: string): ReturnType<typeof part> | string {
  if (code === 'ENOTDIR' || code === 'EEXIST') return part('render.inTheWay');
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? part('render.noPermission') : code;
}

function prepareDir(dir: string, shown: string): void {
  try {
    ensureDir(dir);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new CrmflowError(msg('render.cannotWrite', { output: shown, why: whyNotWritable(code) }), msg('site.cannotWriteHint'));
  }
}
