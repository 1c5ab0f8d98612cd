/** Copies a bundled example project: crmflow's own processes/ and data/, or one of examples/, with schemas/. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { UsageError } from './io.js';
import { msg } from '../i18n/index.js';
import { writeFileAtomic } from '../model/write.js';
import { PACKAGE_ROOT } from '../model/package-root.js';

const TEMPLATE = ['crmflow.yaml', 'processes', 'data', 'schemas'];
/** The examples `init --example` knows, in examples/<name>/ (crmflow.yaml, processes/, data/). */
export const EXAMPLES: Record<string, string> = {
  'lead-to-cash': 'the lead-to-cash example in three layers (the default)',
  'after-sales-zh': '售后工单 in Chinese: 受理 → 分级 → 一线解决 / 投诉升级 → 回访, 7×24 and 2026 working-day calendars with 调休',
};

/** Writes the example into `dir`; refuses to overwrite unless `force`. Returns the files written. */
export async function scaffold(dir: string, force: boolean, example = 'lead-to-cash'): Promise<string[]> {
  if (!(example in EXAMPLES)) {
    throw new UsageError(msg('cli.unknownExample', { example }), msg('cli.unknownExampleHint', { examples: Object.keys(EXAMPLES).join(', ') }));
  }
  const target = resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory()) throw new UsageError(msg('cli.notAFolder', { path: dir }));
  const root = example === 'lead-to-cash' ? PACKAGE_ROOT : join(PACKAGE_ROOT, 'examples', example);
  const files: string[] = [];
  for (const entry of TEMPLATE) collect(join(entry === 'schemas' ? PACKAGE_ROOT : root, entry), files);
  // Paths in the new project: the example's own files sit at its top, like crmflow's.
  const source = new Map(files.map((f) => [relative(f.startsWith(root) ? root : PACKAGE_ROOT, f), f]));
  const rel = [...source.keys()];
  const clashes = rel.filter((r) => existsSync(join(target, r)));
  if (clashes.length && !force) {
    throw new UsageError(
      `${clashes.length} file${clashes.length === 1 ? '' : 's'} already exist in ${dir} (e.g. ${clashes[0]}); nothing was written`,
      'use --force to overwrite them, or pick an empty folder',
    );
  }
  for (const r of rel) writeFileAtomic(join(target, r), readFileSync(source.get(r)!));
  return rel.map((r) => r.split('\\').join('/'));
}

function collect(path: string, into: string[]): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const e of readdirSync(path).sort()) collect(join(path, e), into);
  } else into.push(path);
}
