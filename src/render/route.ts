/**
 * Orthogonal edge routing around fixed boxes. ELK's layered router cannot keep nodes at
 * given positions (interactive mode still moves them), and lanes need exact positions, so
 * crmflow routes the edges itself: A* over a sparse grid of lines that run a little outside
 * every box, with a cost for length, for bends and for reusing a stretch another edge
 * already takes. Deterministic: ties break by insertion order.
 */
import { StateQueue } from './state-queue.js';

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
  /** The steps the edge joins: two edges on one side of one step may swap their ends. */
  source?: string;
  target?: string;
}

export interface RouterOptions {
  /** Clearance kept around boxes (default 8). */
  clearance?: number;
  /** Length of the straight piece at each end (default 14). */
  stub?: number;
  /** Cost of one bend, in px of length (default 80). */
  bendCost?: number;
  /** Routing passes: the first routes in order, each further one reroutes every edge (default 2). */
  passes?: number;
  /** Edges stay between these heights (the lanes), when given. */
  minY?: number;
  maxY?: number;
  /** Distance between extra grid lines in wide gaps (default 0: none; extra lines did not cut crossings on the examples). */
  spacing?: number;
  /** Route edges that cross another once more with an exact (slower) search (default true). */
  repair?: boolean;
  /** Cost of crossing an edge routed before, in px of length (default 160). */
  crossCost?: number;
}

