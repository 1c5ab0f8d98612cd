/**
 * Where crmflow's own files are (package.json, fonts/, schemas/, examples/), and where a
 * worker thread's entry file is. The code runs from three places: src/<area>/*.ts under
 * vitest, dist/<area>/*.js after tsc, and dist/bundle/*.js (scripts/bundle.mjs, what
 * bin/crmflow.js runs). Each is two folders below the package, so one relative URL serves
 * all three; the bundle marks itself with CRMFLOW_BUNDLE (an esbuild define).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

declare const CRMFLOW_BUNDLE: boolean | undefined;

/** The package's folder, with a trailing separator. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A file of the package by its path from the package's folder, e.g. `fonts/DejaVuSans.ttf`. */
export const packageFile = (rel: string): string => fileURLToPath(new URL(`../../${rel}`, import.meta.url));

let pkgVersion: string | undefined;
/** crmflow's version from its package.json ('0.0.0' when it cannot be read). */
export function packageVersion(): string {
  if (pkgVersion !== undefined) return pkgVersion;
  try {
    pkgVersion = (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    pkgVersion = '0.0.0';
  }
  return pkgVersion;
}

/**
 * The built entry file of `area`'s worker thread (src/<area>/worker.ts): dist/<area>/worker.js
 * after tsc, dist/bundle/<area>-worker.js in the bundle. Undefined when there is none, as
 * under vitest (Node cannot start a worker from TypeScript): callers then run in-thread.
 */
export function workerFile(area: string): string | undefined {
  const url = typeof CRMFLOW_BUNDLE !== 'undefined' && CRMFLOW_BUNDLE ? new URL(`./${area}-worker.js`, import.meta.url) : new URL(`../${area}/worker.js`, import.meta.url);
  const path = fileURLToPath(url);
  return existsSync(path) ? path : undefined;
}
