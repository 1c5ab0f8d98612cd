/**
 * Swimlane layout of one process: left to right, one horizontal band per role, orthogonal
 * edges. ELK has no lanes (its `partitioning` orders nodes *along* the flow), and its
 * interactive mode moved steps out of their bands, so ELK only decides each step's column and
 * order; crmflow then stacks the steps into their role's band and routes the edges itself
 * (route.ts), which keeps edges out of step shapes.
 *
 * Lane rule for steps without a role (start, end, decision, parallel, join, wait,
 * subprocess): the lane of the nearest step before it that has a role (following the normal
 * flow first, then exception paths); if there is none (a start), the nearest step after it
 * that has one; else the lane of a neighbour placed by these rules; else the process owner's
 * lane; else a lane named after the process.
 */
import { CrmflowError } from '../model/errors.js';
import { msg } from '../i18n/index.js';
import { ELK_OPTIONS } from './elk-options.js';
import type { EdgeKind } from '../model/graph.js';
import { edgesOf, stepName, stepRole } from '../model/graph.js';
import { approvalNotes, approversOf, isChinese, isMulti } from '../model/approvers.js';
import type { Process, Project, Step } from '../model/types.js';
import { diagramMetrics, properCrossing, properCrossingAt } from './metrics.js';
import type { Box, Dir, RouteRequest } from './route.js';
import { type RouteJob, routeJob } from './route-job.js';
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
  /** The whole label when `label` had to be shortened (drawn as the edge's tooltip). */
  title?: string;
  /** Where the label goes (top-left and size), when the edge has one. */
  labelBox?: { x: number; y: number; width: number; height: number };
}
/**
 * The band of one role: a row across the whole diagram, or with direction `down` a column
 * (then `x` and `width` say where; `y` and `height` span the header and the steps).
 */
export interface Lane {
  role: string;
  label: string;
  y: number;
  height: number;
  x?: number;
  width?: number;
}
/** The whole diagram. */
export interface Layout {
  width: number;
  height: number;
  lanes: Lane[];
  steps: LaidOutStep[];
  edges: LaidOutEdge[];
  /** Set when the flow runs top to bottom in vertical lanes; absent for left to right. */
  direction?: 'down';
}

/** Which way the flow runs: `right` (lanes are rows) or `down` (lanes are columns). */
export type Direction = 'right' | 'down';
export const DIRECTIONS: readonly Direction[] = ['right', 'down'];

/** What a layout reads of the project: role names and outcome names. */
export type LayoutProject = Pick<Project, 'roles'> & { config: Pick<Project['config'], 'outcomes'> };

/** Options of `layoutProcess`. */
export interface LayoutOptions {
  direction?: Direction;
}

/** Height of the title band above the lanes. */
export const TITLE_HEIGHT = 44;

/**
 * Width of the lane header column: 130 px, wider when a single word of a lane label would
 * not fit (a word is never broken), at most 220 px.
 */
export function laneHeaderWidth(labels: string[]): number {
  let widest = 0;
  for (const label of labels) for (const word of label.split(/\s+/)) widest = Math.max(widest, textWidth(word, FONT_SIZE, true));
  return Math.min(220, Math.max(130, Math.ceil(widest) + 24));
}

/** Height of the lane header row of a `down` diagram: the tallest label wrapped to the header width. */
export function laneHeaderHeight(labels: string[]): number {
  const w = laneHeaderWidth(labels);
  const lines = Math.max(1, ...labels.map((l) => wrapText(l, w - 24, { bold: true, maxLines: 4 }).length));
  return lines * LINE_HEIGHT + 20;
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
  /** Room between a gateway's bottom corner and the right end of its label. */
  gatewayLabelGap: 14,
  externalLabelMax: 120,
  lanePad: 18,
  rowGap: 24,
  edgeLabelSize: 11,
  /** Room between two columns for edges and their labels. */
  columnGap: 84,
} as const;

const EXTERNAL_LABEL = new Set<Step['type']>(['start', 'end', 'decision', 'parallel', 'join', 'wait', 'pool']);

/** The multi-instance marker of a step: parallel (∥, all / any), sequential (≡), or none. */
export function multiMarker(step: Step): 'parallel' | 'sequential' | undefined {
  if (step.type !== 'approval') return undefined;
  const a = approversOf(step);
  if (!isMulti(a)) return undefined;
  return a.mode === 'sequence' ? 'sequential' : 'parallel';
}

/**
 * Width of a task's SLA badge (a clock and the limit, on the top edge 6 px from the right
 * corner), 0 when it has none.
 */
export function slaBadgeWidth(step: Step): number {
  const sla = 'sla' in step ? step.sla : undefined;
  return sla ? textWidth(sla.within, 11) + 24 : 0;
}

/** Whether a step's name is written under its shape (events, gateways) rather than inside it. */
export function hasExternalLabel(type: Step['type']): boolean {
  return EXTERNAL_LABEL.has(type);
}

const GATEWAYS = new Set<Step['type']>(['decision', 'parallel', 'join']);

/** Whether a step is drawn as a diamond (its name goes under it, to the left). */
export function isGateway(type: Step['type']): boolean {
  return GATEWAYS.has(type);
}

/**
 * The box a step's outside label takes (events and gateways): centred under an event; under
 * a gateway, to the left of its bottom corner, which stays free for branches going down.
 * When the flow runs down an event's label goes to its right instead, off the flow's way.
 */
export function labelBox(step: LaidOutStep, type?: Step['type'], direction?: Direction): { x: number; y: number; width: number; height: number } {
  const w = Math.max(...step.lines.map((l) => textWidth(l, FONT_SIZE - 1)), 0);
  const h = step.lines.length * (LINE_HEIGHT - 1);
  if (direction === 'down' && !(type && isGateway(type))) return { x: step.x + step.width + GEOMETRY.labelGap, y: step.y + step.height / 2 - h / 2, width: w, height: h };
  const x = type && isGateway(type) ? step.x + step.width / 2 - GEOMETRY.gatewayLabelGap - w : step.x + step.width / 2 - w / 2;
  return { x, y: step.y + step.height + GEOMETRY.labelGap, width: w, height: h };
}

