/**
 * The router's priority queue of search states, keyed by (cost estimate, insertion number) so
 * that ties come out in the order they went in and routes are the same every run. The order is
 * total, so any correct queue gives the same pops; this one is built for the router's keys,
 * which are multiples of ½ px (integer grid lines, integer costs, weights 1 and 1.5): one FIFO
 * list per ½ px (a bucket queue, no comparisons at all), and a binary heap for any other key.
 * One queue serves every search of a routing call: `clear` empties it and starts the insertion
 * numbers again, so each search sees the same order a fresh queue would give.
 */
import { EventQueue } from '../simulate/queue.js';

/** Keys from 0 up to this many ½ px go into buckets (1 M px: far beyond any real diagram). */
const MAX_BUCKETS = 1 << 21;

export class StateQueue {
  // Buckets: first and last entry of the list of key b / 2, -1 when empty.
  private head = new Int32Array(1024).fill(-1);
  private tail = new Int32Array(1024);
  /** Entries by insertion number: the next one in the same bucket, and the state carried. */
  private next: Int32Array;
  private state: Int32Array;
  private count = 0;
  private inBuckets = 0;
  /** No bucket below this one holds an entry. */
  private cur = 0;
  /** Buckets touched since the last `clear`. */
  private lo = MAX_BUCKETS;
  private hi = -1;
  /** The other keys, with the state and the insertion number as payload (its own tie order is insertion order too). */
  private others = new EventQueue(16);
  /** Key and state of the last popped entry. */
  popKey = 0;
  popState = 0;

  constructor(capacity = 1024) {
    this.next = new Int32Array(capacity);
    this.state = new Int32Array(capacity);
  }

  get size(): number {
    return this.inBuckets + this.others.size;
  }

  /** Empties the queue for the next search, keeping its memory. */
  clear(): void {
    if (this.hi >= 0) this.head.fill(-1, this.lo, this.hi + 1);
    this.lo = MAX_BUCKETS;
    this.hi = -1;
    this.count = 0;
    this.inBuckets = 0;
    if (this.others.size) this.others = new EventQueue(16);
    this.cur = 0;
  }

  push(key: number, state: number): void {
    const b = key * 2;
    if (!(b >= 0 && b < MAX_BUCKETS && (b | 0) === b)) return this.others.push(key, state, this.count++);
    if (b >= this.head.length) this.growBuckets(b);
    if (this.count >= this.next.length) this.growEntries();
    const e = this.count++;
    this.state[e] = state;
    this.next[e] = -1;
    const head = this.head;
    if (head[b] === -1) head[b] = e;
    else this.next[this.tail[b]!] = e;
    this.tail[b] = e;
    if (this.inBuckets === 0 || b < this.cur) this.cur = b;
    this.inBuckets++;
    if (b < this.lo) this.lo = b;
    if (b > this.hi) this.hi = b;
  }

  /** Removes the smallest entry into `popKey` and `popState`; false when empty. */
  pop(): boolean {
    if (this.inBuckets === 0) return this.others.size > 0 && this.popOther();
    const head = this.head;
    let b = this.cur;
    while (head[b] === -1) b++;
    this.cur = b;
    const e = head[b]!;
    if (this.others.size > 0) {
      const k = this.others.headTime;
      if (k < b / 2 || (k === b / 2 && this.others.headB < e)) return this.popOther();
    }
    head[b] = this.next[e]!;
    this.inBuckets--;
    this.popKey = b / 2;
    this.popState = this.state[e]!;
    return true;
  }

  private popOther(): boolean {
    this.others.pop();
    this.popKey = this.others.popTime;
    this.popState = this.others.popA;
    return true;
  }

  private growBuckets(b: number): void {
    let cap = this.head.length;
    while (cap <= b) cap *= 2;
    const head = new Int32Array(cap).fill(-1);
    head.set(this.head);
    this.head = head;
    this.tail = grow(this.tail, new Int32Array(cap));
  }

  private growEntries(): void {
    let cap = this.next.length;
    while (cap <= this.count) cap *= 2;
    this.next = grow(this.next, new Int32Array(cap));
    this.state = grow(this.state, new Int32Array(cap));
  }
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
