import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runReview } from '../../src/diff/review.js';
import { runDiff } from '../../src/diff/run.js';
import type { DiffReport, ProcessDiff } from '../../src/diff/types.js';
import { FIXTURES, tempRepo, type TempRepo } from './repo.js';

/** A repository with two commits: fixtures/v1, then fixtures/v2. */
function v1v2(): TempRepo {
  const repo = tempRepo();
  repo.use('v1');
  repo.commit('v1');
  repo.use('v2');
  repo.commit('v2');
  return repo;
}

/** fixtures/v1 → fixtures/v2: see the comments at the top of each YAML file. */
describe('diff between two commits', () => {
  let repo: TempRepo;
  let report: DiffReport;
  let discount: ProcessDiff;

  beforeAll(async () => {
    repo = v1v2();
    const r = await runDiff({ cwd: repo.dir, revisions: ['HEAD~1', 'HEAD'] });
    r.repo.close();
    report = r.report;
    discount = report.processes.find((p) => p.id === 'discount-approval')!;
  });
  afterAll(() => repo.remove());

  it('labels the sides as given', () => {
    expect(report.from).toBe('HEAD~1');
    expect(report.to).toBe('HEAD');
  });

  it('reports processes added, removed and changed', () => {
    expect(report.processes.map((p) => [p.id, p.status])).toEqual([
      ['discount-approval', 'changed'],
      ['lead-assignment', 'removed'],
      ['renewal', 'added'],
    ]);
    expect(report.summary.processes).toEqual({ added: 1, removed: 1, changed: 1 });
  });

  it('reports each changed field before → after', () => {
    const manager = discount.steps.find((s) => s.id === 'manager-approval')!;
    expect(manager.status).toBe('changed');
    expect(manager.fields).toEqual({
      sla: { before: { within: '8h', breach: 'director-approval' }, after: null },
    });
    const director = discount.steps.find((s) => s.id === 'director-approval')!;
    expect(director.fields).toEqual({
      role: { before: 'sales-director', after: 'cfo' },
      next: { before: 'approved', after: 'cfo-approval' },
    });
  });

  it('reports added and removed steps', () => {
    expect(discount.steps.filter((s) => s.status === 'added').map((s) => s.id)).toEqual(['cfo-approval']);
    expect(discount.steps.filter((s) => s.status === 'removed').map((s) => s.id)).toEqual(['notify-finance']);
  });

  it('reports a step whose id changed but content did not as renamed, and its callers as unchanged', () => {
    const renamed = discount.steps.find((s) => s.status === 'renamed')!;
    expect(renamed).toMatchObject({ id: 'rework-quote', from: 'revise-quote' });
    expect(renamed.fields).toBeUndefined();
    // manager-approval's on.rejected now says rework-quote: read through the rename, not a change.
    const manager = discount.steps.find((s) => s.id === 'manager-approval')!;
    expect(Object.keys(manager.fields!)).toEqual(['sla']);
  });

  it('reports flows added and removed', () => {
    expect(discount.flows.added).toEqual([
      ['director-approval', 'cfo-approval'],
      ['cfo-approval', 'approved'],
      ['cfo-approval', 'rework-quote'],
    ]);
    expect(discount.flows.removed).toEqual([
      ['manager-approval', 'director-approval'],
      ['director-approval', 'approved'],
    ]);
  });

  it('reports lint findings resolved by removing the dead end', () => {
    const resolved = discount.lint.resolved.map((f) => `${f.rule}:${f.step}`);
    expect(resolved).toContain('dead-end:notify-finance');
    expect(discount.lint.introduced.map((f) => f.step)).not.toContain('notify-finance');
  });

  it('lists every step of an added or removed process', () => {
    const renewal = report.processes.find((p) => p.id === 'renewal')!;
    expect(renewal.steps.map((s) => `${s.status}:${s.id}`)).toEqual(['added:due', 'added:offer', 'added:renewed']);
    expect(renewal.flows.added).toHaveLength(2);
  });

  it('gives an empty diff for identical revisions', async () => {
    const r = await runDiff({ cwd: repo.dir, revisions: ['HEAD', 'HEAD'] });
    r.repo.close();
    expect(r.report.processes).toEqual([]);
    expect(r.report.config).toBeUndefined();
  });

  it('limits the diff to paths after --', async () => {
    const r = await runDiff({ cwd: repo.dir, revisions: ['HEAD~1', 'HEAD'], paths: ['processes/operation/renewal.yaml'] });
    r.repo.close();
    expect(r.report.processes.map((p) => p.id)).toEqual(['renewal']);
  });

  it('compares with the working tree by default, uncommitted changes included', async () => {
    const file = join(repo.dir, 'processes/operation/renewal.yaml');
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('duration: 1d', 'duration: 2d'));
    try {
      const r = await runDiff({ cwd: repo.dir, revisions: [] });
      r.repo.close();
      expect(r.report.from).toBe('HEAD');
      expect(r.report.to).toBe('working tree');
      expect(r.report.processes).toHaveLength(1);
      expect(r.report.processes[0]!.steps).toEqual([
        { id: 'offer', status: 'changed', type: 'task', name: 'offer', fields: { duration: { before: '1d', after: '2d' } } },
      ]);
    } finally {
      writeFileSync(file, text);
    }
  });

  it('reads a revision without touching the working tree', async () => {
    const before = repo.git('status', '--porcelain');
    await (await runDiff({ cwd: repo.dir, revisions: ['HEAD~1'] })).repo.close();
    expect(repo.git('status', '--porcelain')).toBe(before);
  });
});

