/** The start-up path must stay light: no elkjs, resvg, React, ink or simple-git for --version or lint. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, heavyIn, loadedModules, outsideBundle } from './helpers.js';

const FIX = join(import.meta.dirname, 'fixtures');

describe('start-up', () => {
  it('--version loads no heavy module', () => {
    const loaded = loadedModules(BIN, ['--version']);
    expect(loaded.some((u) => u.includes('/dist/bundle/main.js'))).toBe(true);
    expect(loaded.some((u) => u.includes('/node_modules/commander/'))).toBe(true);
    expect(outsideBundle(loaded)).toEqual([]);
    expect(heavyIn(loaded)).toEqual({});
    // Validation is not needed to print a version.
    expect(loaded.filter((u) => u.includes('/node_modules/zod/') || u.includes('/src/model/schema.ts'))).toEqual([]);
    // string-width builds an Intl.Segmenter as it loads (~30 ms): only the tables that need it load it.
    expect(loaded.filter((u) => u.includes('/node_modules/string-width/'))).toEqual([]);
  });
  it('validate loads no heavy module', () => {
    const loaded = loadedModules(BIN, ['validate']);
    expect(loaded.some((u) => u.includes('/src/model/load.ts'))).toBe(true);
    expect(outsideBundle(loaded)).toEqual([]);
    expect(heavyIn(loaded)).toEqual({});
  });
  it('validate of clean files loads no `yaml` parser: js-yaml reads them, crmflow.yaml included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crmflow-clean-'));
    try {
      writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\nprocesses: flows/*.yaml\nroles:\n  clerk: { headcount: 1 }\n');
      mkdirSync(join(dir, 'flows'));
      writeFileSync(join(dir, 'flows', 'p.yaml'), 'crmflow: 1\nid: p\nlayer: operation\nowner: clerk\nsteps:\n  - { id: s, type: start, next: t }\n  - { id: t, type: task, role: clerk, duration: 1h, next: e }\n  - { id: e, type: end }\n');
      const loaded = loadedModules(BIN, ['validate'], dir);
      expect(loaded.some((u) => u.includes('/src/model/load.ts'))).toBe(true);
      expect(loaded.filter((u) => u.includes('/node_modules/yaml/'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('lint loads no heavy module', () => {
    const loaded = loadedModules(BIN, ['lint']);
    expect(loaded.some((u) => u.includes('/src/lint/engine.ts'))).toBe(true);
    expect(outsideBundle(loaded)).toEqual([]);
    expect(heavyIn(loaded)).toEqual({});
  });
});

// The tracer itself: a check that cannot see a heavy module would pass whatever the CLI loads.
describe('the module tracer', () => {
  it('sees elkjs loaded with createRequire, as src/render/layout.ts loads it', () => {
    const heavy = heavyIn(loadedModules(join(FIX, 'heavy-by-create-require.mjs')));
    expect(Object.keys(heavy)).toEqual(['elkjs']);
    expect(heavy.elkjs).toEqual([expect.stringMatching(/node_modules\/elkjs\/lib\/elk\.bundled\.js$/)]);
  });
  it('sees elkjs loaded by a plain require from CommonJS', () => {
    const heavy = heavyIn(loadedModules(join(FIX, 'heavy-by-require.cjs')));
    expect(Object.keys(heavy)).toEqual(['elkjs']);
  });
  it('sees light modules loaded either way, and reports no heavy one for them', () => {
    const loaded = loadedModules(join(FIX, 'light-only.mjs'));
    expect(loaded.some((u) => /node_modules\/commander\//.test(u))).toBe(true);
    expect(loaded.some((u) => /node_modules\/picomatch\//.test(u))).toBe(true);
    expect(heavyIn(loaded)).toEqual({});
  });
});
