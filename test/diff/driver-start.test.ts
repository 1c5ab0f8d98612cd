/**
 * The git diff driver runs once per file in `git log -p --ext-diff`, so what it loads is paid per
 * file: a file that is no process must not load validation or lint (zod, CEL, the rules), and no
 * path may load the `yaml` parser for a clean file or file globbing. Its output must still be
 * the semantic diff (made here with the diff API) and git's own text diff under repository paths.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffProjects } from '../../src/diff/diff.js';
import { formatText } from '../../src/diff/format.js';
import { lintProject } from '../../src/lint/engine.js';
import { buildProject } from '../../src/model/project.js';
import { BIN, heavyIn, loadedModules, outsideBundle } from '../cli/helpers.js';
import { tempRepo, type TempRepo } from './repo.js';

const CONFIG = 'crmflow: 1\nroles:\n  clerk: { headcount: 1 }\n';
const processYaml = (role: string, duration: string) =>
  `crmflow: 1\nid: p\nlayer: operation\nsteps:\n  - { id: s, type: start, next: t }\n  - { id: t, type: task, role: ${role}, duration: ${duration}, next: e }\n  - { id: e, type: end }\n`;
const before = processYaml('clerk', '1h');
// An undeclared role: the after side has a finding, so the lint delta shows in the output.
const after = processYaml('auditor', '2h');

let repo: TempRepo;
beforeAll(() => {
  repo = tempRepo();
  mkdirSync(join(repo.dir, 'processes'));
  writeFileSync(join(repo.dir, 'crmflow.yaml'), CONFIG);
  writeFileSync(join(repo.dir, '.gitattributes'), 'processes/**/*.yaml diff=crmflow\n');
  writeFileSync(join(repo.dir, 'processes', 'p.yaml'), before);
  writeFileSync(join(repo.dir, 'processes', 'regions.yaml'), 'regions:\n  - north\n  - south\n');
  repo.commit('first');
  writeFileSync(join(repo.dir, 'processes', 'p.yaml'), after);
  writeFileSync(join(repo.dir, 'processes', 'regions.yaml'), 'regions:\n  - north\n  - east\n');
  repo.commit('second');
});
afterAll(() => repo.remove());

/** `git show --ext-diff` of one file of the last commit, with crmflow as the driver. */
function show(file: string): string {
  return execFileSync('git', ['-c', `diff.crmflow.command=${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} git-diff`, 'show', '--ext-diff', '--format=', 'HEAD', '--', file], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1' },
  });
}

/** The modules `crmflow git-diff` loads for `file` at HEAD against its parent, as git would call it. */
function driverModules(file: string): string[] {
  const blob = (rev: string) => {
    const path = join(repo.dir, `.${rev.replace(/\W/g, '')}-${file.replace(/\W/g, '_')}`);
    writeFileSync(path, repo.git('show', `${rev}:${file}`));
    return [path, repo.git('rev-parse', `${rev}:${file}`).trim(), '100644'];
  };
  return loadedModules(BIN, ['git-diff', file, ...blob('HEAD~1'), ...blob('HEAD')], repo.dir);
}

const has = (loaded: string[], part: string) => loaded.some((u) => u.includes(part));

describe('git-diff driver start-up', () => {
  it('loads no validation, lint, CEL or yaml parser for a file that is no process', () => {
    const loaded = driverModules('processes/regions.yaml');
    expect(has(loaded, '/dist/bundle/git-diff.js')).toBe(true);
    expect(has(loaded, '/src/diff/driver.ts')).toBe(true);
    expect(outsideBundle(loaded)).toEqual([]);
    for (const part of ['/node_modules/zod/', '/node_modules/@marcbachmann/cel-js/', '/src/lint/', '/node_modules/yaml/', '/node_modules/tinyglobby/', '/src/model/project.ts', '/src/model/schema.ts'])
      expect(loaded.filter((u) => u.includes(part))).toEqual([]);
    expect(heavyIn(loaded)).toEqual({});
  });

  it('loads neither the yaml parser nor file globbing for a clean process change, nor any heavy module', () => {
    const cleanRepo = tempRepo();
    try {
      writeFileSync(join(cleanRepo.dir, 'crmflow.yaml'), CONFIG);
      writeFileSync(join(cleanRepo.dir, 'p.yaml'), before);
      cleanRepo.commit('first');
      writeFileSync(join(cleanRepo.dir, 'p.yaml'), processYaml('clerk', '3h'));
      cleanRepo.commit('second');
      const old = join(cleanRepo.dir, '.old.yaml');
      writeFileSync(old, before);
      const loaded = loadedModules(BIN, ['git-diff', 'p.yaml', old, 'abcdef1', '100644', 'p.yaml', '0000000', '100644'], cleanRepo.dir);
      expect(has(loaded, '/src/lint/engine.ts')).toBe(true); // the findings are part of the output
      expect(outsideBundle(loaded)).toEqual([]); // the lint engine comes from the bundle, not from tsc's dist/
      expect(loaded.filter((u) => u.includes('/node_modules/yaml/') || u.includes('/node_modules/tinyglobby/'))).toEqual([]);
      expect(heavyIn(loaded)).toEqual({});
    } finally {
      cleanRepo.remove();
    }
  });
});

describe('git-diff driver output', () => {
  it('prints the semantic diff of a process change, findings included', () => {
    const project = (yaml: string) => buildProject({ root: repo.dir, config: { path: 'crmflow.yaml', bytes: CONFIG }, files: [{ path: 'processes/p.yaml', bytes: yaml }] });
    const hex = (rev: string) => repo.git('rev-parse', `${rev}:processes/p.yaml`).trim().slice(0, 7);
    const report = diffProjects(project(before), project(after), {
      from: `a/processes/p.yaml (${hex('HEAD~1')})`,
      to: `b/processes/p.yaml (${hex('HEAD')})`,
      findings: (p) => lintProject(p, {}).findings,
    });
    expect(report.processes[0]!.lint.introduced.map((f) => f.rule)).toEqual(['unknown-role']);
    expect(show('processes/p.yaml')).toBe(formatText(report, new Chalk({ level: 0 })));
  });

  it('prints git\'s text diff under the repository paths for a file that is no process', () => {
    const index = `index ${repo.git('rev-parse', 'HEAD~1:processes/regions.yaml').trim().slice(0, 7)}..${repo.git('rev-parse', 'HEAD:processes/regions.yaml').trim().slice(0, 7)} 100644`;
    expect(show('processes/regions.yaml')).toBe(
      ['diff --git a/processes/regions.yaml b/processes/regions.yaml', index, '--- a/processes/regions.yaml', '+++ b/processes/regions.yaml', '@@ -1,3 +1,3 @@', ' regions:', '   - north', '-  - south', '+  - east', ''].join('\n'),
    );
  });
});
