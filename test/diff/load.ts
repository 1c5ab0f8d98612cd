/** Builds a project from a fixture folder without git, for the pure diff tests. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildProject } from '../../src/model/project.js';
import type { Project } from '../../src/model/types.js';
import { FIXTURES } from './repo.js';

export function fixtureProject(name: string): Project {
  const root = join(FIXTURES, name);
  const files: { path: string; bytes: string }[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(f) && f !== 'crmflow.yaml') files.push({ path: relative(root, p).split('\\').join('/'), bytes: readFileSync(p, 'utf8') });
    }
  };
  walk(join(root, 'processes'));
  return buildProject({ root, config: { path: 'crmflow.yaml', bytes: readFileSync(join(root, 'crmflow.yaml'), 'utf8') }, files });
}
