/**
 * The 1-D Wasserstein (earth mover's) distance between two samples, each value equally
 * weighted within its sample: the area between the two empirical CDFs, as scipy's
 * `wasserstein_distance(u, v)` computes it. Samples may differ in size.
 */
export function wasserstein(u: readonly number[], v: readonly number[]): number {
  if (u.length === 0 || v.length === 0) return NaN;
  const a = Float64Array.from(u).sort();
  const b = Float64Array.from(v).sort();
  let i = 0;
  let j = 0;
  let area = 0;
  let x = Math.min(a[0]!, b[0]!);
  // Walk the merged sorted values; between two of them both CDFs are constant.
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    area += Math.abs(i / a.length - j / b.length) * (next - x);
    x = next;
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;
  }
  return area;
}
