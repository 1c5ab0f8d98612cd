/**
 * `crmflow git-diff`: a git external diff driver. git hands it one file at a time as
 * `path old-file old-hex old-mode new-file new-hex new-mode [new-path rename-info]`; the
 * two sides are diffed as processes of the surrounding project (its crmflow.yaml gives the
 * roles). Checks that need the other processes (calls, refines, KPIs, orphans) are left out,
 * since only this file is known on both sides.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { t, type Lang } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import type { FileInput } from '../model/project.js';
import { CONFIG_FILE, findRoot } from '../model/root.js';
import { parseSource } from '../model/source.js';
import type { Finding, Project } from '../model/types.js';
import type { DiffReport } from './types.js';

const CROSS_PROCESS = new Set(['unknown-process', 'kpi-unknown-step', 'orphan-process', 'ref-cycle', 'layer-order', 'duplicate-id']);

export interface DriverResult {
  /** Null when neither side is a process: the caller shows a plain text diff instead. */
  report: DiffReport | null;
  path: string;
  /** The path after a rename (else `path`). */
  newPath: string;
  oldFile: string;
  newFile: string;
}

/** Diffs the two sides git hands over; `cwd` is where git runs the driver (the repository top). */
export async function runDriver(args: readonly string[], cwd: string, lang: Lang = 'en'): Promise<DriverResult> {
  if (args.length !== 7 && args.length !== 9) {
    throw new CrmflowError(
      `git-diff expects the 7 arguments git passes to an external diff driver, got ${args.length}`,
      'configure it in git (see README: git config diff.crmflow.command "crmflow git-diff") instead of running it by hand; use crmflow diff for that',
      'usage',
    );
  }
  const [path, oldFile, oldHex, , newFile, newHex] = args as [string, string, string, string, string, string, string];
  const newPath = args.length === 9 ? args[7]! : path;
  const abs = resolve(cwd, newPath);
  const root = findRoot(dirname(abs));
  const rel = (p: string) => relative(root, resolve(cwd, p)).split(sep).join('/');
  const configPath = join(root, CONFIG_FILE);
  const config: FileInput | undefined = existsSync(configPath) ? { path: CONFIG_FILE, bytes: readFileSync(configPath) } : undefined;
  const read = (file: string, at: string): FileInput[] => (file === '/dev/null' || !existsSync(file) ? [] : [{ path: rel(at), bytes: readFileSync(file) }]);
  const oldFiles = read(oldFile, path);
  const newFiles = read(newFile, newPath);
  const none = { report: null, path, newPath, oldFile, newFile };
  // git starts the driver once per file: a file that is no process on either side gets its text
  // diff without loading validation and lint (zod, CEL, the rules), which only processes need.
  if (![...oldFiles, ...newFiles].some((f) => mayBeProcess(f))) return none;
  const [{ buildProject }, { diffProjects }, { lintFindings }] = await Promise.all([import('../model/project.js'), import('./diff.js'), import('./lint-findings.js')]);
  const before = buildProject({ root, config, files: oldFiles });
  const after = buildProject({ root, config, files: newFiles });
  if (before.processes.size === 0 && after.processes.size === 0) return none;
  const lint = await lintFindings();
  const findings = (p: Project): Finding[] => lint(p).filter((f) => !CROSS_PROCESS.has(f.rule) && f.file !== CONFIG_FILE);
  // git passes 0000000 for a side it has not hashed: the working tree when the file is there, else no file.
  const label = (hex: string, file: string) => (file === '/dev/null' ? t(lang, 'driver.noFile') : /^0+$/.test(hex) || hex === '.' ? t(lang, 'driver.workingTree') : hex.slice(0, 7));
  const report = diffProjects(before, after, { from: `a/${path} (${label(oldHex, oldFile)})`, to: `b/${newPath} (${label(newHex, newFile)})`, findings });
  return { report, path, newPath, oldFile, newFile };
}

/**
 * Whether `buildProject` could read a process from the file: only a mapping with a list of
 * steps can be one. The same parse as `buildProject`'s, so "no" is certain.
 */
function mayBeProcess(file: FileInput): boolean {
  const { data } = parseSource(file.path, file.bytes);
  return data !== null && typeof data === 'object' && !Array.isArray(data) && Array.isArray((data as { steps?: unknown }).steps);
}

/**
 * git's own text diff of two files with the repository paths in its headers instead of the
 * temporary files git handed over (`a/tmp/git-blob-…/README.md`).
 */
export function relabelTextDiff(text: string, r: Pick<DriverResult, 'path' | 'newPath' | 'oldFile' | 'newFile'>): string {
  const a = r.oldFile === '/dev/null' ? '/dev/null' : `a/${r.path}`;
  const b = r.newFile === '/dev/null' ? '/dev/null' : `b/${r.newPath}`;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && !lines[i]!.startsWith('@@'); i++) {
    const l = lines[i]!;
    if (l.startsWith('diff --git ')) lines[i] = `diff --git a/${r.path} b/${r.newPath}`;
    else if (l.startsWith('--- ')) lines[i] = `--- ${a}`;
    else if (l.startsWith('+++ ')) lines[i] = `+++ ${b}`;
    else if (/^(rename|copy) (from|to) /.test(l)) lines[i] = l.replace(/ (from|to) .*/, (_m, w: string) => ` ${w} ${w === 'from' ? r.path : r.newPath}`);
  }
  return lines.join('\n');
}
