/**
 * Orthogonal edge routing around fixed boxes. ELK's layered router cannot keep nodes at
 * given positions (interactive mode still moves them), and lanes need exact positions, so
 * crmflow routes the edges itself: A* over a sparse grid of lines that run a little outside
 * every box, with a cost for length, for bends and for reusing a stretch another edge
 * already takes. Deterministic: ties break by insertion order.
 */
import { EventQueue } from '../simulate/queue.js';

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
  // Edges that run straight through a grid point, across and up/down: going straight through
  // a point another edge runs through the other way is a crossing.
  const hThrough = new Uint16Array(nx * ny);
  const vThrough = new Uint16Array(nx * ny);

  const cost = new Float64Array(nx * ny * 4);
  const prev = new Int32Array(nx * ny * 4);
  // Which search last set a state's cost: a search starts by counting up instead of clearing
  // both arrays, which took most of the routing time on big diagrams.
  const stamp = new Uint32Array(nx * ny * 4);
  let search = 0;
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
    const win = { x0: Math.min(s.x, e.x) - m, x1: Math.max(s.x, e.x) + m, y0: Math.min(s.y, e.y) - m, y1: Math.max(s.y, e.y) + m };
    const args = [xi.get(s.x)!, yi.get(s.y)!, q.startDir, xi.get(e.x)!, yi.get(e.y)!, q.endDir] as const;
    const path = astar(...args, win, weight) ?? astar(...args, undefined, weight);
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

  function astar(
    si: number,
    sj: number,
    sd: Dir,
    ti: number,
    tj: number,
    td: Dir,
    win: { x0: number; x1: number; y0: number; y1: number } | undefined,
    weight: number,
  ): [number, number][] | undefined {
    search++;
    // Ties pop in insertion order (the queue's sequence numbers): deterministic routes.
    const heap = new EventQueue();
    // Weighted A*: 1.5 × the Manhattan distance finds near-shortest paths much faster on big diagrams.
    const h = (i: number, j: number) => weight * (Math.abs(xs[i]! - xs[ti]!) + Math.abs(ys[j]! - ys[tj]!));
    const start = (sj * nx + si) * 4 + sd;
    cost[start] = 0;
    prev[start] = -1;
    stamp[start] = search;
    heap.push(h(si, sj), start, 0);
    let best = -1;
    let bestCost = Infinity;
    while (heap.pop()) {
      const state = heap.popA;
      const f = heap.popTime;
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
        // Going on straight through this point crosses whatever runs through it the other way.
        const crossed = d === dir ? (d < 2 ? vThrough : hThrough)[j * nx + i]! : 0;
        const nc = c + len + (d !== dir ? bendCost : 0) + used * (len * 3 + 20) + crossed * crossCost;
        const ns = (nj * nx + ni) * 4 + d;
        if (stamp[ns] !== search || nc < cost[ns]!) {
          stamp[ns] = search;
          cost[ns] = nc;
          prev[ns] = state;
          heap.push(nc + h(ni, nj), ns, 0);
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

