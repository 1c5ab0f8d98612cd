/**
 * `crmflow render`: swimlane diagrams of processes as SVG, PNG or Mermaid, and an index of
 * the layers for drill-down. Pure functions over a loaded `Project`; the CLI writes files.
 */
import { localize, t, type Lang } from '../i18n/index.js';
import { processLinks } from '../model/graph.js';
import type { Process, Project } from '../model/types.js';
import { layoutProcess, type LayoutOptions } from './layout.js';
import { escapeXml } from '../model/escape.js';
import { drawSvg, type SvgOptions } from './svg.js';

export { layoutProcess, type Layout, type LaidOutStep, type LaidOutEdge, type Lane, type Direction } from './layout.js';
export { toMermaid, type MermaidOptions } from './mermaid.js';
export { type SvgOptions, type Highlight } from './svg.js';
export { escapeXml } from '../model/escape.js';
export { svgToPng, uncoveredCharacters, missingFontHint, svgTexts } from './png.js';

/** The process's swimlane diagram as an SVG document (byte-identical for identical input). */
export async function renderSvg(project: Project, process: Process, options: SvgOptions & LayoutOptions = {}): Promise<string> {
  const layout = await layoutProcess(project, process, { direction: options.direction });
  return drawSvg(project, process, layout, options);
}

/** One node of the layer tree: a process and the processes that detail it. */
export interface LayerNode {
  id: string;
  name: string;
  layer: Process['layer'];
  children: LayerNode[];
}

const LAYER_ORDER = { strategy: 0, core: 1, operation: 2 } as const;

/**
 * The processes as a tree: a process's children are the processes its subprocess steps call
 * and the processes that refine it. Roots are the processes nothing calls or refines into.
 */
export function layerTree(project: Project, only?: Set<string>): LayerNode[] {
  const include = (id: string) => project.processes.has(id) && (!only || only.has(id));
  const children = new Map<string, string[]>();
  const hasParent = new Set<string>();
  const add = (parent: string, child: string) => {
    if (!include(parent) || !include(child) || parent === child) return;
    const list = children.get(parent) ?? children.set(parent, []).get(parent)!;
    if (!list.includes(child)) list.push(child);
    hasParent.add(child);
  };
  for (const l of processLinks(project)) {
    if (l.kind === 'calls') add(l.from, l.to);
    else add(l.to, l.from);
  }
  const sortIds = (ids: string[]) =>
    [...ids].sort((a, b) => LAYER_ORDER[project.processes.get(a)!.layer] - LAYER_ORDER[project.processes.get(b)!.layer] || a.localeCompare(b));
  const seen = new Set<string>();
  const build = (id: string): LayerNode => {
    seen.add(id);
    const p = project.processes.get(id)!;
    const kids = sortIds(children.get(id) ?? []).filter((k) => !seen.has(k));
    return { id, name: p.name ?? id, layer: p.layer, children: kids.map(build) };
  };
  const ids = sortIds([...project.processes.keys()].filter(include));
  const roots: LayerNode[] = [];
  for (const id of ids) if (!hasParent.has(id) && !seen.has(id)) roots.push(build(id));
  // Processes only reachable through a cycle still get listed.
  for (const id of ids) if (!seen.has(id)) roots.push(build(id));
  return roots;
}

/** A process file that could not be drawn, and its first error. */
export interface BrokenDiagram {
  /** Project-relative file. */
  file: string;
  /** The process id the file most likely has; its placeholder is `<id>.<ext>`. */
  id: string;
  line: number;
  column: number;
  message: string;
  /** Whether a placeholder replaced the diagram (not when the id belongs to another process). */
  placeholder: boolean;
}

/**
 * What stands in for the diagram of a process whose file has errors: an SVG that says so, in
 * place of the last good diagram, so nothing stale looks current and links still lead here.
 */
export function brokenSvg(b: BrokenDiagram, lang: Lang = 'en'): string {
  const text = localize(b.message, lang);
  const message = text.length > 110 ? `${text.slice(0, 107)}...` : text;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="760" height="120" viewBox="0 0 760 120" font-family="system-ui, sans-serif" font-size="13">',
    `<title>${escapeXml(t(lang, 'render.broken.title', { id: b.id, file: b.file }))}</title>`,
    '<rect x="1" y="1" width="758" height="118" fill="#fff5f5" stroke="#d1242f" stroke-width="2" stroke-dasharray="6 4"/>',
    `<text x="16" y="32" font-size="16" font-weight="bold" fill="#d1242f">${escapeXml(t(lang, 'render.broken.heading', { id: b.id }))}</text>`,
    `<text x="16" y="60" fill="#24292f">${escapeXml(`${b.file}:${b.line}:${b.column}  ${message}`)}</text>`,
    `<text x="16" y="88" fill="#57606a">${escapeXml(t(lang, 'render.broken.fix', { command: `crmflow validate ${b.file}` }))}</text>`,
    '</svg>',
    '',
  ].join('\n');
}

