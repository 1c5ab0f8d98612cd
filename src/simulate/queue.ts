/**
 * The event queue: a binary heap in typed arrays keyed by (time, sequence number), so that
 * events at the same minute come out in the order they were scheduled, every run. An
 * event carries two integers (what happens, to whom) and allocates nothing.
 */
/** Added to the sequence number of late events; sequence numbers stay exact below 2^53. */
const LATE = 2 ** 48;

export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private a: Int32Array;
  private b: Int32Array;
  private n = 0;
  private counter = 0;
  /** Payload of the last popped event. */
  popA = 0;
  popB = 0;
  popTime = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.a = new Int32Array(capacity);
    this.b = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event, without removing it (the queue must not be empty). */
  get headTime(): number {
    return this.time[0]!;
  }

  /** Second payload of the earliest event, without removing it. */
  get headB(): number {
    return this.b[0]!;
  }

  /**
   * Schedules an event at `t` carrying `(a, b)`. A `late` event comes after every ordinary
   * event of the same minute (SimPy's priority): a task done exactly at its SLA limit is in time.
   */
  push(t: number, a: number, b: number, late = false): void {
    if (this.n === this.time.length) this.grow();
    const time = this.time;
    const seq = this.seq;
    const A = this.a;
    const B = this.b;
    const s = late ? LATE + this.counter++ : this.counter++;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = time[p]!;
      if (pt < t || (pt === t && seq[p]! < s)) break;
      time[i] = pt;
      seq[i] = seq[p]!;
      A[i] = A[p]!;
      B[i] = B[p]!;
      i = p;
    }
    time[i] = t;
    seq[i] = s;
    A[i] = a;
    B[i] = b;
  }

  /** Removes the earliest event into `popTime`, `popA`, `popB`; false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const time = this.time;
    const seq = this.seq;
    const A = this.a;
    const B = this.b;
    this.popTime = time[0]!;
    this.popA = A[0]!;
    this.popB = B[0]!;
    const n = --this.n;
    if (n === 0) return true;
    const t = time[n]!;
    const s = seq[n]!;
    const a = A[n]!;
    const b = B[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (time[r]! < time[c]! || (time[r] === time[c] && seq[r]! < seq[c]!))) c = r;
      const ct = time[c]!;
      if (t < ct || (t === ct && s < seq[c]!)) break;
      time[i] = ct;
      seq[i] = seq[c]!;
      A[i] = A[c]!;
      B[i] = B[c]!;
      i = c;
    }
    time[i] = t;
    seq[i] = s;
    A[i] = a;
    B[i] = b;
    return true;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const grow64 = (x: Float64Array) => {
      const y = new Float64Array(cap);
      y.set(x);
      return y;
    };
    const grow32 = (x: Int32Array) => {
      const y = new Int32Array(cap);
      y.set(x);
      return y;
    };
    this.time = grow64(this.time);
    this.seq = grow64(this.seq);
    this.a = grow32(this.a);
    this.b = grow32(this.b);
  }
}
