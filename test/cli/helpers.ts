import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'crmflow.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (the built dist/) as a user would. */
export function crmflow(args: string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv; bin?: string } = {}): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CRMFLOW_DEBUG: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const { bin = BIN, ...spawnOptions } = options;
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, ...spawnOptions, env });
  return { code: r.status ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** Heavy packages (or scopes) the start-up path (`--version`, `validate`, `lint`) must not load. */
export const HEAVY = ['elkjs', '@resvg', 'react', 'ink', 'simple-git', 'bpmn-moddle', 'luxon'];

/**
 * Every module `node script args…` loads, ES imports and CommonJS requires (createRequire
 * included), as URLs or paths, recorded by test/cli/fixtures/trace-imports.mjs.
 */
export function loadedModules(script: string, args: string[] = [], cwd = ROOT): string[] {
  const tracer = join(ROOT, 'test', 'cli', 'fixtures', 'trace-imports.mjs');
  const r = spawnSync(process.execPath, ['--import', tracer, script, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const line = r.stderr.split('\n').find((l) => l.startsWith('IMPORTS '));
  if (!line) throw new Error(`the module tracer printed nothing (exit ${r.status}): ${r.stderr.slice(0, 800)}`);
  return withBundledSources(JSON.parse(line.slice('IMPORTS '.length)) as string[]);
}

/** The bundle bin/crmflow.js runs (scripts/bundle.mjs), and esbuild's account of it. */
export const BUNDLE = join(ROOT, 'dist', 'bundle');
interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }>;
}
let metafile: Metafile | undefined;

/**
 * `loaded` plus, for each chunk of the bundle in it, the files that chunk was built from, as
 * `bundled:<absolute path>` (from dist/bundle/meta.json): a module inside a chunk is loaded
 * exactly when its chunk is, so checks on sources and packages read the same either way.
 */
export function withBundledSources(loaded: readonly string[]): string[] {
  const out = [...loaded];
  for (const u of new Set(loaded)) {
    if (!u.startsWith('file:')) continue;
    const path = fileURLToPath(u);
    if (!path.startsWith(BUNDLE + sep)) continue;
    metafile ??= JSON.parse(readFileSync(join(BUNDLE, 'meta.json'), 'utf8')) as Metafile;
    const chunk = metafile.outputs[relative(ROOT, path).split(sep).join('/')];
    if (!chunk) throw new Error(`${path} is not in dist/bundle/meta.json: rebuild with npm run build`);
    for (const input of Object.keys(chunk.inputs)) out.push(`bundled:${join(ROOT, input)}`);
  }
  return out;
}

/** Modules of dist/ that are not the bundle's: what a command loads from tsc's output instead. */
export const outsideBundle = (loaded: readonly string[]): string[] =>
  loaded.filter((u) => u.startsWith('file:') && fileURLToPath(u).startsWith(join(ROOT, 'dist') + sep) && !fileURLToPath(u).startsWith(BUNDLE + sep));

/** The heavy modules among `loaded`, by name: `{ elkjs: [paths…] }`, empty when none. */
export function heavyIn(loaded: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const h of HEAVY) {
    // By folder under node_modules, so a clone under a folder called "react" is no false alarm.
    const hits = loaded.filter((u) => u.includes(`/node_modules/${h}/`));
    if (hits.length) out[h] = hits;
  }
  return out;
}

/**
 * A copy of the CLI that any user can run: bin/, dist/, package.json and the files under
 * node_modules that `crmflow <args>` loads (each run in `runs` traced as the current user),
 * in a fresh folder of mode 755 under the system temp folder. Tests that drop to uid 65534
 * use it, because the clone may sit under a folder that user cannot enter (/root, mktemp -d).
 */
export function worldReadableCli(runs: { args: string[]; cwd: string }[]): { bin: string; remove(): void } {
  const files = new Set<string>([join(ROOT, 'package.json')]);
  for (const { args, cwd } of runs)
    for (const u of loadedModules(BIN, args, cwd)) {
      const p = u.startsWith('file:') ? fileURLToPath(u) : u.startsWith('require:') ? u.slice('require:'.length) : undefined;
      if (p && p.startsWith(join(ROOT, 'node_modules') + sep)) files.add(p);
    }
  // Resolution reads each package's package.json ("type", "exports", "main").
  for (const f of [...files])
    for (let d = dirname(f); d.startsWith(join(ROOT, 'node_modules')); d = dirname(d)) if (existsSync(join(d, 'package.json'))) files.add(join(d, 'package.json'));
  const dir = mkdtempSync(join(tmpdir(), 'crmflow-readable-'));
  for (const f of files) {
    const target = join(dir, relative(ROOT, f));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(f, target);
  }
  for (const d of ['bin', 'dist']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  // Whatever the umask of the clone: folders 755, files 644.
  const open = (p: string) => {
    const isDir = statSync(p).isDirectory();
    chmodSync(p, isDir ? 0o755 : 0o644);
    if (isDir) for (const n of readdirSync(p)) open(join(p, n));
  };
  open(dir);
  return { bin: join(dir, 'bin', 'crmflow.js'), remove: () => spawnSync('rm', ['-rf', dir]) };
}

/** No stack trace lines in the output. */
export function noStack(text: string): boolean {
  return !/\n\s+at .+\(.*:\d+:\d+\)/.test(text) && !/\bat [\w.<>]+ \(file:/.test(text);
}
