/** Copies the bundled example project (crmflow's own processes/, data/, schemas/). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './io.js';
import { writeFileAtomic } from '../model/write.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TEMPLATE = ['crmflow.yaml', 'processes', 'data', 'schemas'];

/** Writes the example into `dir`; refuses to overwrite unless `force`. Returns the files written. */
export async function scaffold(dir: string, force: boolean): Promise<string[]> {
  const target = resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory()) throw new UsageError(`${dir} is a file, not a folder`);
  const files: string[] = [];
  for (const entry of TEMPLATE) collect(join(PACKAGE_ROOT, entry), files);
  const rel = files.map((f) => relative(PACKAGE_ROOT, f));
  const clashes = rel.filter((r) => existsSync(join(target, r)));
  if (clashes.length && !force) {
    throw new UsageError(
      `${clashes.length} file${clashes.length === 1 ? '' : 's'} already exist in ${dir} (e.g. ${clashes[0]}); nothing was written`,
      'use --force to overwrite them, or pick an empty folder',
    );
  }
  for (const r of rel) writeFileAtomic(join(target, r), readFileSync(join(PACKAGE_ROOT, r)));
  return rel.map((r) => r.split('\\').join('/'));
}

function collect(path: string, into: string[]): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const e of readdirSync(path).sort()) collect(join(path, e), into);
  } else into.push(path);
}