/** Lane of every step, by the rule in the file comment. */
export function assignLanes(project: LayoutProject, process: Process): { laneOf: Map<string, string>; lanes: { role: string; label: string }[] } {
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
    const role = stepRole(s) ?? search(s.id, incoming) ?? search(s.id, outgoing);
    if (role) laneOf.set(s.id, role);
  }
  // A step with no role anywhere around it (e.g. a wait between a fork and a join of
  // role-less steps) joins the lane of its nearest neighbour that has one by now.
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of process.steps) {
      if (laneOf.has(s.id)) continue;
      const near = [...(incoming.get(s.id) ?? []), ...(outgoing.get(s.id) ?? [])].find((n) => laneOf.has(n));
      if (near) {
        laneOf.set(s.id, laneOf.get(near)!);
        changed = true;
      }
    }
  }
  for (const s of process.steps) if (!laneOf.has(s.id)) laneOf.set(s.id, fallback);
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

function roleLabel(project: LayoutProject, process: Process, role: string): string {
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
  shapeY: number;
}

/** `outcomes:` of crmflow.yaml: the names end steps show for their outcome ids. */
type OutcomeNames = Partial<Record<string, { name: string }>>;

function measure(step: Step, chinese: boolean, outcomes: OutcomeNames = {}): Sized {
  const g = GEOMETRY;
  const name = stepName(step);
  if (hasExternalLabel(step.type)) {
    const size = step.type === 'decision' || step.type === 'parallel' || step.type === 'join' ? g.gatewaySize : g.eventSize;
    const lines = wrapText(name, g.externalLabelMax, { size: FONT_SIZE - 1, maxLines: 3 });
    // An end event says how the case ended.
    if (step.type === 'end' && step.outcome) lines.push(...wrapText(`(${outcomes[step.outcome]?.name ?? step.outcome})`, g.externalLabelMax, { size: FONT_SIZE - 1, maxLines: 1 }));
    // A pool says who claims from it and how many each may hold.
    if (step.type === 'pool') lines.push(...wrapText(`(${step.claimedBy}${step.limit !== undefined ? ` ≤ ${step.limit}` : ''})`, g.externalLabelMax, { size: FONT_SIZE - 1, maxLines: 1 }));
    const lw = Math.max(...lines.map((l) => textWidth(l, FONT_SIZE - 1)));
    // A gateway's label hangs to the left of its centre line: the box stays symmetric.
    const half = isGateway(step.type) ? Math.max(size / 2, lw + g.gatewayLabelGap) : Math.max(size, lw) / 2;
    const boxWidth = Math.ceil(2 * half);
    const boxHeight = size + g.labelGap + lines.length * (LINE_HEIGHT - 1);
    return { step, width: size, height: size, lines, boxWidth, boxHeight, shapeX: (boxWidth - size) / 2, shapeY: 0 };
  }
  // A multi-approver step writes its mode and approvers under the name, above a ∥ or ≡ marker.
  const notes = approvalNotes(step, chinese).flatMap((l) => wrapText(l, g.taskMaxText, { size: FONT_SIZE - 2, maxLines: 3 }));
  const lines = [...wrapText(name, g.taskMaxText, { maxLines: 4 }), ...notes];
  const lw = Math.max(...lines.map((l) => textWidth(l)));
  const width = Math.ceil(Math.max(g.taskMinWidth, lw + 2 * g.taskPadX));
  const extra = (step.type === 'subprocess' || multiMarker(step) ? g.markerHeight : 0) + g.badgeHeight;
  const height = Math.max(56, lines.length * LINE_HEIGHT + 2 * g.taskPadY + extra);
  return { step, width, height, lines, boxWidth: width, boxHeight: height, shapeX: 0, shapeY: 0 };
}

/**
 * The sizes of a `down` diagram's step in the frame it is laid out in, where the flow runs
 * right and x and y are swapped at the end: a task's width and height trade places; a
 * gateway's label (under it, left of its bottom corner) comes after it along the flow, an
 * event's (to its right) beside it.
 */
function transposed(s: Sized): Sized {
  const g = GEOMETRY;
  const labelH = s.lines.length * (LINE_HEIGHT - 1);
  if (!hasExternalLabel(s.step.type)) return { ...s, width: s.height, height: s.width, boxWidth: s.boxHeight, boxHeight: s.boxWidth };
  const size = s.width;
  if (isGateway(s.step.type)) return { ...s, boxWidth: size + g.labelGap + labelH, boxHeight: s.boxWidth, shapeX: 0, shapeY: (s.boxWidth - size) / 2 };
  const lw = Math.max(...s.lines.map((l) => textWidth(l, FONT_SIZE - 1)), 0);
  const boxWidth = Math.ceil(Math.max(size, labelH));
  return { ...s, boxWidth, boxHeight: Math.ceil(size + g.labelGap + lw), shapeX: (boxWidth - size) / 2, shapeY: 0 };
}

type ElkNode = import('elkjs/lib/elk-api.js').ElkNode;
type ElkExtendedEdge = import('elkjs/lib/elk-api.js').ElkExtendedEdge;
type ElkApi = import('elkjs/lib/elk-api.js').ELK;

let onThisThread: Promise<ElkApi> | undefined;
const onElkThread = new WeakMap<object, ElkApi>();
async function elk(): Promise<ElkApi> {
  // Loaded on first use: elkjs is large and only render and export need it; elk-load.ts
  // compiles it with V8's code cache. With an ELK thread running (elk-thread.ts), ELK's work
  // goes there and this thread only sends graphs.
  const [{ elkApi, loadElk }, { bridgeTo, elkThread }] = await Promise.all([import('./elk-load.js'), import('./elk-thread.js')]);
  const t = elkThread();
  if (!t) return (onThisThread ??= Promise.resolve(loadElk()));
  let api = onElkThread.get(t);
  if (!api) {
    api = elkApi(() => bridgeTo(t, (e) => msg('render.layoutThreadStopped', { why: e?.message ?? '' })));
    onElkThread.set(t, api);
  }
  return api;
}

