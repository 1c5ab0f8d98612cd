/**
 * The seed of the property tests. In CI it is fixed (a red build must be reproducible and
 * never depend on luck); on a developer's machine each run explores new cases. FC_SEED=n
 * pins it anywhere. A failure names the seed and the command that replays it.
 */
import fc from 'fast-check';

/** The seed when CI is set and FC_SEED is not (`.ci/run` sets FC_SEED to the same). */
export const CI_SEED = 20261123;

/** FC_SEED if set (a whole number), else CI_SEED under CI, else a fresh one. */
export function propertySeed(env: NodeJS.ProcessEnv): number {
  const pinned = env.FC_SEED?.trim();
  if (pinned) {
    if (!/^-?\d+$/.test(pinned)) throw new Error(`FC_SEED must be a whole number, not "${env.FC_SEED}"`);
    return Number(pinned) | 0;
  }
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return CI_SEED;
  return (Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0;
}

/** The failure message: fast-check's report, then how to run the same cases again. */
export function failureMessage<T>(details: fc.RunDetails<T>): string {
  return `${fc.defaultReportMessage(details)}\nreplay with: FC_SEED=${details.seed} npx vitest run test/property`;
}

function report<T>(details: fc.RunDetails<T>): void {
  if (details.failed) throw new Error(failureMessage(details));
}

/** Sets the seed of every property in this worker; returns it. */
export function configureSeed(env: NodeJS.ProcessEnv = process.env): number {
  const seed = propertySeed(env);
  fc.configureGlobal({ seed, reporter: report });
  return seed;
}
