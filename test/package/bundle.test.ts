/**
 * bin/crmflow.js runs the esbuild bundle in dist/bundle/ (scripts/bundle.mjs, part of
 * `npm run build`), which must be current: built from the sources as they are now. Without a
 * bundle (tsc alone) it runs tsc's dist/cli/. Workers are found from either build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, BUNDLE, ROOT, loadedModules, outsideBundle } from '../cli/helpers.js';
import { workerFile } from '../../src/model/package-root.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const jsFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.js')).sort();

describe('the bundle', () => {
  let fresh: string;
  beforeAll(() => {
    expect(existsSync(join(BUNDLE, 'main.js')), 'run npm run build first').toBe(true);
    fresh = mkdtempSync(join(tmpdir(), 'crmflow-bundle-'));
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs'), '--outdir', fresh], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it('is what bin/crmflow.js runs, with nothing from tsc\'s dist/', () => {
    const loaded = loadedModules(BIN, ['--version']);
    expect(loaded).toContain(pathToFileURL(join(BUNDLE, 'main.js')).href);
    expect(outsideBundle(loaded)).toEqual([]);
  });

  it('is current: building the sources now gives the same files, byte for byte', () => {
    const built = jsFiles(BUNDLE);
    expect(built).toEqual(jsFiles(fresh));
    const stale = built.filter((f) => !readFileSync(join(BUNDLE, f)).equals(readFileSync(join(fresh, f))));
    expect(stale, 'dist/bundle/ is older than the sources: run npm run build').toEqual([]);
  });

  it('has no chunk that exports a CommonJS package as `default` only (its named exports would be lost to import())', () => {
    const bare = jsFiles(BUNDLE).filter((f) => /^export default require_\w+\(\);$/m.test(readFileSync(join(BUNDLE, f), 'utf8')));
    expect(bare, 'mark the package external in scripts/bundle.mjs').toEqual([]);
  });

  it('holds the message catalogs as the sources build them: every message, in both languages', async () => {
    // scripts/bundle.mjs writes en.ts and zh-CN.ts into the bundle as finished JSON.
    const meta = JSON.parse(readFileSync(join(BUNDLE, 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    const chunk = Object.entries(meta.outputs).find(([, o]) => Object.keys(o.inputs).some((i) => i.endsWith('src/i18n/index.ts')))![0];
    const bundled = (await import(pathToFileURL(join(ROOT, chunk)).href)) as typeof import('../../src/i18n/index.js');
    const { CATALOGS } = await import('../../src/i18n/index.js');
    expect(Object.keys(bundled.CATALOGS.en).length).toBeGreaterThan(1000);
    expect(bundled.CATALOGS).toEqual(CATALOGS);
    expect(Object.keys(bundled.CATALOGS['zh-CN'])).toEqual(Object.keys(CATALOGS['zh-CN']));
  });
  it('has an entry for the simulation and layout workers, which the bundled code finds beside itself', async () => {
    const meta = JSON.parse(readFileSync(join(BUNDLE, 'meta.json'), 'utf8')) as { outputs: Record<string, { entryPoint?: string }> };
    // The chunk esbuild made for the helper's own module (simulate imports it there).
    const out = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === 'src/model/package-root.ts')?.[0];
    expect(out).toBeDefined();
    const bundled = (await import(pathToFileURL(join(ROOT, out!)).href)) as { workerFile: typeof workerFile; packageVersion: () => string };
    expect(bundled.workerFile('simulate')).toBe(join(BUNDLE, 'simulate-worker.js'));
    expect(bundled.workerFile('render')).toBe(join(BUNDLE, 'render-worker.js'));
    expect(bundled.packageVersion()).toBe(VERSION);
  });

  it('finds the worker of tsc\'s dist/ from there, and none from the TypeScript sources', async () => {
    const built = (await import(pathToFileURL(join(ROOT, 'dist', 'model', 'package-root.js')).href)) as { workerFile: typeof workerFile };
    expect(built.workerFile('simulate')).toBe(join(ROOT, 'dist', 'simulate', 'worker.js'));
    expect(built.workerFile('render')).toBe(join(ROOT, 'dist', 'render', 'worker.js'));
    expect(workerFile('simulate')).toBeUndefined(); // Node cannot start a worker from src/simulate/worker.ts
  });
});

describe('without a bundle', () => {
  it('bin/crmflow.js runs tsc\'s dist/cli/', () => {
    // A copy of bin/ beside a dist/ that holds every folder but bundle/ (linked, so paths resolve to this checkout).
    const dir = mkdtempSync(join(tmpdir(), 'crmflow-nobundle-'));
    try {
      mkdirSync(join(dir, 'bin'));
      cpSync(BIN, join(dir, 'bin', 'crmflow.js'));
      mkdirSync(join(dir, 'dist'));
      for (const d of readdirSync(join(ROOT, 'dist'))) if (d !== 'bundle') symlinkSync(join(ROOT, 'dist', d), join(dir, 'dist', d));
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
      const loaded = loadedModules(join(dir, 'bin', 'crmflow.js'), ['--version']);
      expect(loaded).toContain(pathToFileURL(join(ROOT, 'dist', 'cli', 'main.js')).href);
      expect(loaded.filter((u) => u.includes('/dist/bundle/'))).toEqual([]);
      const r = spawnSync(process.execPath, [join(dir, 'bin', 'crmflow.js'), '--version'], { encoding: 'utf8' });
      expect(r.stdout.trim()).toBe(VERSION);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
