/**
 * `crmflow diff` without the printing: resolves the revisions, reads both projects from git
 * (or the working tree) and diffs them, with the lint engine's findings for the lint delta.
 * Returns data; src/cli/diff.ts adds cycle times or SVGs when asked and prints it.
 */
import { msg, part } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import type { Finding, Project } from '../model/types.js';
import { diffProjects } from './diff.js';
import { checkRevisionSyntax, openRepo, pathScopes, readProjectAt, readWorkingTree, resolveRevision, type ProjectAt, type Repo } from './git.js';
import type { DiffReport } from './types.js';
import { lintFindings } from './lint-findings.js';

export interface DiffRequest {
  /** Where the command runs. */
  cwd: string;
  /** 0, 1 or 2 revisions (`A..B` counts as two). */
  revisions: readonly string[];
  /** Files or folders after `--`. */
  paths?: readonly string[];
  /** The findings for the lint delta (default: the lint engine when present, else validation). */
  findings?: (project: Project) => readonly Finding[];
}

export interface DiffResult {
  report: DiffReport;
  before: ProjectAt;
  after: ProjectAt;
  repo: Repo;
}

/** Splits the revision arguments into a before and an after (undefined = working tree). */
export function sides(revisions: readonly string[]): { from: string; to?: string } {
  if (revisions.length > 2) {
    throw new CrmflowError(msg('diff.tooMany', { revisions: revisions.join(' ') }), msg('diff.tooManyHint'), 'usage');
  }
  if (revisions.length === 1 && /^[^.]*\.\.[^.]*$/.test(revisions[0]!)) {
    const [a, b] = revisions[0]!.split('..') as [string, string];
    return { from: a || 'HEAD', to: b || 'HEAD' };
  }
  const [from = 'HEAD', to] = revisions;
  return { from, to };
}

/** A side's label for a reader: the working tree is named in the reader's language. */
function sideLabel(label: string): string | ReturnType<typeof part> {
  return label === 'working tree' ? part('driver.workingTree') : label;
}

/** Runs the diff. Throws `CrmflowError` (exit 2) for bad revisions, paths or a missing repository. */
export async function runDiff(req: DiffRequest): Promise<DiffResult> {
  const { from, to } = sides(req.revisions);
  // Refuse option-like revisions before git is ever called.
  checkRevisionSyntax(from, 'revision');
  if (to !== undefined) checkRevisionSyntax(to, 'revision');
  const repo = await openRepo(req.cwd);
  try {
    const scopes = pathScopes(repo, req.cwd, req.paths ?? []);
    const fromCommit = await resolveRevision(repo, from);
    const toCommit = to === undefined ? undefined : await resolveRevision(repo, to);
    const before = await readProjectAt(repo, fromCommit, from);
    const after = toCommit === undefined ? await readWorkingTree(repo) : await readProjectAt(repo, toCommit, to!);
    // A path that names no process on either side is a typo, not "no changes".
    for (const [i, scope] of scopes.entries()) {
      const files = [...before.project.processes.values(), ...after.project.processes.values()].map((p) => p.file);
      if (!files.some((f) => scope === '' || f === scope || f.startsWith(scope.endsWith('/') ? scope : `${scope}/`))) {
        throw new CrmflowError(msg('diff.noProcessAt', { path: req.paths![i], before: sideLabel(before.label), after: sideLabel(after.label) }), msg('diff.noProcessAtHint'), 'usage');
      }
    }
    const findings = req.findings ?? (await lintFindings());
    const report = diffProjects(before.project, after.project, { from: before.label, to: after.label, scopes, findings });
    return { report, before, after, repo };
  } catch (e) {
    repo.close();
    throw e;
  }
}

export { lintFindings } from './lint-findings.js';
