/**
 * How much `simulate` accepts, in a module without imports so that the CLI can check flags
 * before it loads the simulator.
 */

/**
 * The largest run crmflow accepts: 10 million cases per run (about two minutes of CPU on the
 * example) and 100 replications. Beyond that a typo (an extra zero) would run for hours.
 */
export const LIMITS = { cases: 10_000_000, runs: 100 } as const;

/** Replications of a `--compare` when none are asked for: enough for Welch's test to see a change. */
export const COMPARE_RUNS = 5;

/**
 * A whole number with thousands commas, as `toLocaleString('en-US')` writes it. For text built
 * when crmflow starts (help), which should not load ICU's number formats (~20 ms) on every run.
 */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
