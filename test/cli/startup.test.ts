/** The start-up path must stay light: no elkjs, resvg, React, ink or simple-git for --version or lint. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';

const HEAVY = ['elkjs', '@resvg', 'react', '/ink/', 'simple-git', 'bpmn-moddle', 'luxon'];

function importsOf(args: string[]): string[] {
  const r = spawnSync(process.execPath, ['--import', join(import.meta.dirname, 'fixtures', 'trace-imports.mjs'), BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const line = r.stderr.split('\n').find((l) => l.startsWith('IMPORTS '));
  expect(line, r.stderr).toBeDefined();
  return JSON.parse(line!.slice('IMPORTS '.length)) as string[];
}

describe('start-up', () => {
  it('--version loads no heavy module', () => {
    const urls = importsOf(['--version']);
    expect(urls.some((u) => u.includes('commander'))).toBe(true);
    for (const h of HEAVY) expect(urls.filter((u) => u.includes(h)), h).toEqual([]);
  });
  it('validate loads no heavy module', () => {
    const urls = importsOf(['validate']);
    expect(urls.some((u) => u.includes('/model/load.js'))).toBe(true);
    for (const h of HEAVY) expect(urls.filter((u) => u.includes(h)), h).toEqual([]);
  });
});
