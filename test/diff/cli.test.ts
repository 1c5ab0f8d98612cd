/** End to end: the built CLI (`node bin/crmflow.js`, after `npm run build`) on real git repositories. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from './repo.js';

const BIN = resolve(import.meta.dirname, '../../bin/crmflow.js');

function crmflow(cwd: string, ...args: string[]) {
  return crmflowEnv(cwd, {}, ...args);
}

function crmflowEnv(cwd: string, env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('crmflow diff and review (CLI)', () => {
  let repo: TempRepo;
  beforeAll(() => {
    repo = tempRepo();
    repo.use('v1');
    repo.commit('Discount approval and lead assignment', '2026-06-15T09:00:00Z', 'Ann Lee <ann@example.com>');
    const file = join(repo.dir, 'processes/operation/discount-approval.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('duration: 2h\n    sla', 'duration: 3h\n    sla'));
    repo.commit('Manager approval takes 3h', '2026-07-10T09:00:00Z', 'Bo Chen <bo@example.com>');
    repo.use('v2');
    repo.commit('CFO approves large discounts; renewal process', '2026-08-20T09:00:00Z', 'Ann Lee <ann@example.com>');
    const renewal = join(repo.dir, 'processes/operation/renewal.yaml');
    writeFileSync(renewal, readFileSync(renewal, 'utf8').replace('duration: 1d', 'duration: 2d'));
    repo.commit('Renewal offers take longer', '2026-10-05T09:00:00Z', 'Bo Chen <bo@example.com>');
  });
  afterAll(() => repo.remove());

  it('prints the JSON diff and exits 0 even when something changed', () => {
    const r = crmflow(repo.dir, 'diff', 'HEAD~2', 'HEAD~1', '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.from).toBe('HEAD~2');
    expect(report.processes.map((p: { id: string; status: string }) => `${p.id}:${p.status}`)).toEqual(['discount-approval:changed', 'lead-assignment:removed', 'renewal:added']);
  });

  it('exits 1 with --exit-code when something changed, 0 when nothing did', () => {
    expect(crmflow(repo.dir, 'diff', 'HEAD~1', 'HEAD', '--exit-code').code).toBe(1);
    const same = crmflow(repo.dir, 'diff', 'HEAD', 'HEAD', '--exit-code', '--format', 'json');
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).processes).toEqual([]);
    const text = crmflow(repo.dir, 'diff');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('no semantic changes between HEAD and working tree');
  });

  it('prints the text diff in the user\'s words', () => {
    const r = crmflow(repo.dir, 'diff', 'HEAD~2', 'HEAD~1');
    expect(r.stdout).toContain('SLA 8h (on breach to director-approval) → removed');
    expect(r.stdout).toContain('role sales-director → cfo');
    expect(r.stdout).toContain('rework-quote  renamed from revise-quote');
  });

  it('prints a Markdown comment with a Mermaid diagram', () => {
    const r = crmflow(repo.dir, 'diff', 'HEAD~2', 'HEAD~1', '--format', 'markdown');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('```mermaid\nflowchart LR');
    expect(r.stdout).toContain('classDef added');
  });

  it('limits to paths after --', () => {
    const r = crmflow(repo.dir, 'diff', 'HEAD~2', 'HEAD~1', '--format', 'json', '--', 'processes/operation/renewal.yaml');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).processes.map((p: { id: string }) => p.id)).toEqual(['renewal']);
  });

  it('refuses an unknown revision with git\'s reason (exit 2)', () => {
    const r = crmflow(repo.dir, 'diff', 'no-such-branch');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: revision "no-such-branch" does not resolve \(git: .+\)\n/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('refuses a revision that looks like an option and writes nothing', () => {
    const target = join(tmpdir(), `crmflow-diff-output-${process.pid}`);
    rmSync(target, { force: true });
    for (const args of [['diff', `--output=${target}`], ['diff', 'HEAD', `--output=${target}`], ['review', `--since=--output=${target}`], ['review', '--since', 'HEAD', `--until=--output=${target}`]]) {
      const r = crmflow(repo.dir, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(existsSync(target)).toBe(false);
    }
    const r = crmflow(repo.dir, 'review', `--since=--output=${target}`);
    expect(r.stderr).toContain('starts with "-" and is refused');
  });

  it('refuses a path outside the repository (exit 2)', () => {
    const r = crmflow(repo.dir, 'diff', 'HEAD~1', 'HEAD', '--', '../..');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is outside the repository');
    const typo = crmflow(repo.dir, 'diff', 'HEAD~1', 'HEAD', '--', 'processes/operatoin');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('processes/operatoin holds no process file at HEAD~1 or HEAD');
  });

  it('says what to do outside a git repository (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crmflow-nogit-'));
    try {
      writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\n');
      const r = crmflow(dir, 'diff');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is not inside a git repository');
      expect(r.stderr).toContain('hint:');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells a shallow clone to fetch the history (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crmflow-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, dir]);
      const r = crmflow(dir, 'diff', 'HEAD~1', 'HEAD');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('fetch-depth: 0');
      const review = crmflow(dir, 'review', '--since', '2026-07-01');
      expect(review.code).toBe(2);
      expect(review.stderr).toContain('shallow clone');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('review lists the commits of a date range per process', () => {
    const r = crmflow(repo.dir, 'review', '--since', '2026-07-01', '--until', '2026-09-30', '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary.commits).toBe(2);
    expect(report.summary.authors).toEqual(['Ann Lee', 'Bo Chen']);
    expect(report.from.date).toMatch(/^2026-06-15/);
    const byId = Object.fromEntries(report.processes.map((p: { id: string }) => [p.id, p]));
    expect(byId['discount-approval'].commits.map((c: { subject: string; date: string; author: string }) => [c.date.slice(0, 10), c.author, c.subject])).toEqual([
      ['2026-07-10', 'Bo Chen', 'Manager approval takes 3h'],
      ['2026-08-20', 'Ann Lee', 'CFO approves large discounts; renewal process'],
    ]);
    expect(byId['discount-approval'].commits[0].hash).toMatch(/^[0-9a-f]{40}$/);
    // net change: 2h → 3h → 2h cancels out; the SLA removal stays
    const manager = byId['discount-approval'].change.steps.find((s: { id: string }) => s.id === 'manager-approval');
    expect(Object.keys(manager.fields)).toEqual(['sla']);
    expect(byId.renewal.status).toBe('added');
    expect(byId.renewal.commits).toHaveLength(1);
    expect(byId['lead-assignment'].status).toBe('removed');
    // the October commit is outside the period
    expect(JSON.stringify(report)).not.toContain('Renewal offers take longer');
  });

  it('review writes Markdown to -o', () => {
    const out = join(repo.dir, 'review.md');
    const r = crmflow(repo.dir, 'review', '--since', 'HEAD~3', '-o', out);
    expect(r.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/^# Process review: HEAD~3 → HEAD/);
    expect(md).toContain('| Commit | Date | Author | Subject |');
    expect(md).toContain('Renewal offers take longer');
    rmSync(out);
  });

  it('review refuses what is neither a date nor a revision', () => {
    const r = crmflow(repo.dir, 'review', '--since', 'last-quarter');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is neither a date nor a revision');
    expect(crmflow(repo.dir, 'review').code).toBe(2);
  });

  it('review refuses a day that is not in the calendar instead of rolling it over', () => {
    // Date.parse reads 2026-02-30 as 2 March; a review of the wrong period would look right.
    const r = crmflow(repo.dir, 'review', '--since', '2026-02-30');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--since "2026-02-30" is not a date: February 2026 has 28 days');
    const u = crmflow(repo.dir, 'review', '--since', '2026-07-01', '--until', '2026-06-31T10:00:00Z');
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('June 2026 has 30 days');
  });

  it('works as a git external diff driver', () => {
    writeFileSync(join(repo.dir, '.gitattributes'), 'processes/**/*.yaml diff=crmflow\n');
    repo.git('config', 'diff.crmflow.command', `"${process.execPath}" "${BIN}" git-diff`);
    const r = spawnSync('git', ['log', '-p', '--ext-diff', '-1', '--format=%s', 'HEAD~1', '--', 'processes'], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('crmflow diff a/processes/operation/discount-approval.yaml');
    expect(r.stdout).toContain('role sales-director → cfo');
    expect(r.stdout).toContain('+ renewal');
    rmSync(join(repo.dir, '.gitattributes'));
  });
});