/** Bends per edge a diagram may average when routes are picked for fewer crossings. */
const MAX_BENDS_PER_EDGE = 1.8;

/** The most steps one diagram holds (1,000 take about 5 s to lay out on a 2-core machine). */
export const MAX_DIAGRAM_STEPS = 1000;

/** Lays out `process` as a swimlane diagram. Deterministic: the same input gives the same numbers. */
export async function layoutProcess(project: LayoutProject, process: Process, options: LayoutOptions = {}): Promise<Layout> {
  if (process.steps.length > MAX_DIAGRAM_STEPS) {
    // Layout time grows faster than the step count, and nobody reads such a diagram anyway.
    throw new CrmflowError(msg('render.tooManySteps', { id: process.id, n: process.steps.length, max: MAX_DIAGRAM_STEPS }), msg('render.tooManyStepsHint'));
  }
  // A `down` diagram is laid out with the flow running right and its lanes as rows, then
  // turned over its diagonal (x and y swapped); its steps are measured turned so that their
  // text stays horizontal. Here "x" is along the flow and "y" across it in both directions.
  const down = options.direction === 'down';
  const g = GEOMETRY;
  const { laneOf, lanes: laneList } = assignLanes(project, process);
  const labels = laneList.map((l) => l.label);
  const headerWidth = laneHeaderWidth(labels);
  const headerHeight = laneHeaderHeight(labels);
  // Where the lanes start across the flow (under the title band, or at the left edge), and
  // where the steps start along it (after the header column, or the title and header row).
  const titleHeight = down ? 0 : TITLE_HEIGHT;
  const flowStart = down ? TITLE_HEIGHT + headerHeight : headerWidth;
  const sized = new Map<string, Sized>();
  for (const s of process.steps) {
    if (sized.has(s.id)) continue;
    const m = measure(s, isChinese(process.name), project.config.outcomes);
    sized.set(s.id, down ? transposed(m) : m);
  }
  const ids = [...sized.keys()];
  const edges = edgesOf(process);

  const node = (id: string): ElkNode => ({ id, width: sized.get(id)!.boxWidth, height: sized.get(id)!.boxHeight });
  const elkEdges = (): ElkExtendedEdge[] => edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] }));

  const api = await elk();
  // Pass 1: columns.
  const pass1 = await api.layout({ id: 'root', layoutOptions: ELK_OPTIONS, children: ids.map((id) => node(id)), edges: elkEdges() });
  const px = new Map<string, { x: number; y: number }>();
  for (const c of pass1.children ?? []) px.set(c.id, { x: c.x ?? 0, y: c.y ?? 0 });
  // Columns: ELK's layers (steps whose boxes overlap horizontally), packed tightly with a
  // fixed gap; ELK leaves whole layers for edge labels, which crmflow places itself.
  const byX = [...ids].sort((a, b) => px.get(a)!.x - px.get(b)!.x || ids.indexOf(a) - ids.indexOf(b));
  const column = new Map<string, number>();
  const colWidth: number[] = [];
  let colRight = -Infinity;
  for (const id of byX) {
    const x0 = px.get(id)!.x;
    if (x0 >= colRight - 1) colWidth.push(0);
    const c = colWidth.length - 1;
    column.set(id, c);
    colWidth[c] = Math.max(colWidth[c]!, sized.get(id)!.boxWidth);
    colRight = Math.max(x0 >= colRight - 1 ? -Infinity : colRight, x0 + sized.get(id)!.boxWidth);
  }
  // A column whose outgoing edges carry labels (conditions, exceptions) gets a wider gap
  // after it, so that the label fits next to the step it belongs to.
  const gap = colWidth.map(() => g.columnGap as number);
  for (const e of edges) {
    const label = edgeLabel(e.name ?? e.label, e.kind);
    const c = column.get(e.from);
    // Down, a label sits beside the vertical piece between two rows: the usual gap holds it.
    if (down || !label || c === undefined || c >= gap.length - 1 || (column.get(e.to) ?? 0) <= c) continue;
    gap[c] = Math.max(gap[c]!, Math.min(260, Math.ceil(textWidth(label, g.edgeLabelSize)) + 44));
  }
  const colX: number[] = [];
  let cx = 20;
  colWidth.forEach((w, c) => {
    colX.push(cx);
    cx += w + gap[c]!;
  });
  for (const id of ids) {
    const c = column.get(id)!;
    px.set(id, { x: Math.round(colX[c]! + (colWidth[c]! - sized.get(id)!.boxWidth) / 2), y: px.get(id)!.y });
  }

  // Lane bands: inside a lane, steps whose columns overlap go on separate sub-rows.
  const laneRows = laneList.map((l) => {
    const members = ids.filter((id) => laneOf.get(id) === l.role).sort((a, b) => px.get(a)!.y - px.get(b)!.y || px.get(a)!.x - px.get(b)!.x);
    const rows: { right: number[]; left: number[]; height: number; ids: string[] }[] = [];
    for (const id of members) {
      const s = sized.get(id)!;
      const x0 = px.get(id)!.x;
      const x1 = x0 + s.boxWidth;
      let row = rows.find((r) => r.ids.every((other) => column.get(other) !== column.get(id) && (r.right[r.ids.indexOf(other)]! + 8 <= x0 || x1 + 8 <= r.left[r.ids.indexOf(other)]!)));
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
      r.height = Math.max(...r.ids.map((id) => (shapeH - sized.get(id)!.height) / 2 - sized.get(id)!.shapeY + sized.get(id)!.boxHeight));
    }
    const labelLines = wrapText(l.label, headerWidth - 24, { bold: true, maxLines: 4 });
    return { ...l, members, rows, minHeight: down ? headerWidth : Math.max(labelLines.length * LINE_HEIGHT + 24, 80) };
  });

  // Steps by number and, per lane row, how far each shape sits below the row's top (its centre
  // on the row's centre line): the same in every lane order, so worked out once per lane (a lane
  // with its sub-rows upside down is another lane object).
  const stepNo = new Map(ids.map((id, k) => [id, k]));
  const laneShapes = new Map<(typeof laneRows)[number], { rows: { height: number; steps: number[]; below: number[] }[]; members: number[] }>();
  const shapesOf = (l: (typeof laneRows)[number]) => {
    let shapes = laneShapes.get(l);
    if (!shapes) {
      shapes = {
        rows: l.rows.map((r) => {
          const shapeH = rowShapeHeight(r.ids, sized);
          return { height: r.height, steps: r.ids.map((id) => stepNo.get(id)!), below: r.ids.map((id) => (shapeH - sized.get(id)!.height) / 2) };
        }),
        members: l.members.map((id) => stepNo.get(id)!),
      };
      laneShapes.set(l, shapes);
    }
    return shapes;
  };
  /**
   * Stacks the lanes in `order`: writes each step's y into `ys` (by step number), pushes each
   * lane's band onto `lanes` when given, and returns where the last lane ends. orderLanes calls
   * it for every lane order, with no `lanes`: then it allocates nothing once each lane is known.
   */
  const stackYs = (order: typeof laneRows, ys: Float64Array, lanes?: Lane[]): number => {
    let top = titleHeight;
    for (const l of order) {
      const { rows, members } = shapesOf(l);
      let y = top + g.lanePad;
      for (const r of rows) {
        // Shapes of one row share a centre line so that straight flows stay straight.
        for (let k = 0; k < r.steps.length; k++) ys[r.steps[k]!] = Math.round(y + r.below[k]!);
        y += r.height + g.rowGap;
      }
      const used = y - g.rowGap + g.lanePad - top;
      const height = Math.max(used, l.minHeight);
      const shift = Math.floor((height - used) / 2);
      if (shift > 0) for (const m of members) ys[m]! += shift;
      lanes?.push({ role: l.role, label: l.label, y: top, height });
      top += height;
    }
    return top;
  };
  const stack = (order: typeof laneRows) => {
    const lanes: Lane[] = [];
    const ys = new Float64Array(ids.length);
    const top = stackYs(order, ys, lanes);
    return { lanes, ys, top };
  };
  // Diagrams of up to 40 edges (people's processes; the examples have at most 37) get every
  // candidate arrangement, the exact reroute and the swapped ends; bigger ones, where each
  // routing costs much more, route as before (a 40-step diagram took 1.6 s more CPU).
  const thorough = edges.length <= 40;
  // Each of the few lane orders with the fewest straight-line crossings is routed in full, and
  // the one whose routed edges cross least wins: straight lines between centres are only a guess.
  const arrange = async (order: typeof laneRows) => {
    const { lanes, ys, top } = stack(order);

    const steps: LaidOutStep[] = ids.map((id, k) => {
      const s = sized.get(id)!;
      return { id, x: Math.round(px.get(id)!.x + s.shapeX + flowStart), y: ys[k]!, width: s.width, height: s.height, lane: laneOf.get(id)!, lines: s.lines };
    });
    const byId = new Map(steps.map((s) => [s.id, s]));
    const obstacles: Box[] = [];
    for (const st of steps) {
      obstacles.push({ x: st.x, y: st.y, width: st.width, height: st.height });
      const type = sized.get(st.id)!.step.type;
      if (hasExternalLabel(type)) obstacles.push(down ? flip(labelBox(flip(st), type, 'down')) : labelBox(st, type));
    }

    // Ports: edges leave a task on its right side and enter on its left, spread out by where
    // the other end is; events and gateways use their corners (a branch going up leaves at the top).
    const outOf = new Map<string, number[]>();
    const into = new Map<string, number[]>();
    edges.forEach((e, i) => {
      (outOf.get(e.from) ?? outOf.set(e.from, []).get(e.from)!).push(i);
      (into.get(e.to) ?? into.set(e.to, []).get(e.to)!).push(i);
    });
    const cy = (id: string) => byId.get(id)!.y + byId.get(id)!.height / 2;
    // Where on a task's side edge `i` of `list` (sorted by the other end's height) meets it:
    // the edge to a step on the same line takes the middle, the others spread above and below.
    // Ends go no further down the side than `limit`.
    const portY = (st: LaidOutStep, list: number[], i: number, other: (j: number) => string, limit = st.y + st.height): number => {
      const mid = st.y + st.height / 2;
      const aligned = list.findIndex((j) => Math.abs(cy(other(j)) - mid) < 2);
      const k = list.indexOf(i);
      if (aligned < 0) return Math.round(st.y + ((limit - st.y) * (k + 1)) / (list.length + 1));
      if (k === aligned) return Math.round(mid);
      const above = aligned;
      const below = list.length - aligned - 1;
      if (k < aligned) return Math.round(st.y + ((mid - st.y) * (k + 1)) / (above + 1));
      return Math.round(mid + ((limit - mid) * (k - aligned)) / (below + 1));
    };
    // Down, a task's entry side is its top, where the SLA badge sits at the right: ends stay
    // left of the badge with 12 px to spare (else an edge would touch it), and past the
    // middle, where the main flow comes in, when the badge is very wide.
    const entryLimit = (st: LaidOutStep): number => {
      const badge = down ? slaBadgeWidth(sized.get(st.id)!.step) : 0;
      return badge ? Math.max(st.y + st.height / 2 + 12, st.y + st.height - badge - 6 - 12) : st.y + st.height;
    };
    // An event or gateway sends edges up from its top corner and (gateways) down from its
    // bottom corner, one edge per corner: the farthest target, so that the edges leaving on
    // the right towards nearer ones turn inside it instead of crossing it.
    const corner = new Map<number, Dir>();
    for (const [id, list] of outOf) {
      const st = byId.get(id)!;
      const type = sized.get(id)!.step.type;
      if (!hasExternalLabel(type)) continue;
      const up = list.filter((i) => edges[i]!.to !== id && cy(edges[i]!.to) < st.y - 4);
      const down = isGateway(type) ? list.filter((i) => edges[i]!.to !== id && cy(edges[i]!.to) > st.y + st.height + 4) : [];
      // Targets about as far (within 40 px) count as level: then the nearer one along the flow.
      const far = (k: number) => Math.round(Math.abs(cy(edges[k]!.to) - cy(id)) / 40);
      const farthest = (c: number[]) =>
        [...c].sort((a, b) => far(b) - far(a) || byId.get(edges[a]!.to)!.x - byId.get(edges[b]!.to)!.x || a - b)[0];
      const u = farthest(up);
      const d = farthest(down);
      if (u !== undefined) corner.set(u, 3);
      if (d !== undefined) corner.set(d, 2);
      // A skip along the same row (three columns or more) leaves over the top when that corner
      // is free: it runs above the row instead of through every step and edge in between.
      if (u === undefined) {
        const skip = list.filter((i) => Math.abs(cy(edges[i]!.to) - cy(id)) < 4 && column.get(edges[i]!.to)! - column.get(id)! >= 3).sort((a, b) => column.get(edges[b]!.to)! - column.get(edges[a]!.to)! || a - b)[0];
        if (skip !== undefined) corner.set(skip, 3);
      }
    }
    // Several edges into one event or gateway: the nearest from above comes in at the top
    // corner and (gateways) the nearest from below at the bottom corner, when those are free.
    const entry = new Map<number, Dir>();
    for (const [id, list] of into) {
      const st = byId.get(id)!;
      const type = sized.get(id)!.step.type;
      if (!hasExternalLabel(type) || list.length < 2) continue;
      const usedOut = new Set((outOf.get(id) ?? []).map((i) => corner.get(i)));
      const nearest = (c: number[]) =>
        [...c].sort((a, b) => Math.abs(cy(edges[a]!.from) - cy(id)) - Math.abs(cy(edges[b]!.from) - cy(id)) || a - b)[0];
      const above = list.filter((i) => edges[i]!.from !== id && cy(edges[i]!.from) < st.y - 4);
      const below = isGateway(type) ? list.filter((i) => edges[i]!.from !== id && cy(edges[i]!.from) > st.y + st.height + 4) : [];
      const a = usedOut.has(3) ? undefined : nearest(above);
      const b = usedOut.has(2) ? undefined : nearest(below);
      if (a !== undefined) entry.set(a, 2);
      if (b !== undefined) entry.set(b, 3);
    }
    // Where edge `i` of `list` meets the east (or west) side of an event or gateway: the corner
    // when it is alone there, else points spread a few px apart on the side of its box, so that
    // no two edges share an end (and none reaches into the box).
    const outlinePort = (st: LaidOutStep, list: number[], i: number, east: boolean): { x: number; y: number } => {
      const half = st.height / 2;
      const step = list.length > 1 ? Math.min(8, (half * 1.4) / (list.length - 1)) : 0;
      const dy = Math.round((list.indexOf(i) - (list.length - 1) / 2) * step);
      return { x: east ? st.x + st.width : st.x, y: Math.round(st.y + half + dy) };
    };
    // Edges going back (to a column at or before their source's) leave a task through its top
    // or bottom, towards the other end, and enter the target the same way: the loop then runs
    // in the room between rows instead of around the whole diagram. Keys: 2i = the edge's
    // start, 2i + 1 = its end; values: 3 = up (top side), 2 = down (bottom side).
    const taskSide = new Map<number, Dir>();
    const isTask = (id: string) => !hasExternalLabel(sized.get(id)!.step.type);
    edges.forEach((e, i) => {
      if (e.from === e.to || column.get(e.to)! > column.get(e.from)!) return;
      const up = cy(e.to) < cy(e.from) - 2;
      if (isTask(e.from) && !corner.has(i)) taskSide.set(i * 2, up ? 3 : 2);
      if (isTask(e.to) && !entry.has(i)) taskSide.set(i * 2 + 1, up ? 3 : 2);
    });
    // x of an end on a task's top or bottom side: ends on one side spread out, ordered by the
    // other end's x; on top only the left part, clear of the SLA badge.
    const topBottomX = (st: LaidOutStep, key: number, dir: Dir): number => {
      const own = (k: number) => (k % 2 === 0 ? edges[k >> 1]!.from : edges[k >> 1]!.to);
      const otherX = (k: number) => byId.get(k % 2 === 0 ? edges[k >> 1]!.to : edges[k >> 1]!.from)!.x;
      // A start leaving up and an end arriving down both sit on the top side.
      const onTop = (k: number, d: Dir) => (k % 2 === 0 ? d === 3 : d === 2);
      const upper = onTop(key, dir);
      const list = [...taskSide].filter(([k, d]) => onTop(k, d) === upper && own(k) === st.id).map(([k]) => k).sort((a, b) => otherX(a) - otherX(b) || a - b);
      const span = upper ? st.width * 0.55 : st.width;
      return Math.round(st.x + (span * (list.indexOf(key) + 1)) / (list.length + 1));
    };
    // Order of the ends on one side, top to bottom, so that the edges nest instead of crossing:
    // by the other end's height; at one height, leaving towards steps below, the farther target
    // takes the higher end (it turns down later), towards steps above the nearer one; arriving
    // from above, the nearer source takes the higher end, from below the farther one.
    const byTarget = (id: string) => (a: number, b: number) => {
      const ta = edges[a]!.to;
      const tb = edges[b]!.to;
      const dx = byId.get(ta)!.x - byId.get(tb)!.x;
      return cy(ta) - cy(tb) || (cy(ta) >= cy(id) ? -dx : dx) || a - b;
    };
    const bySource = (id: string) => (a: number, b: number) => {
      const fa = edges[a]!.from;
      const fb = edges[b]!.from;
      const dx = byId.get(fa)!.x - byId.get(fb)!.x;
      return cy(fa) - cy(fb) || (cy(fa) <= cy(id) ? -dx : dx) || a - b;
    };
    const requests: RouteRequest[] = edges.map((e, i) => {
      const s = byId.get(e.from)!;
      const t = byId.get(e.to)!;
      let start: { x: number; y: number };
      let startDir: Dir = corner.get(i) ?? 0;
      const sourceIsTask = !hasExternalLabel(sized.get(s.id)!.step.type);
      if (!sourceIsTask) {
        if (startDir === 3) start = { x: s.x + s.width / 2, y: s.y };
        else if (startDir === 2) start = { x: s.x + s.width / 2, y: s.y + s.height };
        else {
          const list = outOf.get(s.id)!.filter((j) => !corner.has(j)).sort(byTarget(s.id));
          start = outlinePort(s, list, i, true);
        }
      } else if (taskSide.has(i * 2)) {
        startDir = taskSide.get(i * 2)!;
        start = { x: topBottomX(s, i * 2, startDir), y: startDir === 3 ? s.y : s.y + s.height };
      } else {
        const list = outOf.get(s.id)!.filter((j) => !taskSide.has(j * 2)).sort(byTarget(s.id));
        start = { x: s.x + s.width, y: portY(s, list, i, (j) => edges[j]!.to) };
      }
      let end: { x: number; y: number };
      let endDir: Dir = entry.get(i) ?? 0;
      const targetIsTask = !hasExternalLabel(sized.get(t.id)!.step.type);
      if (targetIsTask && taskSide.has(i * 2 + 1)) {
        endDir = taskSide.get(i * 2 + 1)!;
        end = { x: topBottomX(t, i * 2 + 1, endDir), y: endDir === 2 ? t.y : t.y + t.height };
      } else if (endDir === 2) end = { x: t.x + t.width / 2, y: t.y };
      else if (endDir === 3) end = { x: t.x + t.width / 2, y: t.y + t.height };
      else if (!targetIsTask) {
        const list = into.get(t.id)!.filter((j) => !entry.has(j)).sort(bySource(t.id));
        end = outlinePort(t, list, i, false);
      } else {
        const list = into.get(t.id)!.filter((j) => !taskSide.has(j * 2 + 1)).sort(bySource(t.id));
        end = { x: t.x, y: portY(t, list, i, (j) => edges[j]!.from, entryLimit(t)) };
      }
      // Ends a pixel or two apart would make a tiny jog: line them up on the side that can move.
      if (startDir === 0 && endDir === 0 && start.y !== end.y && Math.abs(start.y - end.y) <= 3) {
        if (targetIsTask) end = { x: end.x, y: start.y };
        else if (sourceIsTask) start = { x: start.x, y: end.y };
      }
      return { start, startDir, end, endDir, source: e.from, target: e.to };
    });
    // A task's end a few px off the straight line to its partner moves onto it, unless that
    // would bring it near another end on the same side (ends stay distinct).
    requests.forEach((q, i) => {
      if (q.startDir !== 0 || q.endDir !== 0 || q.start.y === q.end.y || Math.abs(q.start.y - q.end.y) > 8) return;
      const free = (id: string, y: number, mine: (j: number) => { x: number; y: number }, list: number[], limit = Infinity) => {
        const st = byId.get(id)!;
        return isTask(id) && y > st.y + 4 && y < Math.min(limit, st.y + st.height - 4) && list.every((j) => j === i || Math.abs(mine(j).y - y) >= 6 || mine(j).x !== mine(i).x);
      };
      const e = edges[i]!;
      if (free(e.from, q.end.y, (j) => requests[j]!.start, outOf.get(e.from)!)) q.start = { x: q.start.x, y: q.end.y };
      else if (free(e.to, q.start.y, (j) => requests[j]!.end, into.get(e.to)!, entryLimit(byId.get(e.to)!))) q.end = { x: q.end.x, y: q.start.y };
    });
    // Route the main flow first so that it gets the straightest paths.
    // Route in a few orders (main flow first; short edges first; long edges first) and keep
    // the result with the fewest crossings, then the fewest bends: which order is best depends
    // on the process, and routing is cheap next to everything else.
    const span = (i: number) => Math.abs(requests[i]!.start.x - requests[i]!.end.x) + Math.abs(requests[i]!.start.y - requests[i]!.end.y);
    const orders = [
      (a: number, b: number) => rank(edges[a]!.kind) - rank(edges[b]!.kind) || a - b,
      (a: number, b: number) => span(a) - span(b) || a - b,
      (a: number, b: number) => span(b) - span(a) || a - b,
    ];
    let points: { x: number; y: number }[][] = [];
    let bestScore = Infinity;
    const routing = ({ bendCost, compare }: (typeof tries)[number]) => {
      const order = edges.map((_, i) => i).sort(compare);
      const job: RouteJob = { obstacles, requests: order.map((i) => requests[i]!), options: { minY: titleHeight + 2, maxY: top - 2, bendCost, repair: thorough } };
      return { order, job };
    };
    const scored = (order: number[], routed: { x: number; y: number }[][]) => {
      const candidate: { x: number; y: number }[][] = [];
      order.forEach((i, k) => (candidate[i] = routed[k]!));
      const m = diagramMetrics({ width: 0, height: 0, lanes: [], steps: [], edges: candidate.map((pts) => ({ from: '', to: '', kind: 'next', points: pts })) });
      // Fewer crossings are worth a few more bends, up to 1.8 bends per edge on average: past
      // that the lines zigzag, which reads worse than a crossing.
      const zigzag = m.bendsPerEdge > MAX_BENDS_PER_EDGE ? 1e6 : 0;
      return { candidate, score: zigzag + m.crossings * 1000 + m.overlaps * 1000 + m.bendsPerEdge * edges.length };
    };
    const routeAll = (t: (typeof tries)[number]) => {
      const { order, job } = routing(t);
      return scored(order, routeJob(job));
    };
    // Each order also with bends costing more (120 px instead of 80): fewer bends often means
    // fewer crossings too (the example's complaint-handling: 5 → 3, opportunity-stages: 15 → 14).
    const tries = [80, 120].flatMap((bendCost) => orders.map((compare) => ({ bendCost, compare })));
    let bestTry = tries[0]!;
    // The tries are independent: when a render shares routing with its ELK thread (several
    // diagrams), half of them are routed there meanwhile.
    const jobs = tries.map(routing);
    const routed = await (await import('./elk-thread.js')).routeMany(jobs.map((j) => j.job));
    tries.forEach((t, k) => {
      const { candidate, score } = scored(jobs[k]!.order, routed[k]!);
      if (score < bestScore) {
        bestScore = score;
        points = candidate;
        bestTry = t;
      }
    });
    // Two edges on one side of one step that still cross: their ends swapped and every edge
    // routed again (the router swaps such ends too, but rerouting only the two of them misses
    // some). A few tries at most, on the chosen arrangement only: each is a whole routing.
    const untangle = () => {
      const crossing = (a: { x: number; y: number }[], b: { x: number; y: number }[]) =>
        a.some((p, k) => k > 0 && b.some((q, l) => l > 0 && properCrossing(a[k - 1]!, p, b[l - 1]!, q)));
      let attempts = 0;
      const maxAttempts = thorough ? 6 : 0;
      for (let i = 0; i < edges.length && attempts < maxAttempts; i++)
        for (let j = i + 1; j < edges.length && attempts < maxAttempts; j++) {
          const qi = requests[i]!;
          const qj = requests[j]!;
          const starts = edges[i]!.from === edges[j]!.from && qi.startDir === qj.startDir && (qi.startDir < 2 ? qi.start.x === qj.start.x : qi.start.y === qj.start.y);
          const ends = edges[i]!.to === edges[j]!.to && qi.endDir === qj.endDir && (qi.endDir < 2 ? qi.end.x === qj.end.x : qi.end.y === qj.end.y);
          if ((!starts && !ends) || !crossing(points[i]!, points[j]!)) continue;
          attempts++;
          const swap = () => {
            if (starts) [qi.start, qj.start] = [qj.start, qi.start];
            if (ends) [qi.end, qj.end] = [qj.end, qi.end];
          };
          swap();
          const { candidate, score } = routeAll(bestTry);
          if (score < bestScore) {
            bestScore = score;
            points = candidate;
          } else swap();
        }
      return points;
    };
    return { lanes, top, steps, obstacles, points, score: bestScore, untangle };
  };
  let best: Awaited<ReturnType<typeof arrange>> | undefined;
  let bestOrder = laneRows;
  const centres = {
    x: ids.map((id) => px.get(id)!.x + sized.get(id)!.boxWidth / 2),
    dy: ids.map((id) => sized.get(id)!.height / 2),
  };
  const byStepNo = edges.map((e) => ({ from: stepNo.get(e.from)!, to: stepNo.get(e.to)! }));
  for (const order of orderLanes(laneRows, byStepNo, (order, ys) => void stackYs(order, ys), centres, thorough ? 3 : 1)) {
    const candidate = await arrange(order);
    if (!best || candidate.score < best.score) {
      best = candidate;
      bestOrder = order;
    }
  }
  // Then, lane by lane, the sub-rows of a lane turned upside down, kept when that routes better.
  for (let k = 0; k < bestOrder.length; k++) {
    if (bestOrder[k]!.rows.length < 2) continue;
    const order = bestOrder.map((l, j) => (j === k ? { ...l, rows: [...l.rows].reverse() } : l));
    const candidate = await arrange(order);
    if (candidate.score < best!.score) {
      best = candidate;
      bestOrder = order;
    }
  }
  const { lanes, top, steps, obstacles } = best!;
  let points = best!.untangle();

  if (down) {
    points = points.map((pts) => pts.map((p) => ({ x: p.y, y: p.x })));
    steps.forEach((st, k) => (steps[k] = flip(st)));
    obstacles.forEach((o, k) => (obstacles[k] = flip(o)));
  }
  // Labels stay under the title band, and under the lane headers of a `down` diagram.
  const labelTop = down ? TITLE_HEIGHT + headerHeight : titleHeight;

  // Edge labels: above the first horizontal piece long enough that hits no step and no other label.
  const taken: Box[] = [...obstacles];
  const outEdges: LaidOutEdge[] = edges.map((e, i) => {
    const full = e.name ?? e.label;
    const label = edgeLabel(full, e.kind);
    const pts = points[i]!;
    // The tooltip holds what the label shortens: the full text, in the reader's words.
    const title = label && full && label !== full ? full : undefined;
    const base: LaidOutEdge = { from: e.from, to: e.to, kind: e.kind, ...(label ? { label } : {}), ...(title ? { title } : {}), points: pts };
    if (!label) return base;
    const w = Math.ceil(textWidth(label, g.edgeLabelSize)) + 6;
    const h = g.edgeLabelSize + 5;
    const candidates: Box[] = [];
    for (let k = 0; k + 1 < pts.length; k++) {
      const a = pts[k]!;
      const b = pts[k + 1]!;
      if (a.y === b.y) {
        const x0 = Math.min(a.x, b.x);
        const x1 = Math.max(a.x, b.x);
        const from = a.x < b.x ? x0 + 4 : x1 - 4 - w;
        candidates.push({ x: from, y: a.y - h - 1, width: w, height: h }, { x: from, y: a.y + 1, width: w, height: h });
        // Further along the piece, in steps, above then below the line.
        for (let off = 24; off + w + 8 <= x1 - x0; off += 24) {
          const x = a.x < b.x ? x0 + 4 + off : x1 - 4 - w - off;
          candidates.push({ x, y: a.y - h - 1, width: w, height: h }, { x, y: a.y + 1, width: w, height: h });
        }
      } else {
        const y0 = Math.min(a.y, b.y);
        const y1 = Math.max(a.y, b.y);
        if (y1 - y0 > h + 4) candidates.push({ x: a.x + 3, y: (y0 + y1) / 2 - h / 2, width: w, height: h }, { x: a.x - 3 - w, y: (y0 + y1) / 2 - h / 2, width: w, height: h });
      }
    }
    const crossesOther = (c: Box) =>
      points.some((other, j) => j !== i && other.some((p, k) => k > 0 && overlaps(c, segmentBox(other[k - 1]!, p))));
    const ok = (c: Box) => !taken.some((o) => overlaps(c, o)) && c.y > labelTop;
    const free = candidates.find((c) => ok(c) && !crossesOther(c)) ?? candidates.find(ok) ?? candidates[0];
    if (!free) return base;
    const box = { x: Math.round(free.x), y: Math.round(free.y), width: w, height: h };
    taken.push(box);
    return { ...base, labelBox: box };
  });

  let maxX = 0;
  let maxY = 0;
  for (const o of taken) {
    maxX = Math.max(maxX, o.x + o.width);
    maxY = Math.max(maxY, o.y + o.height);
  }
  for (const e of outEdges)
    for (const p of e.points) {
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
    }
  if (!down) return { width: Math.ceil(maxX + 24), height: top + 8, lanes, steps, edges: outEdges };
  // Down: the lanes become columns under the title band; the last one reaches the right edge.
  const width = Math.max(top, Math.ceil(maxX + 8));
  const height = Math.ceil(maxY + 24);
  const columns: Lane[] = lanes.map((l, k) => ({ role: l.role, label: l.label, y: TITLE_HEIGHT, height: height - TITLE_HEIGHT, x: l.y, width: k === lanes.length - 1 ? width - l.y : l.height }));
  return { width, height, lanes: columns, steps, edges: outEdges, direction: 'down' };
}

