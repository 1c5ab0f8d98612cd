/**
 * Orthogonal edge routing around fixed boxes. ELK's layered router cannot keep nodes at
 * given positions (interactive mode still moves them), and lanes need exact positions, so
 * crmflow routes the edges itself: A* over a sparse grid of lines that run a little outside
 * every box, with a cost for length, for bends and for reusing a stretch another edge
 * already takes. Deterministic: ties break by insertion order.
 */
import { MinHeap } from '../model/heap.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}
/** Directions: 0 east, 1 west, 2 south, 3 north. */
export type Dir = 0 | 1 | 2 | 3;
const DX = [1, -1, 0, 0];
const DY = [0, 0, 1, -1];

export interface RouteRequest {
  /** Point on the source's outline, and the direction the edge leaves in. */
  start: Point;
  startDir: Dir;
  /** Point on the target's outline, and the direction the edge arrives in. */
  end: Point;
  endDir: Dir;
}

export interface RouterOptions {
  /** Clearance kept around boxes (default 8). */
  clearance?: number;
  /** Length of the straight piece at each end (default 14). */
  stub?: number;
  /** Cost of one bend, in px of length (default 40). */
  bendCost?: number;
}

/** Routes every request around `obstacles`, in order; earlier edges make later ones avoid their path. */
export function routeEdges(obstacles: Box[], requests: RouteRequest[], options: RouterOptions = {}): Point[][] {
  const clearance = options.clearance ?? 8;
  const stub = options.stub ?? 14;
  const bendCost = options.bendCost ?? 40;

  const xsSet = new Set<number>();
  const ysSet = new Set<number>();
  for (const b of obstacles) {
    for (const d of [stub, stub * 2 + 2]) {
      xsSet.add(r(b.x - d));
      xsSet.add(r(b.x + b.width + d));
      ysSet.add(r(b.y - d));
      ysSet.add(r(b.y + b.height + d));
    }
  }
  const stubs = requests.map((q) => ({
    s: { x: r(q.start.x + DX[q.startDir]! * stub), y: r(q.start.y + DY[q.startDir]! * stub) },
    e: { x: r(q.end.x - DX[q.endDir]! * stub), y: r(q.end.y - DY[q.endDir]! * stub) },
  }));
  for (const { s, e } of stubs) {
    xsSet.add(s.x);
    ysSet.add(s.y);
    xsSet.add(e.x);
    ysSet.add(e.y);
  }
  const xs = [...xsSet].sort((a, b) => a - b);
  const ys = [...ysSet].sort((a, b) => a - b);
  const nx = xs.length;
  const ny = ys.length;
  const xi = new Map(xs.map((v, i) => [v, i]));
  const yi = new Map(ys.map((v, i) => [v, i]));

  // A grid segment is blocked when it runs through the inside of a box grown by the clearance.
  const grown = obstacles.map((b) => ({ x0: b.x - clearance, y0: b.y - clearance, x1: b.x + b.width + clearance, y1: b.y + b.height + clearance }));
  const hBlocked = new Uint8Array(nx * ny); // segment from (i, j) to (i + 1, j), index j * nx + i
  const vBlocked = new Uint8Array(nx * ny); // segment from (i, j) to (i, j + 1), index i * ny + j
  for (let j = 0; j < ny; j++) {
    const y = ys[j]!;
    const hits = grown.filter((g) => y > g.y0 && y < g.y1);
    if (!hits.length) continue;
    for (let i = 0; i + 1 < nx; i++) {
      const a = xs[i]!;
      const b = xs[i + 1]!;
      if (hits.some((g) => a < g.x1 && b > g.x0)) hBlocked[j * nx + i] = 1;
    }
  }
  for (let i = 0; i < nx; i++) {
    const x = xs[i]!;
    const hits = grown.filter((g) => x > g.x0 && x < g.x1);
    if (!hits.length) continue;
    for (let j = 0; j + 1 < ny; j++) {
      const a = ys[j]!;
      const b = ys[j + 1]!;
      if (hits.some((g) => a < g.y1 && b > g.y0)) vBlocked[i * ny + j] = 1;
    }
  }
  const hUsed = new Uint16Array(nx * ny);
  const vUsed = new Uint16Array(nx * ny);

  const cost = new Float64Array(nx * ny * 4);
  const prev = new Int32Array(nx * ny * 4);
  const routes: Point[][] = [];
  requests.forEach((q, k) => {
    const { s, e } = stubs[k]!;
    // Search near the two ends first (most edges stay close); the whole grid only if that fails.
    const m = 240;
    const win = { x0: Math.min(s.x, e.x) - m, x1: Math.max(s.x, e.x) + m, y0: Math.min(s.y, e.y) - m, y1: Math.max(s.y, e.y) + m };
    const args = [xi.get(s.x)!, yi.get(s.y)!, q.startDir, xi.get(e.x)!, yi.get(e.y)!, q.endDir] as const;
    const path = astar(...args, win) ?? astar(...args, undefined);
    const pts: Point[] = [q.start];
    if (path) {
      for (const [i, j] of path) pts.push({ x: xs[i]!, y: ys[j]! });
      // Mark the stretches this edge takes.
      for (let n = 0; n + 1 < path.length; n++) {
        const [i0, j0] = path[n]!;
        const [i1, j1] = path[n + 1]!;
        if (j0 === j1) for (let i = Math.min(i0, i1); i < Math.max(i0, i1); i++) hUsed[j0 * nx + i]!++;
        else for (let j = Math.min(j0, j1); j < Math.max(j0, j1); j++) vUsed[i0 * ny + j]!++;
      }
    } else {
      // No way around (should not happen: the grid surrounds every box). Draw an elbow.
      pts.push(s, { x: s.x, y: e.y }, e);
    }
    pts.push({ x: q.end.x, y: q.end.y });
    routes.push(simplify(pts));
  });
  return routes;

  function astar(
    si: number,
    sj: number,
    sd: Dir,
    ti: number,
    tj: number,
    td: Dir,
    win: { x0: number; x1: number; y0: number; y1: number } | undefined,
  ): [number, number][] | undefined {
    cost.fill(Infinity);
    prev.fill(-1);
    const heap = new Heap();
    // Weighted A*: 1.5 × the Manhattan distance finds near-shortest paths much faster on big diagrams.
    const h = (i: number, j: number) => 1.5 * (Math.abs(xs[i]! - xs[ti]!) + Math.abs(ys[j]! - ys[tj]!));
    const start = (sj * nx + si) * 4 + sd;
    cost[start] = 0;
    heap.push(start, h(si, sj));
    let best = -1;
    let bestCost = Infinity;
    while (heap.size) {
      const [state, f] = heap.pop();
      const dir = (state & 3) as Dir;
      const p = state >> 2;
      const i = p % nx;
      const j = (p - i) / nx;
      const c = cost[state]!;
      if (f > c + h(i, j) + 1e-6) continue; // stale entry
      if (f >= bestCost) break;
      if (i === ti && j === tj) {
        // Arriving from another direction than the last piece needs costs one more bend.
        const total = c + (dir === td ? 0 : bendCost);
        if (total < bestCost) {
          bestCost = total;
          best = state;
        }
        continue;
      }
      for (let d = 0 as Dir; d < 4; d = (d + 1) as Dir) {
        if (d === (dir ^ 1)) continue; // no U-turns
        const ni = i + DX[d]!;
        const nj = j + DY[d]!;
        if (ni < 0 || nj < 0 || ni >= nx || nj >= ny) continue;
        if (win && (xs[ni]! < win.x0 || xs[ni]! > win.x1 || ys[nj]! < win.y0 || ys[nj]! > win.y1)) continue;
        let len: number;
        let used: number;
        if (d < 2) {
          const si2 = Math.min(i, ni);
          if (hBlocked[j * nx + si2]) continue;
          len = Math.abs(xs[ni]! - xs[i]!);
          used = hUsed[j * nx + si2]!;
        } else {
          const sj2 = Math.min(j, nj);
          if (vBlocked[i * ny + sj2]) continue;
          len = Math.abs(ys[nj]! - ys[j]!);
          used = vUsed[i * ny + sj2]!;
        }
        const nc = c + len + (d !== dir ? bendCost : 0) + used * (len * 3 + 20);
        const ns = (nj * nx + ni) * 4 + d;
        if (nc < cost[ns]!) {
          cost[ns] = nc;
          prev[ns] = state;
          heap.push(ns, nc + h(ni, nj));
        }
      }
    }
    if (best < 0) return undefined;
    const out: [number, number][] = [];
    for (let st = best; st >= 0; st = prev[st]!) {
      const p = st >> 2;
      const i = p % nx;
      out.push([i, (p - i) / nx]);
      if (st === start) break;
    }
    return out.reverse();
  }

}

function r(n: number): number {
  return Math.round(n);
}

/** Drops repeated points and the middle of three collinear ones. */
export function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const before = out[out.length - 2];
    if (before && last && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** (state, priority) pairs, least priority first; equal priorities pop in insertion order. */
class Heap {
  private heap = new MinHeap<{ s: number; p: number; n: number }>((a, b) => a.p < b.p || (a.p === b.p && a.n < b.n));
  private seq = 0;
  get size(): number {
    return this.heap.size;
  }
  push(s: number, p: number): void {
    this.heap.push({ s, p, n: this.seq++ });
  }
  pop(): [number, number] {
    const top = this.heap.pop();
    return [top.s, top.p];
  }
}
