/**
 * diagramMetrics compares only segments whose boxes meet: on any drawing its crossings and
 * overlaps equal a plain count over every pair of segments of different edges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Layout } from '../../src/render/layout.js';
import { diagramMetrics } from '../../src/render/metrics.js';

type Pt = { x: number; y: number };

/** Every pair: a crossing inside both segments, or a shared stretch on one line longer than 1 px. */
function naive(edges: Pt[][]): { crossings: number; overlaps: number } {
  const segs: { edge: number; a: Pt; b: Pt }[] = [];
  edges.forEach((pts, edge) => pts.forEach((p, k) => k && segs.push({ edge, a: pts[k - 1]!, b: p })));
  let crossings = 0;
  let overlaps = 0;
  for (let i = 0; i < segs.length; i++)
    for (let j = i + 1; j < segs.length; j++) {
      const s = segs[i]!;
      const t = segs[j]!;
      if (s.edge === t.edge) continue;
      const [h, v] = s.a.y === s.b.y ? [s, t] : [t, s];
      const hx0 = Math.min(h.a.x, h.b.x);
      const hx1 = Math.max(h.a.x, h.b.x);
      const vy0 = Math.min(v.a.y, v.b.y);
      const vy1 = Math.max(v.a.y, v.b.y);
      if (h.a.y === h.b.y && v.a.x === v.b.x && h.a.x !== h.b.x && v.a.y !== v.b.y) {
        if (v.a.x > hx0 && v.a.x < hx1 && h.a.y > vy0 && h.a.y < vy1) crossings++;
        continue;
      }
      const sameY = s.a.y === s.b.y && t.a.y === t.b.y && s.a.y === t.a.y;
      const sameX = s.a.x === s.b.x && t.a.x === t.b.x && s.a.x === t.a.x;
      const along = sameY ? 'x' : 'y';
      if (!sameY && !sameX) continue;
      const lo = Math.max(Math.min(s.a[along], s.b[along]), Math.min(t.a[along], t.b[along]));
      const hi = Math.min(Math.max(s.a[along], s.b[along]), Math.max(t.a[along], t.b[along]));
      if (hi - lo > 1) overlaps++;
    }
  return { crossings, overlaps };
}

/** An orthogonal polyline on a small grid (so that edges meet, cross and share lines often). */
const polyline = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 6 }))
  .map(([x, y, moves]) => {
    const pts: Pt[] = [{ x: x * 10, y: y * 10 }];
    moves.forEach((m, k) => {
      const last = pts[pts.length - 1]!;
      pts.push(k % 2 ? { x: last.x, y: m * 10 } : { x: m * 10, y: last.y });
    });
    return pts;
  });

describe('diagramMetrics', () => {
  it('counts crossings and overlaps as a check of every pair would', () => {
    fc.assert(
      fc.property(fc.array(polyline, { maxLength: 8 }), (edges) => {
        const layout: Layout = { width: 0, height: 0, lanes: [], steps: [], edges: edges.map((points) => ({ from: '', to: '', kind: 'next', points })) };
        const m = diagramMetrics(layout);
        expect({ crossings: m.crossings, overlaps: m.overlaps }).toEqual(naive(edges));
      }),
      { numRuns: 300 },
    );
  });

  it('counts a hand-drawn case: one crossing, one shared stretch, touching ends not counted', () => {
    const edges = [
      [{ x: 0, y: 10 }, { x: 40, y: 10 }],
      [{ x: 20, y: 0 }, { x: 20, y: 30 }],
      [{ x: 30, y: 10 }, { x: 60, y: 10 }],
      [{ x: 40, y: 10 }, { x: 40, y: 40 }],
    ];
    const m = diagramMetrics({ width: 0, height: 0, lanes: [], steps: [], edges: edges.map((points) => ({ from: '', to: '', kind: 'next' as const, points })) });
    // Edge 2 crosses 1 at (20,10); 1 and 3 share y=10 from 30 to 40; 4 starts where 1 ends and
    // touches 3's middle (an end on a line is not a proper crossing).
    expect(m.crossings).toBe(1);
    expect(m.overlaps).toBe(1);
  });
});
