/**
 * A Mermaid flowchart of one changed process for the pull-request comment: the steps and flows
 * of the "after" side plus the removed ones, with added steps green, removed steps red and
 * dashed, changed (and renamed) steps amber. GitHub renders it inline in Markdown.
 */
import { t, type Lang } from '../i18n/index.js';
import { edgeLabel as pathLabel } from '../render/path-label.js';
import { edgesOf, stepName, type Edge } from '../model/graph.js';
import type { Process, Step } from '../model/types.js';
import type { ProcessDiff } from './types.js';

export const MERMAID_CLASSES = {
  added: 'fill:#dafbe1,stroke:#1a7f37,stroke-width:2px,color:#0b3d1a',
  removed: 'fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5,color:#5c0f12',
  changed: 'fill:#fff8c5,stroke:#9a6700,stroke-width:2px,color:#3d2a00',
} as const;

const LINK = { added: 'stroke:#1a7f37,stroke-width:2px', removed: 'stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5' };

/**
 * Text safe inside a quoted Mermaid label: quotes, `<`, `>`, backticks, brackets, `#`, `;`,
 * `|` and `&` become Mermaid entity codes (`#34;`), line breaks become spaces.
 */
export function mermaidText(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[#&"'<>`[\]{}()|;\\]/g, (c) => `#${c.charCodeAt(0)};`);
}

function shape(step: Step, label: string): string {
  const l = `"${mermaidText(label)}"`;
  switch (step.type) {
    case 'start':
    case 'end':
      return `([${l}])`;
    case 'decision':
      return `{${l}}`;
    case 'parallel':
    case 'join':
      return `{{${l}}}`;
    case 'subprocess':
      return `[[${l}]]`;
    case 'pool':
      return `[(${l})]`;
    case 'wait':
      return `>${l}]`;
    default:
      return `[${l}]`;
  }
}

function edgeLabel(e: Edge, lang: Lang): string | undefined {
  if (e.kind === 'next' || e.kind === 'fork') return undefined;
  const text = e.kind === 'branch' ? (e.when ?? e.label) : pathLabel(e, lang);
  if (!text) return undefined;
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** GitHub refuses Mermaid charts of more than 500 edges; stay well below. */
export const MAX_EDGES = 400;

export interface ChartOptions {
  direction?: 'LR' | 'TD';
  /**
   * Draw only the changed neighbourhood: changed, added and removed steps plus one step before
   * and after each, with a "…" node where the rest of the process goes on (default: the whole process).
   */
  neighbourhood?: boolean;
  /** At most this many edges (default MAX_EDGES); steps past it are left out and counted. */
  maxEdges?: number;
  /** Language of crmflow's own words in the chart (exception paths, "was"); default English. */
  lang?: Lang;
}

export interface Chart {
  text: string;
  edges: number;
  /** Steps drawn and steps in the process (after, plus the removed ones). */
  drawn: number;
  total: number;
  /** Changed, added or removed steps left out to stay under the edge limit. */
  cut: number;
}

/** The flowchart for one process diff. `before` / `after` are the process on each side. */
export function diffFlowchart(diff: ProcessDiff, before: Process | undefined, after: Process | undefined, direction: 'LR' | 'TD' = 'LR'): string {
  return diffChart(diff, before, after, { direction, maxEdges: Infinity }).text;
}

/** The flowchart with what it left out: the whole process, or its changed neighbourhood. */
export function diffChart(diff: ProcessDiff, before: Process | undefined, after: Process | undefined, options: ChartOptions = {}): Chart {
  const direction = options.direction ?? 'LR';
  const maxEdges = options.maxEdges ?? MAX_EDGES;
  const lang = options.lang ?? 'en';
  const status = new Map<string, 'added' | 'removed' | 'changed'>();
  const renamedFrom = new Map<string, string>();
  const rename = new Map<string, string>();
  for (const s of diff.steps) {
    status.set(s.id, s.status === 'renamed' ? 'changed' : s.status);
    if (s.status === 'renamed' && s.from) {
      renamedFrom.set(s.id, s.from);
      rename.set(s.from, s.id);
    }
  }

  // Nodes: the after steps in file order, each removed step right after its old predecessor.
  const all: Array<{ step: Step; id: string }> = [];
  const seen = new Set<string>();
  for (const s of after?.steps ?? []) if (!seen.has(s.id)) (seen.add(s.id), all.push({ step: s, id: s.id }));
  for (const s of before?.steps ?? []) {
    const id = rename.get(s.id) ?? s.id;
    if (seen.has(id)) continue;
    seen.add(id);
    all.push({ step: s, id });
  }
  const added = new Set(diff.flows.added.map(([a, b]) => `${a}\u0000${b}`));
  const removed = new Set(diff.flows.removed.map(([a, b]) => `${a}\u0000${b}`));
  // Every edge to draw, in drawing order.
  const edges: Array<{ e: Edge; from: string; to: string; kind: 'kept' | 'added' | 'removed' }> = [];
  const edgeKeys = new Set<string>();
  const addEdge = (e: Edge, from: string, to: string, kind: 'kept' | 'added' | 'removed') => {
    const k = `${from}\u0000${to}\u0000${e.kind}\u0000${e.label ?? ''}`;
    if (!seen.has(from) || !seen.has(to) || edgeKeys.has(k)) return;
    edgeKeys.add(k);
    edges.push({ e, from, to, kind });
  };
  for (const e of after ? edgesOf(after) : []) addEdge(e, e.from, e.to, added.has(`${e.from}\u0000${e.to}`) ? 'added' : 'kept');
  for (const e of before ? edgesOf(before) : []) {
    const from = rename.get(e.from) ?? e.from;
    const to = rename.get(e.to) ?? e.to;
    if (removed.has(`${from}\u0000${to}`)) addEdge(e, from, to, 'removed');
  }

  // Which steps to draw: all, or the changed ones and their direct neighbours; then as many as fit.
  let keep = new Set(all.map((n) => n.id));
  if (options.neighbourhood) {
    const changed = new Set(all.filter((n) => status.has(n.id)).map((n) => n.id));
    keep = new Set(changed);
    for (const x of edges) {
      if (changed.has(x.from)) keep.add(x.to);
      if (changed.has(x.to)) keep.add(x.from);
    }
  }
  const inner = (set: Set<string>) => edges.filter((x) => set.has(x.from) && set.has(x.to)).length;
  const boundary = (set: Set<string>) => {
    const out = new Set<string>();
    for (const x of edges) {
      if (set.has(x.from) && !set.has(x.to)) out.add(`>${x.from}`);
      if (set.has(x.to) && !set.has(x.from)) out.add(`<${x.to}`);
    }
    return out.size;
  };
  let cut = 0;
  if (inner(keep) + boundary(keep) > maxEdges) {
    // Keep steps in flow order until the next would pass the limit.
    const order = all.filter((n) => keep.has(n.id));
    const fit = new Set<string>();
    for (const n of order) {
      fit.add(n.id);
      if (inner(fit) + boundary(fit) > maxEdges) {
        fit.delete(n.id);
        break;
      }
    }
    cut = order.filter((n) => !fit.has(n.id) && status.has(n.id)).length;
    keep = fit;
  }
  const nodes = all.filter((n) => keep.has(n.id));
  const nodeId = new Map(nodes.map((n, i) => [n.id, `s${i}`]));

  const lines = [`flowchart ${direction}`];
  for (const n of nodes) {
    const was = renamedFrom.get(n.id);
    const label = `${stepName(n.step)}${was ? ` ${t(lang, 'diff.chart.was', { step: was })}` : ''}`;
    lines.push(`  ${nodeId.get(n.id)}${shape(n.step, label)}`);
  }
  const links: string[] = [];
  let index = 0;
  for (const { e, from, to, kind } of edges) {
    const a = nodeId.get(from);
    const b = nodeId.get(to);
    if (!a || !b) continue;
    const label = edgeLabel(e, lang);
    const arrow = kind === 'removed' || e.kind === 'breach' ? '-.->' : '-->';
    lines.push(`  ${a} ${arrow}${label ? `|"${mermaidText(label)}"|` : ''} ${b}`);
    if (kind !== 'kept') links.push(`  linkStyle ${index} ${LINK[kind]}`);
    index++;
  }
  // One "…" before and after each drawn step whose flow goes on outside the chart.
  let more = nodes.length;
  const ellipsis = new Set<string>();
  for (const { from, to } of edges) {
    const a = nodeId.get(from);
    const b = nodeId.get(to);
    if (a && !b && !ellipsis.has(`>${a}`)) {
      ellipsis.add(`>${a}`);
      lines.push(`  s${more}["…"]`, `  ${a} -.-> s${more++}`);
      index++;
    } else if (b && !a && !ellipsis.has(`<${b}`)) {
      ellipsis.add(`<${b}`);
      lines.push(`  s${more}["…"]`, `  s${more++} -.-> ${b}`);
      index++;
    }
  }

  for (const [name, style] of Object.entries(MERMAID_CLASSES)) lines.push(`  classDef ${name} ${style}`);
  for (const cls of ['added', 'removed', 'changed'] as const) {
    const ids = nodes.filter((n) => status.get(n.id) === cls).map((n) => nodeId.get(n.id)!);
    if (ids.length) lines.push(`  class ${ids.join(',')} ${cls}`);
  }
  lines.push(...links);
  return { text: lines.join('\n'), edges: index, drawn: nodes.length, total: all.length, cut };
}