describe('crmflow git-diff on a file that is not a process', () => {
  it('falls back to the plain text diff, old and new lines as git shows them', () => {
    const repo = tempRepo();
    try {
      repo.use('v1');
      writeFileSync(join(repo.dir, 'processes', 'notes.yaml'), 'just: notes\nowner: anna\n');
      writeFileSync(join(repo.dir, '.gitattributes'), 'processes/**/*.yaml diff=crmflow\n');
      repo.commit('notes');
      writeFileSync(join(repo.dir, 'processes', 'notes.yaml'), 'just: notes\nowner: bo\n');
      // A wrapper that leaves a mark, so the test knows the driver ran (git's own diff looks alike).
      const marker = join(repo.dir, '..', `${repo.dir.split('/').pop()}.driver-ran`);
      const driver = join(repo.dir, '..', `${repo.dir.split('/').pop()}.driver.sh`);
      writeFileSync(driver, `#!/bin/sh\necho "$1" >> "${marker}"\nexec "${process.execPath}" "${BIN}" git-diff "$@"\n`, { mode: 0o755 });
      repo.git('config', 'diff.crmflow.command', `"${driver}"`);
      try {
        const r = spawnSync('git', ['diff', '--ext-diff', '--', 'processes/notes.yaml'], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        expect(r.status, r.stderr).toBe(0);
        expect(readFileSync(marker, 'utf8')).toBe('processes/notes.yaml\n');
        expect(r.stdout).not.toContain('crmflow diff');
        const lines = r.stdout.split('\n');
        expect(lines).toContain('-owner: anna');
        expect(lines).toContain('+owner: bo');
        expect(lines).toContain(' just: notes');
      } finally {
        rmSync(marker, { force: true });
        rmSync(driver, { force: true });
      }
    } finally {
      repo.remove();
    }
  });
});
