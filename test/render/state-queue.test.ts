/**
 * The router's queue: smallest key first, ties in the order they went in, also after `clear`
 * and across its two stores (buckets for multiples of ½, a heap for any other key). Routes
 * stay the same only if it pops exactly as a (key, insertion number) order would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StateQueue } from '../../src/render/state-queue.js';

function drain(q: StateQueue): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (q.pop()) out.push([q.popKey, q.popState]);
  return out;
}

describe('StateQueue', () => {
  it('pops ties in insertion order, and after clear as a fresh queue would', () => {
    const q = new StateQueue(2);
    q.push(3, 1);
    q.push(1.5, 2);
    q.push(3, 3);
    q.push(1.5, 4);
    q.push(0, 5);
    expect(q.pop()).toBe(true);
    expect([q.popKey, q.popState]).toEqual([0, 5]);
    // A smaller key than the last popped one (the router's weighted search pushes those) comes next.
    q.push(0.5, 6);
    expect(drain(q)).toEqual([[0.5, 6], [1.5, 2], [1.5, 4], [3, 1], [3, 3]]);
    // Left-overs of one search are gone in the next; its ties again come in insertion order.
    q.push(7, 1);
    q.push(2, 2);
    q.clear();
    expect(q.size).toBe(0);
    q.push(2, 10);
    q.push(7, 11);
    q.push(2, 12);
    expect(drain(q)).toEqual([[2, 10], [2, 12], [7, 11]]);
  });

  it('orders keys that are not multiples of ½, negative or huge among the others', () => {
    const q = new StateQueue();
    q.push(1.25, 1);
    q.push(1, 2);
    q.push(-2, 3);
    q.push(5e6, 4);
    q.push(1.25, 5);
    q.push(1.5, 6);
    q.push(5e6, 7);
    q.push(Infinity, 8);
    expect(drain(q)).toEqual([[-2, 3], [1, 2], [1.25, 1], [1.25, 5], [1.5, 6], [5e6, 4], [5e6, 7], [Infinity, 8]]);
  });

  it('pops any sequence of pushes, pops and clears in (key, insertion) order', () => {
    // Keys in ½ steps with many ties, some quarter steps; -1 pops, -2 clears.
    const op = fc.oneof(fc.integer({ min: 0, max: 40 }).map((k) => k / 2), fc.integer({ min: 0, max: 40 }).map((k) => k / 4), fc.constant(-1), fc.constant(-1), fc.constant(-2));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const q = new StateQueue(4);
        // Reference: a plain list, the smallest key with the lowest insertion number first.
        let ref: Array<[number, number]> = [];
        let n = 0;
        for (const o of ops) {
          if (o === -2) {
            q.clear();
            ref = [];
          } else if (o === -1) {
            let at = -1;
            ref.forEach(([k], i) => {
              if (at < 0 || k < ref[at]![0]) at = i;
            });
            expect(q.pop()).toBe(at >= 0);
            if (at >= 0) expect([q.popKey, q.popState]).toEqual(ref.splice(at, 1)[0]);
          } else {
            q.push(o, n);
            ref.push([o, n++]);
          }
          expect(q.size).toBe(ref.length);
        }
      }),
    );
  });
});
