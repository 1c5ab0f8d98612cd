/**
 * Streaming statistics: a count, an exact sum and maximum, and quantiles from an HDR
 * histogram (hdr-histogram-js), so memory stays the same whatever the number of cases.
 * Values are minutes, recorded at a resolution of 0.1 minute with 3 significant digits.
 */
import * as hdr from 'hdr-histogram-js';

const SCALE = 10;

export class Quantiles {
  count = 0;
  sum = 0;
  max = 0;
  private readonly h = hdr.build({ bitBucketSize: 32, autoResize: true, numberOfSignificantValueDigits: 3 });

  record(minutes: number): void {
    const v = minutes > 0 ? minutes : 0;
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
    this.h.recordValue(Math.round(v * SCALE));
  }

  get mean(): number {
    return this.count ? this.sum / this.count : 0;
  }

  /** The q-quantile (0–1) in minutes; 0 when nothing was recorded. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    return Math.min(this.max, this.h.getValueAtPercentile(q * 100) / SCALE);
  }
}
