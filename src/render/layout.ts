/**
 * Swimlane layout of one process: left to right, one horizontal band per role, orthogonal
 * edges. ELK has no lanes (its `partitioning` orders nodes *along* the flow), so the layout
 * runs ELK twice: pass 1 finds each step's column, then crmflow stacks the steps into their
 * role's band, and pass 2 keeps those positions (interactive mode) and routes the edges.
 *
 * Lane rule for steps without a role (start, end, decision, parallel, join, wait,
 * subprocess): the lane of the nearest step before it that has a role (following the normal
 * flow first, then exception paths); if there is none (a start), the nearest step after it
 * that has one; else the process owner's lane; else a lane named after the process.
 */
import type { EdgeKind } from '../model/graph.js';
import { edgesOf, stepName, stepRole } from '../model/graph.js';
import type { Process, Project, Step } from '../model/types.js';
import { FONT_SIZE, LINE_HEIGHT, textWidth, wrapText } from './text.js';

/** A step placed on the canvas: x/y = top-left of its shape, absolute px. */
export interface LaidOutStep {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  lane: string;
  lines: string[];
}
/** An edge as an orthogonal polyline, absolute px. */
export interface LaidOutEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
  points: { x: number; y: number }[];
  /** Where ELK put the label (top-left and size), when the edge has one. */
  labelBox?: { x: number; y: number; width: number; height: number };
}
/** A horizontal band across the whole diagram for one role. */
export interface Lane {
  role: string;
  label: string;
  y: number;
  height: number;
}
/** The whole diagram. */
export interface Layout {
  width: number;
  height: number;
  lanes: Lane[];
  steps: LaidOutStep[];
  edges: LaidOutEdge[];
}

export interface LayoutOptions {
  /** Width of the lane header column on the left (default 130). */
  laneHeaderWidth?: number;
  /** Height of the title band above the lanes (default 44). */
  titleHeight?: number;
}

/** Sizes shared with the SVG renderer. */
export const GEOMETRY = {
  eventSize: 36,
  gatewaySize: 46,
  taskMinWidth: 130,
  taskMaxText: 150,
  taskPadX: 12,
  taskPadY: 12,
  /** Extra room at the bottom of a subprocess for its `+` marker. */
  markerHeight: 14,
  /** Extra room at the top of a task for the SLA badge or approval mark. */
  badgeHeight: 12,
  labelGap: 4,
  externalLabelMax: 120,
  lanePad: 18,
  rowGap: 24,
  edgeLabelSize: 11,
} as const;

const EXTERNAL_LABEL = new Set<Step['type']>(['start', 'end', 'decision', 'parallel', 'join', 'wait']);

/** Whether a step's name is written under its shape (events, gateways) rather than inside it. */
export function hasExternalLabel(type: Step['type']): boolean {
  return EXTERNAL_LABEL.has(type);
}

/** The box a step's outside label takes, under its shape (events and gateways only). */
export function labelBox(step: LaidOutStep): { x: number; y: number; width: number; height: number } {
  const w = Math.max(...step.lines.map((l) => textWidth(l, FONT_SIZE - 1)), 0);
  return {
    x: step.x + step.width / 2 - w / 2,
    y: step.y + step.height + GEOMETRY.labelGap,
    width: w,
    height: step.lines.length * (LINE_HEIGHT - 1),
  };
}