/**
 * The lane orders with the fewest crossings of straight lines between connected steps (ties:
 * shorter vertical distance, then the order of first appearance), best first, tried
 * exhaustively for up to 6 lanes; more lanes keep the order of first appearance. Steps are
 * numbers here: `stackYs` writes their y for a lane order, `centres` has their centre's x
 * (the same in every order) and half their height.
 */
function orderLanes<L>(
  lanes: L[],
  edges: { from: number; to: number }[],
  stackYs: (order: L[], ys: Float64Array) => void,
  centres: { x: number[]; dy: number[] },
  count: number,
): L[][] {
  if (lanes.length < 3 || lanes.length > 6) return [lanes];
  const segs = edges.filter((e) => e.from !== e.to);
  const ys = new Float64Array(centres.x.length);
  // Two lines can only cross where their x ranges meet, and x is the same in every order: only
  // those pairs are tested (a 40-step diagram: a quarter of them). This runs for 120 lane orders
  // (five lanes) or 720 (six) before V8 has optimized anything, hence the flat arrays.
  const x0 = segs.map((e) => centres.x[e.from]!);
  const x1 = segs.map((e) => centres.x[e.to]!);
  const pairs: number[] = [];
  for (let i = 0; i < segs.length; i++)
    for (let j = i + 1; j < segs.length; j++)
      if (Math.max(Math.min(x0[i]!, x1[i]!), Math.min(x0[j]!, x1[j]!)) <= Math.min(Math.max(x0[i]!, x1[i]!), Math.max(x0[j]!, x1[j]!))) pairs.push(i, j);
  const y0 = new Float64Array(segs.length);
  const y1 = new Float64Array(segs.length);
  const score = (order: L[]): number => {
    stackYs(order, ys);
    let span = 0;
    for (let i = 0; i < segs.length; i++) {
      y0[i] = ys[segs[i]!.from]! + centres.dy[segs[i]!.from]!;
      y1[i] = ys[segs[i]!.to]! + centres.dy[segs[i]!.to]!;
      span += Math.abs(y0[i]! - y1[i]!);
    }
    let crossings = 0;
    for (let k = 0; k < pairs.length; k += 2) {
      const i = pairs[k]!;
      const j = pairs[k + 1]!;
      // Nor can lines whose y ranges do not meet: most pairs stop here. (Comparisons, not
      // Math.min and max: each call costs in V8's interpreter.)
      const a0 = y0[i]!;
      const a1 = y1[i]!;
      const b0 = y0[j]!;
      const b1 = y1[j]!;
      if ((b0 < b1 ? b0 : b1) > (a0 < a1 ? a1 : a0) || (a0 < a1 ? a0 : a1) > (b0 < b1 ? b1 : b0)) continue;
      if (properCrossingAt(x0[i]!, a0, x1[i]!, a1, x0[j]!, b0, x1[j]!, b1)) crossings++;
    }
    return crossings * 1e6 + span;
  };
  // Permutations come in lexicographic order, the order of first appearance first: ties keep it.
  const all: { order: L[]; score: number }[] = [];
  const permute = (done: L[], rest: L[]) => {
    if (!rest.length) return void all.push({ order: done, score: score(done) });
    rest.forEach((l, k) => permute([...done, l], [...rest.slice(0, k), ...rest.slice(k + 1)]));
  };
  permute([], lanes);
  return all
    .map((o, k) => ({ ...o, k }))
    .sort((a, b) => a.score - b.score || a.k - b.k)
    .slice(0, count)
    .map((o) => o.order);
}

