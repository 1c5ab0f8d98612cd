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
