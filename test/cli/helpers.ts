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

/** No stack trace lines in the output. */
export function noStack(text: string): boolean {
  return !/\n\s+at .+\(.*:\d+:\d+\)/.test(text) && !/\bat [\w.<>]+ \(file:/.test(text);
}
