/** Loads a fixture (one YAML file or a folder with crmflow.yaml and processes) and lints it. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildProject, type FileInput } from '../../src/model/project.js';
import { lintProject } from '../../src/lint/engine.js';
import { rules } from '../../src/lint/rules/index.js';
import type { Finding, Project } from '../../src/model/types.js';

export const here = (url: string, ...parts: string[]) => join(new URL('.', url).pathname, ...parts);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

/** Builds a project from a fixture file or folder. */
export function fixture(path: string): Project {
  const isDir = statSync(path).isDirectory();
  const root = isDir ? path : join(path, '..');
  let config: FileInput | undefined;
  const files: FileInput[] = [];
  // A single file gets the shared roles and a process called "other" to call.
  const shared = join(here(import.meta.url), 'rules', 'fixtures', 'shared');
  for (const f of isDir ? walk(path).sort() : [path, join(shared, 'crmflow.yaml'), join(shared, 'other.yaml')]) {
    const rel = isDir || f === path ? relative(root, f).split('\\').join('/') : relative(shared, f);
    const input = { path: rel, bytes: readFileSync(f, 'utf8') };
    if (rel === 'crmflow.yaml') config = input;
    else files.push(input);
  }
  return buildProject({ root, config, files });
}

/**
 * Lints with one rule on (every other rule off) and returns everything lint reported beyond
 * the validation findings, unfiltered: a finding under another rule id shows up in the
 * assertions instead of being dropped here. `validation` holds the project's own errors.
 */
export function lintOnly(path: string, ruleId: string): { findings: Finding[]; validation: Finding[] } {
  const project = fixture(path);
  const overrides = rules.map((r) => ({ id: r.id, level: r.id === ruleId ? ('error' as const) : ('off' as const) }));
  const result = lintProject(project, { overrides });
  const fromValidation = new Set(project.findings);
  const validation = project.findings.filter((f) => f.rule !== ruleId && f.severity === 'error');
  return { findings: result.findings.filter((f) => !fromValidation.has(f)), validation };
}

/** `file:line:column rule step` for compact assertions. */
export function where(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.step ?? '-'}`);
}