/** Routes every request around `obstacles`, in order; earlier edges make later ones avoid their path. */
export function routeEdges(obstacles: Box[], given: RouteRequest[], options: RouterOptions = {}): Point[][] {
  // Copies: ends may swap below.
  const requests = given.map((q) => ({ ...q }));
  const clearance = options.clearance ?? 8;
  const stub = options.stub ?? 14;
  const bendCost = options.bendCost ?? 80;
  const passes = options.passes ?? 2;
  const crossCost = options.crossCost ?? 160;

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
  // Extra lines in wide gaps: room for edges to run side by side instead of on top of each other.
  const spacing = options.spacing ?? 0;
  const xs = densify([...xsSet].sort((a, b) => a - b), spacing);
  const ys = densify([...ysSet].sort((a, b) => a - b), spacing).filter((y) => y >= (options.minY ?? -Infinity) && y <= (options.maxY ?? Infinity));
  const nx = xs.length;
  const ny = ys.length;
  const xi = new Map(xs.map((v, i) => [v, i]));
  const yi = new Map(ys.map((v, i) => [v, i]));

  // A grid segment is blocked when it runs through the inside of a box grown by the clearance.
  const grown = obstacles.map((b) => ({ x0: b.x - clearance, y0: b.y - clearance, x1: b.x + b.width + clearance, y1: b.y + b.height + clearance }));
  const hBlocked = new Uint8Array(nx * ny); // segment from (i, j) to (i + 1, j), index j * nx + i
  const vBlocked = new Uint8Array(nx * ny); // segment from (i, j) to (i, j + 1), index i * ny + j
  // The lines are sorted, so a box blocks a run of segments on a run of lines.
  for (const g of grown) {
    // Lines strictly inside the box, and the segments between lines that overlap it.
    const j0 = firstAbove(ys, g.y0);
    const j1 = firstAtLeast(ys, g.y1);
    const i0 = firstAbove(xs, g.x0);
    const i1 = firstAtLeast(xs, g.x1);
    const hFrom = Math.max(0, i0 - 1);
    const hTo = Math.min(i1, nx - 1);
    if (hFrom < hTo) for (let j = j0; j < j1; j++) hBlocked.fill(1, j * nx + hFrom, j * nx + hTo);
    const vFrom = Math.max(0, j0 - 1);
    const vTo = Math.min(j1, ny - 1);
    if (vFrom < vTo) for (let i = i0; i < i1; i++) vBlocked.fill(1, i * ny + vFrom, i * ny + vTo);
  }
  const hUsed = new Uint16Array(nx * ny);
  const vUsed = new Uint16Array(nx * ny);
  // Edges that run straight through a grid point, across and up/down: going straight through
  // a point another edge runs through the other way is a crossing.
  const hThrough = new Uint16Array(nx * ny);
  const vThrough = new Uint16Array(nx * ny);

  const { cost, prev, touched, heap } = searchMemory(nx * ny * 4);
  const hx = new Float64Array(nx);
  const hy = new Float64Array(ny);
  // The lines and the gaps between neighbours (gx[i]: from line i to i + 1) as typed arrays:
  // the search reads them most, and one element kind keeps its optimised code from bailing out.
  const lx = Float64Array.from(xs);
  const ly = Float64Array.from(ys);
  const gx = new Float64Array(nx);
  const gy = new Float64Array(ny);
  for (let i = 0; i + 1 < nx; i++) gx[i] = lx[i + 1]! - lx[i]!;
  for (let j = 0; j + 1 < ny; j++) gy[j] = ly[j + 1]! - ly[j]!;
  const routes: Point[][] = [];
  const paths: ([number, number][] | undefined)[] = [];
  const mark = (path: [number, number][], by: 1 | -1) => {
    for (let n = 0; n + 1 < path.length; n++) {
      const [i0, j0] = path[n]!;
      const [i1, j1] = path[n + 1]!;
      if (j0 === j1) for (let i = Math.min(i0, i1); i < Math.max(i0, i1); i++) hUsed[j0 * nx + i]! += by;
      else for (let j = Math.min(j0, j1); j < Math.max(j0, j1); j++) vUsed[i0 * ny + j]! += by;
    }
    for (let n = 1; n + 1 < path.length; n++) {
      const [ia, ja] = path[n - 1]!;
      const [i1, j1] = path[n]!;
      const [ib, jb] = path[n + 1]!;
      if (ja === j1 && j1 === jb) hThrough[j1 * nx + i1]! += by;
      else if (ia === i1 && i1 === ib) vThrough[j1 * nx + i1]! += by;
    }
  };
  const route = (k: number, weight = 1.5) => {
    const q = requests[k]!;
    const { s, e } = stubs[k]!;
    // Search near the two ends first (most edges stay close); the whole grid only if that fails.
    const m = 240;
    const si = xi.get(s.x)!;
    const sj = yi.get(s.y)!;
    const ti = xi.get(e.x)!;
    const tj = yi.get(e.y)!;
    const path =
      astar(si, sj, q.startDir, ti, tj, q.endDir, weight, Math.min(s.x, e.x) - m, Math.max(s.x, e.x) + m, Math.min(s.y, e.y) - m, Math.max(s.y, e.y) + m) ??
      astar(si, sj, q.startDir, ti, tj, q.endDir, weight, -Infinity, Infinity, -Infinity, Infinity);
    if (path) mark(path, 1);
    paths[k] = path;
  };
  requests.forEach((_, k) => route(k));
  // Rip up and reroute: the first edges were routed before the later ones existed; routed
  // again, each sees all the others and can go around them.
  for (let pass = 1; pass < passes; pass++)
    requests.forEach((_, k) => {
      if (paths[k]) mark(paths[k]!, -1);
      route(k);
    });
  // Weighted A* (above) is fast but can miss a detour that avoids a crossing. Edges that still
  // cross another are routed once more with the exact search, which finds it when it pays.
  if (options.repair ?? true) {
    for (const k of crossingPaths()) {
      mark(paths[k]!, -1);
      route(k, 1);
    }
    // Two edges that leave (or enter) one side of one step and then cross each other: their
    // ends were ordered by where the other end is, but the routes went the other way round.
    // Swapping the two ends untangles them (the example's await-payment: the edge to
    // match-payment leaves below the one to send-overdue-reminder, then turns up over it).
    const side = (q: RouteRequest, end: boolean) => {
      const d = end ? q.endDir : q.startDir;
      const p = end ? q.end : q.start;
      return `${end ? q.target : q.source}|${d}|${d < 2 ? p.x : p.y}`;
    };
    for (let a = 0; a < requests.length; a++)
      for (let b = a + 1; b < requests.length; b++) {
        const qa = requests[a]!;
        const qb = requests[b]!;
        const starts = qa.source !== undefined && side(qa, false) === side(qb, false);
        const ends = qa.target !== undefined && side(qa, true) === side(qb, true);
        if ((!starts && !ends) || !paths[a] || !paths[b] || !crossesEachOther(paths[a]!, paths[b]!)) continue;
        const before = crossingsOf(a) + crossingsOf(b);
        const old = [paths[a]!, paths[b]!];
        const swap = () => {
          if (starts) {
            [qa.start, qb.start] = [qb.start, qa.start];
            [stubs[a]!.s, stubs[b]!.s] = [stubs[b]!.s, stubs[a]!.s];
          }
          if (ends) {
            [qa.end, qb.end] = [qb.end, qa.end];
            [stubs[a]!.e, stubs[b]!.e] = [stubs[b]!.e, stubs[a]!.e];
          }
        };
        swap();
        mark(old[0]!, -1);
        mark(old[1]!, -1);
        route(a, 1);
        route(b, 1);
        if (paths[a] && paths[b] && crossingsOf(a) + crossingsOf(b) < before) continue;
        // No better: back as it was.
        for (const k of [a, b]) if (paths[k]) mark(paths[k]!, -1);
        swap();
        [paths[a], paths[b]] = old;
        mark(old[0]!, 1);
        mark(old[1]!, 1);
      }
  }
  requests.forEach((q, k) => {
    const { s, e } = stubs[k]!;
    const path = paths[k];
    const pts: Point[] = [q.start];
    if (path) for (const [i, j] of path) pts.push({ x: xs[i]!, y: ys[j]! });
    // No way around (should not happen: the grid surrounds every box). Draw an elbow.
    else pts.push(s, { x: s.x, y: e.y }, e);
    pts.push({ x: q.end.x, y: q.end.y });
    routes.push(simplify(pts));
  });
  return separate(routes);

  /** Points where a path goes straight on, across (h) or up/down (v). */
  function straights(path: [number, number][], horizontal: boolean): number[] {
    const out: number[] = [];
    for (let n = 1; n + 1 < path.length; n++) {
      const [ia, ja] = path[n - 1]!;
      const [i1, j1] = path[n]!;
      const [ib, jb] = path[n + 1]!;
      if (horizontal ? ja === j1 && j1 === jb && ia !== ib : ia === i1 && i1 === ib && ja !== jb) out.push(j1 * nx + i1);
    }
    return out;
  }
  /** Whether two paths cross: one goes straight across a point the other goes straight up or down through. */
  function crossesEachOther(p: [number, number][], q: [number, number][]): boolean {
    const across = new Set(straights(p, true));
    const upDown = new Set(straights(p, false));
    return straights(q, false).some((at) => across.has(at)) || straights(q, true).some((at) => upDown.has(at));
  }
  /** How many times path `k` crosses the others (counted on the grid, from the through counts). */
  function crossingsOf(k: number): number {
    const path = paths[k]!;
    let n = 0;
    for (const at of straights(path, true)) n += vThrough[at]!;
    for (const at of straights(path, false)) n += hThrough[at]!;
    return n;
  }

  /** Indices of the routed paths that cross another path, in request order. */
  function crossingPaths(): number[] {
    const out = new Set<number>();
    // A crossing on the grid: one path goes straight up or down through a point that another
    // goes straight across.
    const hOwner = new Map<number, number[]>();
    paths.forEach((path, k) => {
      if (path) for (const at of straights(path, true)) (hOwner.get(at) ?? hOwner.set(at, []).get(at)!).push(k);
    });
    paths.forEach((path, k) => {
      if (!path) return;
      for (const at of straights(path, false)) {
        const across = hOwner.get(at);
        if (!across?.some((o) => o !== k)) continue;
        out.add(k);
        for (const o of across) if (o !== k) out.add(o);
      }
    });
    return [...out].sort((a, b) => a - b);
  }

  /** The cheapest way from one stub to the other, over grid lines between x0 and x1 and between y0 and y1. */
  function astar(si: number, sj: number, sd: Dir, ti: number, tj: number, td: Dir, weight: number, x0: number, x1: number, y0: number, y1: number): [number, number][] | undefined {
    heap.clear();
    let nTouched = 0;
    // The window as ranges of line indices (the lines are sorted): [iLo, iHi] × [jLo, jHi].
    const iLo = firstAtLeast(xs, x0);
    const iHi = firstAbove(xs, x1) - 1;
    const jLo = firstAtLeast(ys, y0);
    const jHi = firstAbove(ys, y1) - 1;
    // Weighted A*: 1.5 × the Manhattan distance finds near-shortest paths much faster on big
    // diagrams. Its two parts, per line, computed once per search.
    const tx = lx[ti]!;
    const ty = ly[tj]!;
    for (let i = 0; i < nx; i++) hx[i] = Math.abs(lx[i]! - tx);
    for (let j = 0; j < ny; j++) hy[j] = Math.abs(ly[j]! - ty);
    const start = (sj * nx + si) * 4 + sd;
    cost[start] = 0;
    prev[start] = -1;
    touched[nTouched++] = start;
    heap.push(weight * (hx[si]! + hy[sj]!), start);
    let best = -1;
    let bestCost = Infinity;
    while (heap.pop()) {
      const state = heap.popState;
      const f = heap.popKey;
      const dir = state & 3;
      const p = state >> 2;
      const i = p % nx;
      const j = (p - i) / nx;
      const c = cost[state]!;
      if (f > c + weight * (hx[i]! + hy[j]!) + 1e-6) continue; // stale entry
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
      // The neighbours east, west, south and north, in that order (ties keep it), no U-turns.
      // One place pushes, so that the queue's push is inlined here.
      const at = j * nx + i;
      const vat = i * ny + j;
      for (let d = 0; d < 4; d++) {
        if (d === (dir ^ 1)) continue;
        let len: number;
        let used: number;
        let ns: number;
        let toTarget: number;
        if (d === 0) {
          if (i >= iHi || hBlocked[at]) continue;
          len = gx[i]!;
          used = hUsed[at]!;
          ns = state + 4 - dir;
          toTarget = hx[i + 1]! + hy[j]!;
        } else if (d === 1) {
          if (i <= iLo || hBlocked[at - 1]) continue;
          len = gx[i - 1]!;
          used = hUsed[at - 1]!;
          ns = state - 3 - dir;
          toTarget = hx[i - 1]! + hy[j]!;
        } else if (d === 2) {
          if (j >= jHi || vBlocked[vat]) continue;
          len = gy[j]!;
          used = vUsed[vat]!;
          ns = state + nx * 4 + 2 - dir;
          toTarget = hx[i]! + hy[j + 1]!;
        } else {
          if (j <= jLo || vBlocked[vat - 1]) continue;
          len = gy[j - 1]!;
          used = vUsed[vat - 1]!;
          ns = state - nx * 4 + 3 - dir;
          toTarget = hx[i]! + hy[j - 1]!;
        }
        // Going on straight through this point crosses whatever runs through it the other way.
        const crossed = d === dir ? (d < 2 ? vThrough : hThrough)[at]! * crossCost : 0;
        const nc = c + len + (d !== dir ? bendCost : 0) + used * (len * 3 + 20) + crossed;
        const old = cost[ns]!;
        // NaN: not reached yet in this search.
        if (!(nc >= old)) {
          if (old !== old) touched[nTouched++] = ns;
          cost[ns] = nc;
          prev[ns] = state;
          heap.push(nc + weight * toTarget, ns);
        }
      }
    }
    for (let k = 0; k < nTouched; k++) cost[touched[k]!] = NaN;
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

/**
 * The arrays every search works in, kept from one routing call to the next (layout routes one
 * diagram a dozen times or more, and allocating them each time cost as much again in garbage
 * collection). Routing is synchronous, so one set serves every call.
 */
interface SearchMemory {
  /**
   * Cost of the best way found to each state (cell × 4 + direction), NaN where the search has
   * not been yet: each search puts back NaN where it went, instead of clearing the whole array.
   */
  cost: Float64Array;
  /** The state before each state on that way. */
  prev: Int32Array;
  /** The states a search has set a cost for. */
  touched: Int32Array;
  heap: StateQueue;
}
let memory: SearchMemory | undefined;

function searchMemory(states: number): SearchMemory {
  if (!memory || memory.cost.length < states) {
    const size = Math.max(states, 2 * (memory?.cost.length ?? 0));
    memory = { cost: new Float64Array(size).fill(NaN), prev: new Int32Array(size), touched: new Int32Array(size), heap: memory?.heap ?? new StateQueue() };
  }
  return memory;
}

/** Index of the first of the sorted `lines` above `v`, or at or above it when `orAt` (their length when none is). */
function firstIndex(lines: number[], v: number, orAt: boolean): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]! > v || (orAt && lines[mid] === v)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
const firstAbove = (lines: number[], v: number): number => firstIndex(lines, v, false);
const firstAtLeast = (lines: number[], v: number): number => firstIndex(lines, v, true);

/** Adds lines between sorted `lines` so that no gap is wider than about 2 × `spacing`. */
function densify(lines: number[], spacing: number): number[] {
  if (!spacing) return lines;
  const out: number[] = [];
  for (let k = 0; k < lines.length; k++) {
    const a = lines[k]!;
    out.push(a);
    const b = lines[k + 1];
    if (b === undefined) continue;
    const parts = Math.min(8, Math.floor((b - a) / spacing) - 1);
    for (let p = 1; p < parts; p++) out.push(Math.round(a + ((b - a) * p) / parts));
  }
  return out;
}

function r(n: number): number {
  return Math.round(n);
}

/**
 * Moves apart inner segments of different edges that run on top of each other in one channel
 * (the router lets edges share a channel rather than cross): each gets its own line, a few px
 * apart, ordered so that the edges fan out towards where they turn. First and last segments
 * stay on their ports.
 */
export function separate(routes: Point[][], gap = 5): Point[][] {
  const out = routes.map((r) => r.map((p) => ({ ...p })));
  for (const horizontalPass of [true, false]) {
    // Pieces that end on a port but share their line with another such piece: they move
    // aside with a short jog next to the port (applied after the pass, as it adds points).
    const jogs: { edge: number; k: number; to: number }[] = [];
    // A piece of an edge on one line: its span, and at each end where the edge goes on
    // (-1 towards smaller coordinates across the line, +1 larger, 0 nowhere).
    type Member = { edge: number; k: number; lo: number; hi: number; at: number; fixed: boolean; ends: { pos: number; side: number }[] };
    const byLine = new Map<number, Member[]>();
    out.forEach((pts, edge) => {
      for (let k = 0; k + 1 < pts.length; k++) {
        const a = pts[k]!;
        const b = pts[k + 1]!;
        const isH = a.y === b.y && a.x !== b.x;
        const isV = a.x === b.x && a.y !== b.y;
        if (horizontalPass ? !isH : !isV) continue;
        const at = horizontalPass ? a.y : a.x;
        const along = (p: Point) => (horizontalPass ? p.x : p.y);
        const side = (p: Point | undefined) => (!p ? 0 : Math.sign(horizontalPass ? p.y - at : p.x - at));
        const ends = [
          { pos: along(a), side: side(pts[k - 1]) },
          { pos: along(b), side: side(pts[k + 2]) },
        ];
        const fixed = k === 0 || k + 2 === pts.length;
        (byLine.get(at) ?? byLine.set(at, []).get(at)!).push({ edge, k, lo: Math.min(along(a), along(b)), hi: Math.max(along(a), along(b)), at, fixed, ends });
      }
    });
    // Crossings when `p` runs on the smaller side of `q`: p turning towards larger inside q's
    // span, or q turning towards smaller inside p's span.
    const cost = (p: Member, q: Member) =>
      p.ends.filter((e) => e.side > 0 && e.pos > q.lo && e.pos < q.hi).length + q.ends.filter((e) => e.side < 0 && e.pos > p.lo && e.pos < p.hi).length;
    for (const members of byLine.values()) {
      members.sort((a, b) => a.lo - b.lo || a.edge - b.edge);
      // Clusters of pieces of different edges that share more than a pixel.
      const clusters: Member[][] = [];
      let cur: Member[] = [];
      let reach = -Infinity;
      for (const m of members) {
        if (cur.length && m.lo >= reach - 1) {
          clusters.push(cur);
          cur = [];
          reach = -Infinity;
        }
        cur.push(m);
        reach = Math.max(reach, m.hi);
      }
      if (cur.length) clusters.push(cur);
      for (const c of clusters) {
        if (new Set(c.map((m) => m.edge)).size < 2) continue;
        // Order across the line by insertion: each piece goes where it crosses the fewest.
        const order: Member[] = [];
        for (const m of c) {
          let bestAt = 0;
          let best = Infinity;
          for (let q = 0; q <= order.length; q++) {
            let n = 0;
            for (let r = 0; r < order.length; r++) n += r < q ? cost(order[r]!, m) : cost(m, order[r]!);
            if (n < best) {
              best = n;
              bestAt = q;
            }
          }
          order.splice(bestAt, 0, m);
        }
        // The piece that cannot move (it ends on a port) stays; the others shift around it.
        const anchor = order.findIndex((m) => m.fixed);
        const zero = anchor >= 0 ? anchor : (order.length - 1) / 2;
        order.forEach((m, q) => {
          const d = Math.round((q - zero) * gap);
          if (!d) return;
          if (m.fixed) {
            if (m.hi - m.lo >= 12) jogs.push({ edge: m.edge, k: m.k, to: m.at + d });
            return;
          }
          const pts = out[m.edge]!;
          for (const p of [pts[m.k]!, pts[m.k + 1]!]) {
            if (horizontalPass) p.y = m.at + d;
            else p.x = m.at + d;
          }
        });
      }
    }
    // Later pieces of an edge first, so that the indices of its earlier ones stay valid.
    jogs.sort((a, b) => a.edge - b.edge || b.k - a.k);
    for (const { edge, k, to } of jogs) {
      const pts = out[edge]!;
      const a = pts[k]!;
      const b = pts[k + 1]!;
      const along = horizontalPass ? 'x' : 'y';
      const across = horizontalPass ? 'y' : 'x';
      const dir = Math.sign(b[along] - a[along]);
      const len = Math.min(8, Math.abs(b[along] - a[along]) / 3);
      const pt = (u: number, v: number): Point => (horizontalPass ? { x: u, y: v } : { x: v, y: u });
      const first = k === 0;
      const last = k + 2 === pts.length;
      const middle: Point[] = [];
      if (first) middle.push(pt(a[along] + dir * len, a[across]), pt(a[along] + dir * len, to));
      else a[across] = to;
      if (last) middle.push(pt(b[along] - dir * len, to), pt(b[along] - dir * len, b[across]));
      else b[across] = to;
      pts.splice(k + 1, 0, ...middle);
    }
  }
  return out.map(simplify);
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