/** Where a command in <code> goes into a translated sentence (escaped first, then put in). */
const SLOT = '\uE000command\uE000';

/** An index.html listing the diagrams as the layer tree, and the processes not drawn. */
export function docsIndexHtml(tree: LayerNode[], ext: 'svg' | 'png', title?: string, broken: readonly BrokenDiagram[] = [], lang: Lang = 'en'): string {
  const heading = title ?? t(lang, 'render.index.title');
  const item = (n: LayerNode, depth: number): string => {
    const pad = '  '.repeat(depth + 2);
    const link = `<a href="${escapeXml(`${n.id}.${ext}`)}">${escapeXml(n.name)}</a> <small>${escapeXml(t(lang, `layer.${n.layer}`))} · ${escapeXml(n.id)}</small>`;
    if (!n.children.length) return `${pad}<li>${link}</li>`;
    return `${pad}<li>${link}\n${pad}  <ul>\n${n.children.map((c) => item(c, depth + 2)).join('\n')}\n${pad}  </ul>\n${pad}</li>`;
  };
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escapeXml(heading)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.6}small{color:#57606a}</style>
</head>
<body>
<h1>${escapeXml(heading)}</h1>
<p>${escapeXml(t(lang, 'render.index.intro', { command: SLOT, layers: (['strategy', 'core', 'operation'] as const).map((l) => t(lang, `layer.${l}`)).join(' → ') })).replace(SLOT, '<code>crmflow render</code>')}</p>
<ul>
${tree.map((n) => item(n, 0)).join('\n')}
</ul>
${brokenHtml(broken, ext, lang)}</body>
</html>
`;
}

function brokenHtml(broken: readonly BrokenDiagram[], ext: string, lang: Lang): string {
  if (!broken.length) return '';
  const items = broken.map((b) => {
    const name = b.placeholder ? `<a href="${escapeXml(`${b.id}.${ext}`)}">${escapeXml(b.id)}</a>` : escapeXml(b.id);
    return `  <li>${name} <small>${escapeXml(`${b.file}:${b.line}:${b.column}`)}</small> — ${escapeXml(localize(b.message, lang))}</li>`;
  });
  return `<h2 class="broken">${escapeXml(t(lang, 'render.index.brokenHeading'))}</h2>
<p>${escapeXml(t(lang, 'render.index.brokenText', { command: SLOT })).replace(SLOT, '<code>crmflow validate</code>')}</p>
<ul class="broken">
${items.join('\n')}
</ul>
`;
}

/** An index.md listing Mermaid files (or diagrams) as the layer tree, and the processes not drawn. */
export function docsIndexMarkdown(tree: LayerNode[], ext: string, title?: string, broken: readonly BrokenDiagram[] = [], lang: Lang = 'en'): string {
  const lines = [`# ${title ?? t(lang, 'render.index.title')}`, '', t(lang, 'render.index.generated', { command: '`crmflow render`' }), ''];
  const walk = (n: LayerNode, depth: number) => {
    const name = escapeXml(n.name).replace(/([[\]\\*_`])/g, '\\$1');
    lines.push(`${'  '.repeat(depth)}- [${name}](${n.id}.${ext}) — ${t(lang, `layer.${n.layer}`)}`);
    for (const c of n.children) walk(c, depth + 1);
  };
  for (const n of tree) walk(n, 0);
  if (broken.length) {
    lines.push('', `## ${t(lang, 'render.index.brokenHeading')}`, '', t(lang, 'render.index.brokenMd', { command: '`crmflow validate`' }), '');
    for (const b of broken) {
      const text = escapeXml(`${b.file}:${b.line}:${b.column} ${localize(b.message, lang)}`).replace(/([[\]\\*_`])/g, '\\$1');
      lines.push(`- ${b.placeholder ? `[${b.id}](${b.id}.${ext})` : b.id} — ${text}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
