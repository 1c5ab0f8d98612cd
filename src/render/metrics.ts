/**
 * How readable a laid-out diagram is, in numbers people can compare between versions:
 * edge crossings, bends per edge, size, stretches where two edges run on top of each other
 * and how far each edge label sits from its edge. `render --json` prints them.
 */
import type { Layout } from './layout.js';

export interface DiagramMetrics {
  /** Proper crossings between segments of two different edges (touching ends do not count). */
  crossings: number;
  /** Bends (interior polyline points) per edge, rounded to 2 decimals. */
  bendsPerEdge: number;
  width: number;
  height: number;
  /** Pairs of segments of two different edges that share a stretch longer than 1 px. */
  overlaps: number;
  /** The largest distance from an edge label's box to its own edge, px (0 when no labels). */
  labelDistance: number;
}

type Pt = { x: number; y: number };
type Seg = { edge: number; a: Pt; b: Pt };

function segments(layout: Layout): Seg[] {
  const out: Seg[] = [];
  layout.edges.forEach((e, edge) => {
    for (let k = 1; k < e.points.length; k++) out.push({ edge, a: e.points[k - 1]!, b: e.points[k]! });
  });
  return out;
}

const horizontal = (s: Seg) => s.a.y === s.b.y;

/** Whether two segments cross at a point inside both (orthogonal or not). */
export function properCrossing(p: Pt, q: Pt, r: Pt, s: Pt): boolean {
  return properCrossingAt(p.x, p.y, q.x, q.y, r.x, r.y, s.x, s.y);
}

/** properCrossing of segments pq and rs given as numbers, for loops that must not allocate. */
export function properCrossingAt(px: number, py: number, qx: number, qy: number, rx: number, ry: number, sx: number, sy: number): boolean {
  // (a - o) × (b - o): its sign says on which side of the line through o and a the point b is.
  const d1 = (sx - rx) * (py - ry) - (sy - ry) * (px - rx);
  const d2 = (sx - rx) * (qy - ry) - (sy - ry) * (qx - rx);
  const d3 = (qx - px) * (ry - py) - (qy - py) * (rx - px);
  const d4 = (qx - px) * (sy - py) - (qy - py) * (sx - px);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Length two collinear axis-parallel segments share (0 when not collinear). */
function sharedLength(s: Seg, t: Seg): number {
  if (horizontal(s) && horizontal(t) && s.a.y === t.a.y) {
    const lo = Math.max(Math.min(s.a.x, s.b.x), Math.min(t.a.x, t.b.x));
    const hi = Math.min(Math.max(s.a.x, s.b.x), Math.max(t.a.x, t.b.x));
    return hi - lo;
  }
  if (!horizontal(s) && !horizontal(t) && s.a.x === t.a.x) {
    const lo = Math.max(Math.min(s.a.y, s.b.y), Math.min(t.a.y, t.b.y));
    const hi = Math.min(Math.max(s.a.y, s.b.y), Math.max(t.a.y, t.b.y));
    return hi - lo;
  }
  return 0;
}

/** Distance from a box to a segment (0 when they touch). */
function boxSegmentDistance(b: { x: number; y: number; width: number; height: number }, a: Pt, c: Pt): number {
  // Axis-parallel segment: clamp in the segment's own direction, then measure box distance.
  const x0 = Math.min(a.x, c.x);
  const x1 = Math.max(a.x, c.x);
  const y0 = Math.min(a.y, c.y);
  const y1 = Math.max(a.y, c.y);
  const dx = Math.max(0, b.x - x1, x0 - (b.x + b.width));
  const dy = Math.max(0, b.y - y1, y0 - (b.y + b.height));
  return Math.hypot(dx, dy);
}

/** The readability figures of one laid-out diagram. */
export function diagramMetrics(layout: Layout): DiagramMetrics {
  // Two segments can only cross or overlap where their boxes meet: sorted by left end, each
  // is compared with those that start before it ends (layout scores a dozen candidates).
  const segs = segments(layout).sort((s, t) => Math.min(s.a.x, s.b.x) - Math.min(t.a.x, t.b.x));
  const x0 = segs.map((s) => Math.min(s.a.x, s.b.x));
  const x1 = segs.map((s) => Math.max(s.a.x, s.b.x));
  const y0 = segs.map((s) => Math.min(s.a.y, s.b.y));
  const y1 = segs.map((s) => Math.max(s.a.y, s.b.y));
  let crossings = 0;
  let overlaps = 0;
  for (let i = 0; i < segs.length; i++)
    for (let j = i + 1; j < segs.length && x0[j]! <= x1[i]!; j++) {
      const s = segs[i]!;
      const t = segs[j]!;
      if (s.edge === t.edge || y0[j]! > y1[i]! || y0[i]! > y1[j]!) continue;
      if (properCrossing(s.a, s.b, t.a, t.b)) crossings++;
      else if (sharedLength(s, t) > 1) overlaps++;
    }
  let bends = 0;
  for (const e of layout.edges) bends += Math.max(0, e.points.length - 2);
  let labelDistance = 0;
  for (const e of layout.edges) {
    if (!e.labelBox) continue;
    let d = Infinity;
    for (let k = 1; k < e.points.length; k++) d = Math.min(d, boxSegmentDistance(e.labelBox, e.points[k - 1]!, e.points[k]!));
    labelDistance = Math.max(labelDistance, Math.round(d * 10) / 10);
  }
  return {
    crossings,
    bendsPerEdge: layout.edges.length ? Math.round((bends / layout.edges.length) * 100) / 100 : 0,
    width: layout.width,
    height: layout.height,
    overlaps,
    labelDistance,
  };
}
