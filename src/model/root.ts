/**
 * Where a project starts: the folder with crmflow.yaml. A module of its own, without the
 * file globbing of load.ts, so that the git diff driver (started once per file) can use it.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CONFIG_FILE = 'crmflow.yaml';

/** The nearest folder at or above `cwd` with crmflow.yaml; `cwd` itself when there is none. */
export function findRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}
