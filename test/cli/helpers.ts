import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'crmflow.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI (the built dist/) as a user would. */
export function crmflow(args: string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {}): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CRMFLOW_DEBUG: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, ...options, env });
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
  return JSON.parse(line.slice('IMPORTS '.length)) as string[];
}

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

/** No stack trace lines in the output. */
export function noStack(text: string): boolean {
  return !/\n\s+at .+\(.*:\d+:\d+\)/.test(text) && !/\bat [\w.<>]+ \(file:/.test(text);
}
