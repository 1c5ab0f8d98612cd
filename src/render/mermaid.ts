/**
 * Mermaid `flowchart LR` with one subgraph per role lane, for pasting into GitHub Markdown.
 * Labels are quoted and escaped with Mermaid's entity codes, so a step name can never
 * break out of its node.
 */
import { edgesOf, stepName } from '../model/graph.js';
import type { Process, Project, Step } from '../model/types.js';
import { assignLanes } from './layout.js';
import { durationIn, type Lang } from '../i18n/index.js';
import { edgeLabel } from './path-label.js';
import { roleName } from '../i18n/roles.js';

export interface MermaidOptions {
  /** Colour steps as added / removed / changed (used by `crmflow diff --format markdown`). */
  classes?: Record<string, 'added' | 'removed' | 'changed'>;
  /** Language of the labels crmflow writes (exception paths, SLA); names from the YAML stay as written. */
  lang?: Lang;
}

/** Escapes text for a quoted Mermaid label. */
export function mermaidText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[#"<>&|`{}[\]()]/g, (c) => `#${c.codePointAt(0)};`);
}

/** A Mermaid-safe node id for a step id (Mermaid reserves words like `end`). */
function nodeId(id: string): string {
  return `s_${id.replace(/-/g, '_')}`;
}

function shape(step: Step): [string, string] {
  switch (step.type) {
    case 'start':
      return ['((', '))'];
    case 'end':
      return ['(((', ')))'];
    case 'decision':
      return ['{', '}'];
    case 'parallel':
    case 'join':
      return ['{{', '}}'];
    case 'wait':
      return ['>', ']'];
    case 'subprocess':
      return ['[[', ']]'];
    case 'pool':
      return ['[(', ')]'];
    case 'approval':
      return ['[/', '/]'];
    default:
      return ['(', ')'];
  }
}

/** The process as Mermaid flowchart source. */
export function toMermaid(project: Project, process: Process, options: MermaidOptions = {}): string {
  const { laneOf, lanes } = assignLanes(project, process);
  const lang = options.lang ?? 'en';
  const out: string[] = ['flowchart LR'];
  lanes.forEach((lane, i) => {
    out.push(`  subgraph lane_${i}["${mermaidText(lane.role ? roleName(lane.role, lane.label, lang) : lane.label)}"]`);
    out.push('    direction LR');
    for (const step of process.steps) {
      if (laneOf.get(step.id) !== lane.role) continue;
      const [open, close] = shape(step);
      let label = stepName(step);
      if (step.type === 'end' && step.outcome) label += ` (${project.config.outcomes?.[step.outcome]?.name ?? step.outcome})`;
      if ('sla' in step && step.sla) label += ` ⏱ ${durationIn(lang, step.sla.within)}`;
      out.push(`    ${nodeId(step.id)}${open}"${mermaidText(label)}"${close}`);
    }
    out.push('  end');
  });
  for (const e of edgesOf(process)) {
    const exc = e.kind === 'exception' || e.kind === 'breach';
    const arrow = exc ? '-.->' : '-->';
    const text = edgeLabel(e, lang);
    const label = e.kind === 'next' || e.kind === 'fork' || !text ? '' : `|"${mermaidText(text)}"|`;
    out.push(`  ${nodeId(e.from)} ${arrow}${label} ${nodeId(e.to)}`);
  }
  const classes = options.classes ?? {};
  const used = new Set(Object.values(classes));
  if (used.size) {
    if (used.has('added')) out.push('  classDef added fill:#dafbe1,stroke:#1a7f37,stroke-width:2px');
    if (used.has('removed')) out.push('  classDef removed fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 3');
    if (used.has('changed')) out.push('  classDef changed fill:#fff8c5,stroke:#bf8700,stroke-width:2px');
    for (const id of Object.keys(classes).sort()) if (process.stepById.has(id)) out.push(`  class ${nodeId(id)} ${classes[id]}`);
  }
  return `${out.join('\n')}\n`;
}
