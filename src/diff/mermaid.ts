/**
 * A Mermaid flowchart of one changed process for the pull-request comment: the steps and flows
 * of the "after" side plus the removed ones, with added steps green, removed steps red and
 * dashed, changed (and renamed) steps amber. GitHub renders it inline in Markdown.
 */
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
    case 'wait':
      return `>${l}]`;
    default:
      return `[${l}]`;
  }
}

function edgeLabel(e: Edge): string | undefined {
  if (e.kind === 'next' || e.kind === 'fork') return undefined;
  const text = e.kind === 'branch' ? (e.when ?? e.label) : e.label;
  if (!text) return undefined;
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** The flowchart for one process diff. `before` / `after` are the process on each side. */
export function diffFlowchart(diff: ProcessDiff, before: Process | undefined, after: Process | undefined, direction: 'LR' | 'TD' = 'LR'): string {
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
  const nodes: Array<{ step: Step; id: string }> = [];
  const seen = new Set<string>();
  for (const s of after?.steps ?? []) if (!seen.has(s.id)) (seen.add(s.id), nodes.push({ step: s, id: s.id }));
  for (const s of before?.steps ?? []) {
    const id = rename.get(s.id) ?? s.id;
    if (seen.has(id)) continue;
    seen.add(id);
    nodes.push({ step: s, id });
  }
  const nodeId = new Map(nodes.map((n, i) => [n.id, `s${i}`]));

  const lines = [`flowchart ${direction}`];
  for (const n of nodes) {
    const was = renamedFrom.get(n.id);
    const label = `${stepName(n.step)}${was ? ` (was ${was})` : ''}`;
    lines.push(`  ${nodeId.get(n.id)}${shape(n.step, label)}`);
  }

  const added = new Set(diff.flows.added.map(([a, b]) => `${a}\u0000${b}`));
  const removed = new Set(diff.flows.removed.map(([a, b]) => `${a}\u0000${b}`));
  const links: string[] = [];
  let index = 0;
  const drawn = new Set<string>();
  const draw = (e: Edge, from: string, to: string, kind: 'kept' | 'added' | 'removed') => {
    const k = `${from}\u0000${to}\u0000${e.kind}\u0000${e.label ?? ''}`;
    const a = nodeId.get(from);
    const b = nodeId.get(to);
    if (!a || !b || drawn.has(k)) return;
    drawn.add(k);
    const label = edgeLabel(e);
    const arrow = kind === 'removed' || e.kind === 'breach' ? '-.->' : '-->';
    lines.push(`  ${a} ${arrow}${label ? `|"${mermaidText(label)}"|` : ''} ${b}`);
    if (kind !== 'kept') links.push(`  linkStyle ${index} ${LINK[kind]}`);
    index++;
  };
  for (const e of after ? edgesOf(after) : []) draw(e, e.from, e.to, added.has(`${e.from}\u0000${e.to}`) ? 'added' : 'kept');
  for (const e of before ? edgesOf(before) : []) {
    const from = rename.get(e.from) ?? e.from;
    const to = rename.get(e.to) ?? e.to;
    if (removed.has(`${from}\u0000${to}`)) draw(e, from, to, 'removed');
  }

  for (const [name, style] of Object.entries(MERMAID_CLASSES)) lines.push(`  classDef ${name} ${style}`);
  for (const cls of ['added', 'removed', 'changed'] as const) {
    const ids = nodes.filter((n) => status.get(n.id) === cls).map((n) => nodeId.get(n.id)!);
    if (ids.length) lines.push(`  class ${ids.join(',')} ${cls}`);
  }
  lines.push(...links);
  return lines.join('\n');
}
