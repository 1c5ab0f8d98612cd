/**
 * The npm package: what `npm pack` puts in the tarball, and that the tarball installs into an
 * empty folder and works there (`npx crmflow init`, `npx crmflow lint`). Needs a built dist/
 * (`npm test` builds first); the install prefers npm's cache, so it is quick after `npm ci`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' }, timeout: 300_000 });

describe('npm package', () => {
  let files: string[];
  beforeAll(() => {
    expect(existsSync(join(ROOT, 'dist', 'index.js')), 'run npm run build first').toBe(true);
    const r = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT)) as { files: { path: string }[] }[];
    files = r[0]!.files.map((f) => f.path).sort();
  });

  it('holds bin, dist, schemas, the example project, LICENSE and CHANGELOG', () => {
    for (const f of ['bin/crmflow.js', 'dist/bundle/main.js', 'dist/bundle/git-diff.js', 'dist/bundle/simulate-worker.js', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/site/build.js', 'schemas/process.schema.json', 'schemas/config.schema.json', 'crmflow.yaml', 'processes/core/lead-to-cash.yaml', 'data/leads-sample.csv', 'LICENSE', 'CHANGELOG.md', 'README.md', 'package.json']) {
      expect(files, f).toContain(f);
    }
  });

  it('holds no tests, fixtures, benchmarks, benchmark peers, sources or CI files', () => {
    const unwanted = files.filter((f) => /^(test|src|action|\.github|\.ci|node_modules|docs)\//.test(f) || /fixtures|bench|peers|\.test\.|\.tsbuildinfo$/.test(f) || f === 'action.yml');
    expect(unwanted).toEqual([]);
  });
});

describe('the packed tarball in an empty folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crmflow-pack-'));
    npm(['pack', '--ignore-scripts', '--pack-destination', dir], ROOT);
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('installs, and npx crmflow init then npx crmflow lint work there', () => {
    const app = join(dir, 'app');
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), '{ "name": "my-processes", "private": true }\n');
    const tarball = execFileSync('ls', [dir], { encoding: 'utf8' }).split('\n').find((f) => f.endsWith('.tgz'))!;
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, tarball)], app);
    const env = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' };
    const init = spawnSync('npx', ['--no-install', 'crmflow', 'init', 'demo'], { cwd: app, encoding: 'utf8', env, timeout: 120_000 });
    expect(init.stderr).toContain('created crmflow.yaml');
    expect(init.status).toBe(0);
    const lint = spawnSync('npx', ['--no-install', 'crmflow', 'lint'], { cwd: join(app, 'demo'), encoding: 'utf8', env, timeout: 120_000 });
    expect(lint.stdout).toContain('process files clean');
    expect(lint.status).toBe(0);
  }, 600_000);
});