/** Lane of every step, by the rule in the file comment. */
export function assignLanes(project: Project, process: Process): { laneOf: Map<string, string>; lanes: { role: string; label: string }[] } {
  const edges = edgesOf(process);
  const normal = (k: EdgeKind) => k === 'next' || k === 'branch' || k === 'else' || k === 'fork';
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  // Normal flow first, then exception and breach paths, each in file order.
  for (const pass of [true, false])
    for (const e of edges) {
      if (normal(e.kind) !== pass) continue;
      (incoming.get(e.to) ?? incoming.set(e.to, []).get(e.to)!).push(e.from);
      (outgoing.get(e.from) ?? outgoing.set(e.from, []).get(e.from)!).push(e.to);
    }
  const own = (id: string) => {
    const s = process.stepById.get(id);
    return s ? stepRole(s) : undefined;
  };
  const search = (start: string, adj: Map<string, string[]>): string | undefined => {
    const seen = new Set([start]);
    let frontier = [start];
    while (frontier.length) {
      const next: string[] = [];
      for (const id of frontier)
        for (const n of adj.get(id) ?? []) {
          if (seen.has(n)) continue;
          seen.add(n);
          const r = own(n);
          if (r) return r;
          next.push(n);
        }
      frontier = next;
    }
    return undefined;
  };
  const fallback = process.owner ?? `process:${process.id}`;
  const laneOf = new Map<string, string>();
  for (const s of process.steps) {
    if (laneOf.has(s.id)) continue;
    laneOf.set(s.id, stepRole(s) ?? search(s.id, incoming) ?? search(s.id, outgoing) ?? fallback);
  }
  const lanes: { role: string; label: string }[] = [];
  const seen = new Set<string>();
  for (const s of process.steps) {
    const role = laneOf.get(s.id)!;
    if (seen.has(role)) continue;
    seen.add(role);
    lanes.push({ role, label: roleLabel(project, process, role) });
  }
  return { laneOf, lanes };
}

function roleLabel(project: Project, process: Process, role: string): string {
  if (role.startsWith('process:')) return process.name ?? process.id;
  const local = process.roles?.[role]?.name;
  if (local) return local;
  const r = project.roles.get(role);
  if (r?.name) return r.name;
  if (role === 'customer') return 'Customer';
  if (role === 'system') return 'System';
  return role;
}

interface Sized {
  step: Step;
  /** Shape size. */
  width: number;
  height: number;
  lines: string[];
  /** The box ELK reserves: shape plus an outside label. */
  boxWidth: number;
  boxHeight: number;
  /** Shape offset inside the box. */
  shapeX: number;
}

function measure(step: Step): Sized {
  const g = GEOMETRY;
  const name = stepName(step);
  if (hasExternalLabel(step.type)) {
    const size = step.type === 'decision' || step.type === 'parallel' || step.type === 'join' ? g.gatewaySize : g.eventSize;
    const lines = wrapText(name, g.externalLabelMax, { size: FONT_SIZE - 1, maxLines: 3 });
    const lw = Math.max(...lines.map((l) => textWidth(l, FONT_SIZE - 1)));
    const boxWidth = Math.ceil(Math.max(size, lw));
    const boxHeight = size + g.labelGap + lines.length * (LINE_HEIGHT - 1);
    return { step, width: size, height: size, lines, boxWidth, boxHeight, shapeX: (boxWidth - size) / 2 };
  }
  const lines = wrapText(name, g.taskMaxText, { maxLines: 4 });
  const lw = Math.max(...lines.map((l) => textWidth(l)));
  const width = Math.ceil(Math.max(g.taskMinWidth, lw + 2 * g.taskPadX));
  const extra = (step.type === 'subprocess' ? g.markerHeight : 0) + g.badgeHeight;
  const height = Math.max(56, lines.length * LINE_HEIGHT + 2 * g.taskPadY + extra);
  return { step, width, height, lines, boxWidth: width, boxHeight: height, shapeX: 0 };
}

type ElkNode = import('elkjs/lib/elk-api.js').ElkNode;
type ElkExtendedEdge = import('elkjs/lib/elk-api.js').ElkExtendedEdge;
type ElkApi = import('elkjs/lib/elk-api.js').ELK;

let elkInstance: Promise<ElkApi> | undefined;
function elk(): Promise<ElkApi> {
  // Loaded on first use: elk.bundled.js is large and only render and export need it.
  elkInstance ??= import('elkjs/lib/elk.bundled.js').then((m) => {
    const ELK = (m as unknown as { default: new () => ElkApi }).default;
    return new ELK();
  });
  return elkInstance;
}

const BASE_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.randomSeed': '1',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.layered.spacing.edgeNodeBetweenLayers': '20',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.edgeNode': '18',
  'elk.spacing.edgeEdge': '12',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.edgeLabels.sideSelection': 'ALWAYS_UP',
  'elk.layered.unnecessaryBendpoints': 'false',
  'elk.layered.mergeEdges': 'false',
  'elk.padding': '[top=20,left=20,bottom=20,right=20]',
};

const INTERACTIVE_OPTIONS: Record<string, string> = {
  'elk.interactiveLayout': 'true',
  'elk.layered.cycleBreaking.strategy': 'INTERACTIVE',
  'elk.layered.layering.strategy': 'INTERACTIVE',
  'elk.layered.crossingMinimization.strategy': 'INTERACTIVE',
  'elk.layered.nodePlacement.strategy': 'INTERACTIVE',
};

