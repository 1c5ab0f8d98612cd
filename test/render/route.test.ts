/** Edges sharing a channel are drawn apart, also when both pieces end on a port. */
import { describe, expect, it } from 'vitest';
import { separate, type Point } from '../../src/render/route.js';

/** Length two axis-parallel segments share on one line (0 when they are not on one line). */
function shared(a: Point, b: Point, c: Point, d: Point): number {
  if (a.y === b.y && c.y === d.y && a.y === c.y) return Math.min(Math.max(a.x, b.x), Math.max(c.x, d.x)) - Math.max(Math.min(a.x, b.x), Math.min(c.x, d.x));
  if (a.x === b.x && c.x === d.x && a.x === c.x) return Math.min(Math.max(a.y, b.y), Math.max(c.y, d.y)) - Math.max(Math.min(a.y, b.y), Math.min(c.y, d.y));
  return 0;
}

describe('separate', () => {
  it('moves a piece ending on a port aside with a jog next to the port when another port piece shares its line', () => {
    // A leaves its port at (0,10) and turns down at x=50; B comes down at x=30 and ends on
    // its port at (90,10): both pieces lie on y=10 between x=30 and x=50.
    const a = [{ x: 0, y: 10 }, { x: 50, y: 10 }, { x: 50, y: 40 }];
    const b = [{ x: 30, y: 0 }, { x: 30, y: 10 }, { x: 90, y: 10 }];
    expect(shared(a[0]!, a[1]!, b[1]!, b[2]!)).toBe(20);
    const [ra, rb] = separate([a, b]);
    // Ports stay where they were.
    expect(ra![0]).toEqual(a[0]);
    expect(ra!.at(-1)).toEqual(a.at(-1));
    expect(rb![0]).toEqual(b[0]);
    expect(rb!.at(-1)).toEqual(b.at(-1));
    for (const r of [ra!, rb!]) for (let k = 1; k < r.length; k++) expect(r[k - 1]!.x === r[k]!.x || r[k - 1]!.y === r[k]!.y).toBe(true);
    for (let i = 1; i < ra!.length; i++) for (let j = 1; j < rb!.length; j++) expect(shared(ra![i - 1]!, ra![i]!, rb![j - 1]!, rb![j]!)).toBeLessThanOrEqual(1);
  });
});
