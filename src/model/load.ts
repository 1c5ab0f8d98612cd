/**
 * Reads a project from disk: finds the root, globs the process files, reads them and hands
 * the contents to `buildProject`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, parse as parsePath, relative, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import { CrmflowError } from './errors.js';
import { msg } from '../i18n/index.js';
import { buildProject, type FileInput } from './project.js';
import { CONFIG_FILE, findRoot } from './root.js';
import { MAX_FILE_BYTES, parseSource } from './source.js';
import type { Project } from './types.js';

export { CONFIG_FILE, findRoot } from './root.js';
export const DEFAULT_PROCESS_GLOB = 'processes/**/*.{yaml,yml}';

export interface LoadOptions {
  /** Where to start looking for crmflow.yaml (default: the current folder). */
  cwd?: string;
  /**
   * Files or folders named on the command line. Every process of the project is still
   * loaded (references need them); these are added when outside the glob and recorded in
   * `selected` so a command can report on them alone.
   */
  paths?: string[];
  /**
   * Accept a folder with neither crmflow.yaml nor process files (a git working tree whose
   * processes were all deleted). Otherwise that is refused: a check of nothing is no check.
   */
  allowEmpty?: boolean;
}

export interface LoadedProject extends Project {
  /** Project-relative files named by `paths` (all process files when none were named). */
  selected: Set<string>;
}


/** Loads the project around `cwd`. Throws `CrmflowError` only when it cannot run at all. */
export async function loadProject(options: LoadOptions = {}): Promise<LoadedProject> {
  const cwd = resolve(options.cwd ?? process.cwd());
  // With a single folder argument that has its own crmflow.yaml, that folder is the project.
  const firstDir = options.paths?.length === 1 ? resolve(cwd, options.paths[0]!) : undefined;
  const startAt = firstDir && isDir(firstDir) ? firstDir : cwd;
  const root = findRoot(startAt);

  const configPath = join(root, CONFIG_FILE);
  const config: FileInput | undefined = existsSync(configPath) ? { path: CONFIG_FILE, bytes: await readBytes(configPath, CONFIG_FILE) } : undefined;

  const patterns = await processPatterns(config);
  const found = await glob(patterns, { cwd: root, onlyFiles: true, dot: false, ignore: ['**/node_modules/**'], expandDirectories: false });
  const files = new Set(found.map((f) => f.split(sep).join('/')));

  const selected = new Set<string>();
  for (const p of options.paths ?? []) {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) throw new CrmflowError(msg('load.noSuchPath', { path: p }), msg('load.noSuchPathHint'));
    const rel = toRel(root, abs);
    if (isDir(abs)) {
      const inside = await glob(['**/*.{yaml,yml}'], { cwd: abs, onlyFiles: true, ignore: ['**/node_modules/**'] });
      if (inside.length === 0) throw new CrmflowError(msg('load.emptyFolder', { path: p }), msg('load.emptyFolderHint'));
      for (const f of inside) {
        const r = toRel(root, join(abs, f));
        if (r === CONFIG_FILE) continue;
        selected.add(r);
        files.add(r);
      }
    } else {
      if (!/\.ya?ml$/i.test(abs)) throw new CrmflowError(msg('load.notYaml', { path: p }), msg('load.notYamlHint'));
      if (rel === CONFIG_FILE) {
        selected.add(rel);
        continue;
      }
      selected.add(rel);
      files.add(rel);
    }
  }
  if (!options.paths?.length) for (const f of files) selected.add(f);
  if (!config && files.size === 0 && !options.allowEmpty) {
    throw new CrmflowError(
      msg('load.noProject', { config: CONFIG_FILE, from: startAt, root: parsePath(startAt).root, glob: DEFAULT_PROCESS_GLOB }),
      msg('load.noProjectHint'),
      'no-project',
    );
  }

  const inputs: FileInput[] = [];
  for (const f of [...files].sort()) inputs.push({ path: f, bytes: await readBytes(isAbsolute(f) ? f : join(root, f), f) });
  const project = buildProject({ root, config, files: inputs });
  if (project.configFile && (options.paths?.length ?? 0) === 0) selected.add(CONFIG_FILE);
  return Object.assign(project, { selected });
}

async function processPatterns(config: FileInput | undefined): Promise<string[]> {
  if (!config) return [DEFAULT_PROCESS_GLOB];
  // Read the glob with the parser buildProject uses (js-yaml when the file is clean, so no `yaml`
  // package to load); buildProject reports config errors properly.
  try {
    const data = parseSource(CONFIG_FILE, config.bytes).data as { processes?: unknown } | null | undefined;
    const p = data?.processes;
    if (typeof p === 'string') return [p];
    if (Array.isArray(p) && p.every((x) => typeof x === 'string')) return p as string[];
  } catch {
    // fall through to the default; the parse error is reported by buildProject
  }
  return [DEFAULT_PROCESS_GLOB];
}

async function readBytes(abs: string, shown: string): Promise<Uint8Array> {
  let st;
  try {
    st = statSync(abs);
  } catch (e) {
    throw new CrmflowError(msg('load.cannotRead', { path: shown, code: (e as NodeJS.ErrnoException).code ?? 'error' }), msg('load.cannotReadHint'));
  }
  if (st.isDirectory()) throw new CrmflowError(msg('load.isFolder', { path: shown }), msg('load.isFolderHint'));
  if (st.size > MAX_FILE_BYTES) {
    // buildProject turns an over-long file into a finding; hand it a marker of the right size without reading it all.
    return new Uint8Array(MAX_FILE_BYTES + 1);
  }
  try {
    // Synchronous reads: for a thousand small files they beat awaiting each one.
    return readFileSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CrmflowError(msg('load.cannotRead', { path: shown, code: code ?? 'error' }), msg(code === 'EACCES' ? 'load.permissionsHint' : 'load.cannotReadHint'));
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function toRel(root: string, abs: string): string {
  const r = relative(root, abs);
  if (r.startsWith('..') || isAbsolute(r)) return abs.split(sep).join('/');
  return r.split(sep).join('/');
}

/**
 * The project whose root holds `dir` (or `dir` itself), when it has a crmflow.yaml and loads;
 * else undefined. For commands that write into a project and use what it declares (import,
 * discover) but work without one.
 */
export async function loadProjectAround(dir: string): Promise<{ root: string; project?: LoadedProject }> {
  const root = findRoot(dir);
  if (!existsSync(join(root, 'crmflow.yaml'))) return { root };
  try {
    return { root, project: await loadProject({ cwd: root }) };
  } catch {
    return { root };
  }
}