/** Lays out `process` as a swimlane diagram. Deterministic: the same input gives the same numbers. */
export async function layoutProcess(project: Project, process: Process, options: LayoutOptions = {}): Promise<Layout> {
  const headerWidth = options.laneHeaderWidth ?? 130;
  const titleHeight = options.titleHeight ?? 44;
  const g = GEOMETRY;
  const { laneOf, lanes: laneList } = assignLanes(project, process);
  const sized = new Map<string, Sized>();
  for (const s of process.steps) if (!sized.has(s.id)) sized.set(s.id, measure(s));
  const ids = [...sized.keys()];
  const edges = edgesOf(process);

  const node = (id: string, pos?: { x: number; y: number }): ElkNode => {
    const s = sized.get(id)!;
    const n: ElkNode = { id, width: s.boxWidth, height: s.boxHeight, ...(pos ?? {}) };
    if (hasExternalLabel(s.step.type)) {
      // Events and gateways: edges meet the shape's left and right corners, not the label under it.
      const cy = s.height / 2;
      n.ports = [
        { id: `${id}::in`, x: s.shapeX - 1, y: cy - 1, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'WEST' } },
        { id: `${id}::out`, x: s.shapeX + s.width, y: cy - 1, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'EAST' } },
      ];
      n.layoutOptions = { 'elk.portConstraints': 'FIXED_POS' };
    }
    return n;
  };
  const end = (id: string, dir: 'in' | 'out') => (hasExternalLabel(sized.get(id)!.step.type) ? `${id}::${dir}` : id);
  const elkEdges = (withLabels: boolean): ElkExtendedEdge[] =>
    edges.map((e, i) => {
      const label = edgeLabel(e.label, e.kind);
      return {
        id: `e${i}`,
        sources: [end(e.from, 'out')],
        targets: [end(e.to, 'in')],
        ...(withLabels && label
          ? { labels: [{ id: `e${i}l`, text: label, width: textWidth(label, g.edgeLabelSize) + 6, height: g.edgeLabelSize + 5 }] }
          : {}),
      };
    });

  const api = await elk();
  // Pass 1: columns.
  const pass1 = await api.layout({ id: 'root', layoutOptions: BASE_OPTIONS, children: ids.map((id) => node(id)), edges: elkEdges(true) });
  const px = new Map<string, { x: number; y: number }>();
  for (const c of pass1.children ?? []) px.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });

  // Lane bands: inside a lane, steps whose columns overlap go on separate sub-rows.
  const laneRows = laneList.map((l) => {
    const members = ids.filter((id) => laneOf.get(id) === l.role).sort((a, b) => px.get(a)!.y - px.get(b)!.y || px.get(a)!.x - px.get(b)!.x);
    const rows: { right: number[]; left: number[]; height: number; ids: string[] }[] = [];
    for (const id of members) {
      const s = sized.get(id)!;
      const x0 = px.get(id)!.x;
      const x1 = x0 + s.boxWidth;
      let row = rows.find((r) => r.ids.every((_, k) => r.right[k]! + 8 <= x0 || x1 + 8 <= r.left[k]!));
      if (!row) {
        row = { right: [], left: [], height: 0, ids: [] };
        rows.push(row);
      }
      row.ids.push(id);
      row.left.push(x0);
      row.right.push(x1);
    }
    for (const r of rows) {
      const shapeH = rowShapeHeight(r.ids, sized);
      r.height = Math.max(...r.ids.map((id) => (shapeH - sized.get(id)!.height) / 2 + sized.get(id)!.boxHeight));
    }
    const labelLines = wrapText(l.label, headerWidth - 24, { bold: true, maxLines: 4 });
    return { ...l, members, rows, minHeight: Math.max(labelLines.length * LINE_HEIGHT + 24, 80) };
  });

  // Extra room per lane: ELK's interactive placement keeps the order of the preset
  // positions but pushes a step down when a routed edge needs the room, so a lane that
  // overflows gets taller and pass 2 runs again (a few rounds at most).
  const extra = laneRows.map(() => 0);
  let lanes: Lane[] = [];
  let preset = new Map<string, { x: number; y: number }>();
  let actual = new Map<string, { x: number; y: number }>();
  let pass2: ElkNode = { id: 'root' };
  let dy = 0;
  let top = titleHeight;
  for (let round = 0; round < 8; round++) {
    lanes = [];
    preset = new Map();
    top = titleHeight;
    laneRows.forEach((l, k) => {
      let y = top + g.lanePad;
      for (const r of l.rows) {
        const shapeH = rowShapeHeight(r.ids, sized);
        for (const id of r.ids) {
          // Shapes of one row share a centre line so that straight flows stay straight.
          preset.set(id, { x: px.get(id)!.x, y: Math.round(y + (shapeH - sized.get(id)!.height) / 2) });
        }
        y += r.height + g.rowGap;
      }
      const used = y - g.rowGap + g.lanePad - top;
      const height = Math.max(used, l.minHeight) + extra[k]!;
      const shift = Math.floor((Math.max(used, l.minHeight) - used) / 2);
      if (shift > 0) for (const id of l.members) preset.get(id)!.y += shift;
      lanes.push({ role: l.role, label: l.label, y: top, height });
      top += height;
    });

    // Pass 2: positions fixed, ELK routes the edges.
    pass2 = await api.layout({
      id: 'root',
      layoutOptions: { ...BASE_OPTIONS, ...INTERACTIVE_OPTIONS },
      children: ids.map((id) => node(id, preset.get(id))),
      edges: elkEdges(true),
    });
    actual = new Map();
    for (const c of pass2.children ?? []) actual.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });
    // ELK moves the drawing as a whole and single steps only downwards: the largest
    // difference is the shift of the whole drawing.
    dy = Math.max(...ids.map((id) => preset.get(id)!.y - actual.get(id)!.y));
    let overflow = false;
    laneRows.forEach((l, k) => {
      const lane = lanes[k]!;
      let bottom = 0;
      for (const id of l.members) bottom = Math.max(bottom, actual.get(id)!.y + dy + sized.get(id)!.boxHeight + g.lanePad / 2);
      if (bottom > lane.y + lane.height) {
        extra[k] = extra[k]! + Math.ceil(bottom - (lane.y + lane.height));
        overflow = true;
      }
    });
    if (!overflow) break;
  }

  const outSteps: LaidOutStep[] = [];
  for (const id of ids) {
    const s = sized.get(id)!;
    const a = actual.get(id)!;
    outSteps.push({
      id,
      x: round(a.x + s.shapeX + headerWidth),
      y: round(a.y + dy),
      width: s.width,
      height: s.height,
      lane: laneOf.get(id)!,
      lines: s.lines,
    });
  }
  const outEdges: LaidOutEdge[] = [];
  let maxX = 0;
  for (const st of outSteps) maxX = Math.max(maxX, st.x + Math.max(st.width, labelBox(st).width));
  (pass2.edges ?? []).forEach((e, i) => {
    const src = edges[i]!;
    const sec = e.sections?.[0];
    const pts = sec ? [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint] : [];
    const points = pts.map((p) => ({ x: round(p.x + headerWidth), y: round(p.y + dy) }));
    for (const p of points) maxX = Math.max(maxX, p.x);
    const label = edgeLabel(src.label, src.kind);
    const l = e.labels?.[0];
    const box = label && l ? { x: round((l.x ?? 0) + headerWidth), y: round((l.y ?? 0) + dy), width: l.width ?? 0, height: l.height ?? 0 } : undefined;
    if (box) maxX = Math.max(maxX, box.x + box.width);
    outEdges.push({ from: src.from, to: src.to, kind: src.kind, ...(label ? { label } : {}), points, ...(box ? { labelBox: box } : {}) });
  });
  return { width: Math.ceil(maxX + 30), height: top + 10, lanes, steps: outSteps, edges: outEdges };
}

function rowShapeHeight(ids: string[], sized: Map<string, Sized>): number {
  return Math.max(...ids.map((id) => sized.get(id)!.height));
}

/** The text written on an edge: exception names, conditions, `else`, SLA breaches. */
export function edgeLabel(label: string | undefined, kind: EdgeKind): string | undefined {
  if (kind === 'next' || kind === 'fork') return undefined;
  if (!label) return undefined;
  return label.length > 40 ? `${label.slice(0, 39)}…` : label;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