function rank(kind: EdgeKind): number {
  return kind === 'next' || kind === 'fork' ? 0 : kind === 'branch' || kind === 'else' ? 1 : 2;
}

function segmentBox(a: { x: number; y: number }, b: { x: number; y: number }): Box {
  return { x: Math.min(a.x, b.x) - 1, y: Math.min(a.y, b.y) - 1, width: Math.abs(a.x - b.x) + 2, height: Math.abs(a.y - b.y) + 2 };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Twice the distance from the top of a row to the centre line its shapes share. */
function rowShapeHeight(ids: string[], sized: Map<string, Sized>): number {
  return Math.max(...ids.map((id) => 2 * sized.get(id)!.shapeY + sized.get(id)!.height));
}

/** A box or step mirrored over the diagonal (x and y swapped): how a `down` diagram is made. */
function flip<B extends { x: number; y: number; width: number; height: number }>(b: B): B {
  return { ...b, x: b.y, y: b.x, width: b.height, height: b.width };
}

/** The text written on an edge: exception names, conditions, `else`, SLA breaches. */
export function edgeLabel(label: string | undefined, kind: EdgeKind): string | undefined {
  if (kind === 'next' || kind === 'fork') return undefined;
  if (!label) return undefined;
  const chars = [...label];
  return chars.length > EDGE_LABEL_MAX ? `${chars.slice(0, EDGE_LABEL_MAX - 1).join('').trimEnd()}…` : label;
}

/** Longest edge label drawn in full, in characters; a longer one is cut, its whole text a tooltip. */
export const EDGE_LABEL_MAX = 28;