// These tests commit: each gets its own repository, so none depends on another's commits.
describe('diff across commits a test makes', () => {
  let repo: TempRepo;
  beforeEach(() => {
    repo = v1v2();
  });
  afterEach(() => repo.remove());

  it('follows a moved file (git mv) as the same process with a new file', async () => {
    mkdirSync(join(repo.dir, 'processes/sales'), { recursive: true });
    repo.git('mv', 'processes/operation/renewal.yaml', 'processes/sales/renewal.yaml');
    repo.commit('move renewal');
    const r = await runDiff({ cwd: repo.dir, revisions: ['HEAD~1', 'HEAD'] });
    r.repo.close();
    expect(r.report.processes).toHaveLength(1);
    expect(r.report.processes[0]).toMatchObject({ id: 'renewal', status: 'changed', fields: { file: { before: 'processes/operation/renewal.yaml', after: 'processes/sales/renewal.yaml' } } });
    expect(r.report.processes[0]!.steps).toEqual([]);
  });

  it('reads a branch by name', async () => {
    repo.git('checkout', '-q', '-b', 'feature');
    rmSync(join(repo.dir, 'processes/operation/renewal.yaml'));
    repo.commit('drop renewal');
    repo.git('checkout', '-q', 'main');
    const r = await runDiff({ cwd: repo.dir, revisions: ['main..feature'] });
    r.repo.close();
    expect(r.report.processes.map((p) => [p.id, p.status])).toEqual([['renewal', 'removed']]);
  });
});

describe('a project in a subfolder of the repository', () => {
  it('reads revisions and the history of the subfolder only', async () => {
    const { cpSync } = await import('node:fs');
    const repo = tempRepo();
    try {
      cpSync(join(FIXTURES, 'v1'), join(repo.dir, 'crm'), { recursive: true });
      writeFileSync(join(repo.dir, 'README.md'), 'not a process\n');
      repo.commit('v1', '2026-06-01T09:00:00Z');
      rmSync(join(repo.dir, 'crm/processes'), { recursive: true });
      cpSync(join(FIXTURES, 'v2'), join(repo.dir, 'crm'), { recursive: true });
      repo.commit('v2', '2026-07-01T09:00:00Z');
      writeFileSync(join(repo.dir, 'README.md'), 'still not a process\n');
      repo.commit('readme', '2026-07-02T09:00:00Z');
      const cwd = join(repo.dir, 'crm/processes');
      const r = await runDiff({ cwd, revisions: ['HEAD~2', 'HEAD'] });
      r.repo.close();
      expect(r.report.processes.map((p) => p.id)).toEqual(['discount-approval', 'lead-assignment', 'renewal']);
      const review = await runReview({ cwd, since: 'HEAD~2' });
      expect(review.summary.commits).toBe(1);
      expect(review.processes.find((p) => p.id === 'renewal')!.commits.map((c) => c.subject)).toEqual(['v2']);
    } finally {
      repo.remove();
    }
  });
});

describe('a file that no longer reads as a process, and changed settings', () => {
  it('reports the process as changed with the parse error introduced, and the settings that changed', async () => {
    const { diffProjects } = await import('../../src/diff/diff.js');
    const { fixtureProject } = await import('./load.js');
    const report = diffProjects(fixtureProject('v1'), fixtureProject('v3'), { from: 'v1', to: 'v3' });
    expect(report.processes.map((p) => [p.id, p.status, p.unreadable])).toEqual([['discount-approval', 'changed', 'after']]);
    expect(report.processes[0]!.lint.introduced.map((f) => f.rule)).toContain('yaml-syntax');
    // the dead end of v1 cannot be checked in a broken file: not "resolved"
    expect(report.processes[0]!.lint.resolved).toEqual([]);
    expect(report.config).toEqual({
      roles: {
        before: expect.objectContaining({ 'sales-manager': { headcount: 1 } }),
        after: expect.objectContaining({ 'sales-manager': { headcount: 2 } }),
      },
    });
  });
});
