/**
 * bin/crmflow.js raises V8's tier-up budget for the commands that lay out diagrams with elkjs
 * (render, export, site), not for the others (a long simulation is slower with it), and never
 * over a budget the user gave node.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';

const RECORDER = join(ROOT, 'test', 'cli', 'fixtures', 'record-v8-flags.mjs');

function flagsSet(args: string[], nodeArgs: string[] = []): string[] {
  const env = { ...process.env, NO_COLOR: '1' };
  const r = spawnSync(process.execPath, [...nodeArgs, '--import', RECORDER, BIN, ...args], { cwd: ROOT, encoding: 'utf8', env });
  expect(r.status, r.stderr).toBe(0);
  return r.stderr.split('\n').filter((l) => l.startsWith('V8FLAGS ')).map((l) => l.slice('V8FLAGS '.length));
}

describe('tier-up budget', () => {
  it('is raised for render, export and site', () => {
    for (const command of ['render', 'export', 'site']) expect(flagsSet([command, '--help']), command).toEqual(['--interrupt-budget=1000000']);
  });
  it('stays at the default of V8 for the other commands', () => {
    for (const command of ['simulate', 'validate', 'lint']) expect(flagsSet([command, '--help']), command).toEqual([]);
    expect(flagsSet(['--version'])).toEqual([]);
  });
  it('is the user’s when given on node’s command line (NODE_OPTIONS cannot carry it)', () => {
    expect(flagsSet(['render', '--help'], ['--interrupt-budget=50000'])).toEqual([]);
    expect(flagsSet(['render', '--help'], ['--interrupt_budget=50000'])).toEqual([]);
  });
});
