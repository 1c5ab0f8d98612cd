/**
 * Streaming statistics: a count, an exact sum and maximum, and quantiles from an HDR
 * histogram (hdr-histogram-js), so memory stays the same whatever the number of cases.
 * Values are minutes, recorded at a resolution of 0.1 minute with 3 significant digits.
 */
import * as hdr from 'hdr-histogram-js';

const SCALE = 10;

/** hdr-histogram-js's WebAssembly build records about six times faster than its JS build. */
let wasm: boolean | undefined;
function useWasm(): boolean {
  if (wasm === undefined) {
    try {
      hdr.initWebAssemblySync();
      wasm = true;
    } catch {
      wasm = false;
    }
  }
  return wasm;
}

export class Quantiles {
  count = 0;
  sum = 0;
  max = 0;
  private last = -1;
  private run = 0;
  // Built on first need: a process of many steps most cases never enter costs nothing.
  private hist: hdr.Histogram | undefined;
  private get h(): hdr.Histogram {
    this.hist ??= hdr.build({ bitBucketSize: 32, autoResize: true, numberOfSignificantValueDigits: 3, useWebAssembly: useWasm() });
    return this.hist;
  }

  record(minutes: number): void {
    const v = minutes > 0 ? minutes : 0;
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
    // Runs of the same value (zero waits of unlimited roles, fixed durations) are common:
    // count them and hand them to the histogram in one call.
    const x = Math.round(v * SCALE);
    if (x === this.last) this.run++;
    else {
      if (this.run > 0) this.h.recordValueWithCount(this.last, this.run);
      this.last = x;
      this.run = 1;
    }
  }

  private flush(): void {
    if (this.run > 0) this.h.recordValueWithCount(this.last, this.run);
    this.run = 0;
    this.last = -1;
  }

  /** Frees the histogram's WebAssembly memory; the quantiles cannot be asked for afterwards. */
  dispose(): void {
    this.hist?.destroy();
    this.hist = undefined;
  }

  get mean(): number {
    return this.count ? this.sum / this.count : 0;
  }

  /** The q-quantile (0–1) in minutes; 0 when nothing was recorded. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    // One distinct value so far: it is every quantile, no histogram needed.
    if (!this.hist && this.run === this.count) return Math.min(this.max, this.last / SCALE);
    this.flush();
    return Math.min(this.max, this.h.getValueAtPercentile(q * 100) / SCALE);
  }
}
