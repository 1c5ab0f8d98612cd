/** The event queue: earliest first, ties in scheduling order, late events after the others. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/simulate/queue.js';

function drain(q: EventQueue): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (q.pop()) out.push([q.popTime, q.popA]);
  return out;
}

describe('EventQueue', () => {
  it('breaks ties by the order events were scheduled, and puts late events last', () => {
    const q = new EventQueue(2);
    q.push(10, 1, 0);
    q.push(5, 2, 0);
    q.push(10, 3, 0, true);
    q.push(10, 4, 0);
    q.push(5, 5, 0);
    expect(drain(q)).toEqual([[5, 2], [5, 5], [10, 1], [10, 4], [10, 3]]);
  });

  it('pops any schedule in (time, sequence) order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue(4);
        times.forEach((t, i) => q.push(t, i, 0));
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(drain(q)).toEqual(expected);
      }),
    );
  });
});
