/**
 * `crmflow site`: gathers lint findings, simulations and git history for a loaded project and
 * returns the portal as files (path → text). `runSite` writes them atomically.
 */
import { join, relative, resolve } from 'node:path';
import { CrmflowError } from '../model/errors.js';
import { loadProject } from '../model/load.js';
import type { Project } from '../model/types.js';
import { ensureDir, writeFileAtomic } from '../model/write.js';
import { lintProject } from '../lint/engine.js';
import { layerTree, renderSvg } from '../render/index.js';
import { whyNotWritable } from '../render/run.js';
import { SITE_CSS, SITE_JS } from './assets.js';
import { readHistory, type History } from './history.js';
import { responsibilityMatrix } from './matrix.js';
import { diffPage, homePage, processPage, rolePage, rolesPage, searchIndex, type SiteData } from './pages.js';
import { simulateProcesses, type Simulations } from './simulations.js';
import { wordsFor } from './words.js';
import { currentLang, localize, msg, t, type Lang } from '../i18n/index.js';

export interface SiteOptions {
  /** Simulate each process (default true). */
  simulate?: boolean;
  cases?: number;
  seed?: number;
  /** Read git history (default true). */
  history?: boolean;
  /** Commits that get a diff page. */
  diffs?: number;
  progress?: (message: string) => void;
}

export interface Site {
  /** Site-relative path → content, sorted by path. */
  files: Map<string, string>;
  notes: string[];
  simulations: Simulations;
  /** Process files that did not load. */
  brokenFiles: number;
  /** The language the pages speak. */
  lang: Lang;
}

/** Builds every page of the portal for `project`. */
export async function buildSite(project: Project, o: SiteOptions = {}): Promise<Site> {
  const notes: string[] = [];
  // --lang, else lang: of crmflow.yaml, else the locale, like every other command.
  const lang = currentLang((project.config as { lang?: string }).lang);
  const { findings } = lintProject(project);
  const simulations: Simulations = o.simulate === false ? { byProcess: new Map(), skipped: [] } : await simulateProcesses(project, { cases: o.cases, seed: o.seed, progress: o.progress && ((m) => o.progress!(localize(m, lang))) });
  for (const s of simulations.skipped) notes.push(t(lang, 'site.notSimulated', { process: s.process ? ` ${s.process}` : '', reason: localize(s.reason, lang) }));
  const history: History = o.history === false ? { commits: [], diffs: new Map(), reason: 'history not read' } : await readHistory(project, { diffs: o.diffs, progress: o.progress, lang });
  if (history.reason && o.history !== false) notes.push(t(lang, 'site.noHistory', { reason: history.reason }));
  const tree = layerTree(project);
  // Utilisation is taken from simulations of the top processes (nothing calls them), which hold
  // the whole load; a subprocess simulated alone would understate it.
  const tops = new Set(tree.map((n) => n.id));
  const topSims = [...simulations.byProcess.values()].filter((s) => tops.has(s.process));
  const matrix = responsibilityMatrix(project, topSims);
  const loaded = new Set([...project.processes.values()].map((p) => p.file));
  const broken = project.files
    .filter((f) => !loaded.has(f.path) && f.path !== project.configFile?.path)
    .map((f) => {
      const first = project.findings.find((x) => x.file === f.path && x.severity === 'error');
      return { file: f.path, line: first?.line ?? 1, column: first?.column ?? 1, message: first?.message ?? 'the file did not load as a process' };
    });
  const { lang: pageLang, w } = wordsFor(lang);
  const title = (project.config as { name?: string }).name ?? 'Process portal';
  const d: SiteData = { project, tree, findings, simulations: simulations.byProcess, history, matrix, lang: pageLang, w, title, broken };

  const files = new Map<string, string>();
  files.set('index.html', homePage(d));
  files.set('roles.html', rolesPage(d));
  files.set('assets/site.css', SITE_CSS);
  files.set('assets/site.js', SITE_JS);
  files.set('assets/search-index.js', searchIndex(d));
  const ids = [...project.processes.keys()].sort();
  for (const id of ids) {
    o.progress?.(t(lang, 'site.progressPage', { id }));
    const p = project.processes.get(id)!;
    const svg = await renderSvg(project, p, { hrefFor: (to) => (project.processes.has(to) ? `${to}.html` : undefined) });
    files.set(`process/${id}.html`, processPage(d, p, svg));
  }
  for (const r of matrix) files.set(`role/${r.role}.html`, rolePage(d, r));
  for (const [sha, text] of history.diffs) files.set(`history/${sha}.html`, diffPage(d, sha, text));
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), notes, simulations, brokenFiles: broken.length, lang };
}

export interface RunSiteOptions extends SiteOptions {
  cwd?: string;
  /** Output folder as the user gave it. */
  output: string;
}

/** Loads the project, builds the portal and writes it. Returns what was written. */
export async function runSite(o: RunSiteOptions): Promise<{ outDir: string; files: string[]; notes: string[]; bytes: number; homeBytes: number; brokenFiles: number; lang: Lang }> {
  const project = await loadProject({ cwd: o.cwd });
  if (project.configBroken) throw new CrmflowError(msg('project.configBroken'), msg('project.configBrokenHint'));
  if (!project.processes.size) throw new CrmflowError(msg('site.noProcesses'), msg('site.noProcessesHint'));
  const site = await buildSite(project, o);
  const outDir = resolve(o.cwd ?? process.cwd(), o.output);
  if (outDir === project.root) throw new CrmflowError(msg('site.projectRoot', { output: o.output }), msg('site.projectRootHint'));
  try {
    ensureDir(outDir);
  } catch (e) {
    throw new CrmflowError(msg('site.cannotWrite', { output: o.output, why: whyNotWritable((e as NodeJS.ErrnoException).code ?? (e as Error).message) }), msg('site.cannotWriteHint'));
  }
  let bytes = 0;
  for (const [path, text] of site.files) {
    const target = join(outDir, path);
    ensureDir(join(target, '..'));
    writeFileAtomic(target, text);
    bytes += Buffer.byteLength(text);
  }
  const rel = relative(resolve(o.cwd ?? process.cwd()), outDir);
  const shown = rel === '' ? '.' : rel.startsWith('..') ? outDir : rel;
  return { outDir: shown, files: [...site.files.keys()], notes: site.notes, bytes, homeBytes: Buffer.byteLength(site.files.get('index.html')!), brokenFiles: site.brokenFiles, lang: site.lang };
}
