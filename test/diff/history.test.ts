/**
 * A realistic quarter in a real git repository: three authors, pull requests merged with --no-ff,
 * one whose conflict was resolved by hand, a revert, a move, a rename, a deleted process and a
 * headcount change in crmflow.yaml. The expected figures are worked out by hand from the
 * timeline below (dates UTC; Asia/Shanghai is UTC+8, so 06-30 20:00 UTC is already July there).
 *
 *   06-01 09:00  Ann   main       initial project (fixtures/history)
 *   06-29 10:00  Bo    pr-payment payment: invoice 2h → 4h        (merged 07-05)
 *   06-30 20:00  Ann   main       delete intake                   (July in Shanghai)
 *   07-05 09:00  Ann   main       merge pr-payment
 *   07-08 10:00  Cy    pr-sla     discount SLA 8h → 1d
 *   07-09 10:00  Ann   main       discount SLA 8h → 4h
 *   07-10 10:00  Cy    main       merge pr-sla, conflict resolved by hand: SLA 12h
 *   07-15 10:00  Bo    main       move renewal to processes/core/
 *   07-20 10:00  Bo    main       comment line in payment (formatting only)
 *   08-03 10:00  Cy    pr-legal   legal headcount 2 → 1, KPI contract-cycle removed (merged 08-04)
 *   08-04 10:00  Ann   main       merge pr-legal
 *   08-10 10:00  Ann   main       discount: add a director approval
 *   08-11 10:00  Ann   main       revert it
 *   09-01 10:00  Bo    pr-rename  renewal → renewal-offer (id and file)   (merged 09-02)
 *   09-02 10:00  Bo    main       merge pr-rename
 *   10-02 10:00  Ann   main       contract: draft 1h → 2h (after the quarter)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReview, type ReviewReport } from '../../src/diff/review.js';
import { FIXTURES } from './repo.js';

const BIN = resolve(import.meta.dirname, '../../bin/crmflow.js');
const ANN = 'Ann Lee <ann@example.com>';
const BO = 'Bo Chen <bo@example.com>';
const CY = 'Cy Wang <cy@example.com>';

let dir: string;
const ids: Record<string, string> = {};

function git(args: string[], date?: string, author?: string): string {
  const env: Record<string, string | undefined> = { ...process.env, GIT_CONFIG_NOSYSTEM: '1' };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  if (author) {
    const [, name, email] = /^(.*) <(.*)>$/.exec(author)!;
    Object.assign(env, { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email });
  }
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
}
const head = () => git(['rev-parse', 'HEAD']).trim();
function edit(file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(path, text.replace(from, to));
}
function commit(name: string, message: string, date: string, author: string): void {
  git(['add', '-A']);
  git(['commit', '-q', '-m', message], date, author);
  ids[name] = head();
}
function merge(name: string, branch: string, date: string, author: string): void {
  git(['merge', '-q', '--no-ff', '-m', `Merge branch '${branch}'`, branch], date, author);
  ids[name] = head();
}

function crmflow(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crmflow-history-'));
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', 'Test Person']);
  git(['config', 'user.email', 'test@example.com']);
  git(['config', 'commit.gpgsign', 'false']);
  cpSync(join(FIXTURES, 'history'), dir, { recursive: true });
  rmSync(join(dir, 'README.md'));
  commit('initial', 'Contract, payment, discount, intake and renewal', '2026-06-01T09:00:00Z', ANN);

  git(['checkout', '-q', '-b', 'pr-payment']);
  edit('processes/operation/payment.yaml', 'duration: 2h', 'duration: 4h');
  commit('payment', 'Invoices take longer', '2026-06-29T10:00:00Z', BO);
  git(['checkout', '-q', 'main']);
  rmSync(join(dir, 'processes/operation/intake.yaml'));
  commit('deleteIntake', 'Delete the old intake', '2026-06-30T20:00:00Z', ANN);
  merge('mergePayment', 'pr-payment', '2026-07-05T09:00:00Z', ANN);

  git(['checkout', '-q', '-b', 'pr-sla']);
  edit('processes/operation/discount.yaml', 'within: 8h', 'within: 1d');
  commit('slaDay', 'Discount SLA one day', '2026-07-08T10:00:00Z', CY);
  git(['checkout', '-q', 'main']);
  edit('processes/operation/discount.yaml', 'within: 8h', 'within: 4h');
  commit('sla4h', 'Discount SLA four hours', '2026-07-09T10:00:00Z', ANN);
  try {
    git(['merge', '-q', '--no-ff', 'pr-sla'], '2026-07-10T10:00:00Z', CY);
  } catch {
    // the conflict, resolved by hand
  }
  const discount = join(dir, 'processes/operation/discount.yaml');
  writeFileSync(discount, readFileSync(discount, 'utf8').replace(/<<<<<<< HEAD\n.*\n=======\n.*\n>>>>>>> pr-sla\n/, '    sla: { within: 12h }\n'));
  git(['add', '-A']);
  git(['commit', '-q', '--no-edit', '-m', "Merge branch 'pr-sla': SLA 12h"], '2026-07-10T10:00:00Z', CY);
  ids.mergeSla = head();

  mkdirSync(join(dir, 'processes/core'));
  renameSync(join(dir, 'processes/operation/renewal.yaml'), join(dir, 'processes/core/renewal.yaml'));
  commit('move', 'Move renewal to core', '2026-07-15T10:00:00Z', BO);
  edit('processes/operation/payment.yaml', 'crmflow: 1\n', '# Payment after signing.\ncrmflow: 1\n');
  commit('format', 'Comment on payment', '2026-07-20T10:00:00Z', BO);

  git(['checkout', '-q', '-b', 'pr-legal']);
  edit('crmflow.yaml', 'legal: { headcount: 2 }', 'legal: { headcount: 1 }');
  const config = join(dir, 'crmflow.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/kpis:[\s\S]*$/, ''));
  commit('legal', 'One legal counsel; drop the contract KPI', '2026-08-03T10:00:00Z', CY);
  git(['checkout', '-q', 'main']);
  merge('mergeLegal', 'pr-legal', '2026-08-04T10:00:00Z', ANN);

  edit('processes/operation/discount.yaml', '    next: done\n  - id: done', '    next: director\n  - id: director\n    type: approval\n    role: cfo\n    duration: 1h\n    next: done\n  - id: done');
  commit('director', 'Director approves too', '2026-08-10T10:00:00Z', ANN);
  git(['revert', '--no-edit', 'HEAD'], '2026-08-11T10:00:00Z', ANN);
  ids.revert = head();

  git(['checkout', '-q', '-b', 'pr-rename']);
  edit('processes/core/renewal.yaml', 'id: renewal\n', 'id: renewal-offer\n');
  renameSync(join(dir, 'processes/core/renewal.yaml'), join(dir, 'processes/core/renewal-offer.yaml'));
  commit('rename', 'Renewal offer', '2026-09-01T10:00:00Z', BO);
  git(['checkout', '-q', 'main']);
  merge('mergeRename', 'pr-rename', '2026-09-02T10:00:00Z', BO);

  edit('processes/operation/contract.yaml', 'duration: 1h', 'duration: 2h');
  commit('late', 'Longer drafts', '2026-10-02T10:00:00Z', ANN);
  // Review from another branch: the current branch is not main.
  git(['checkout', '-q', '-b', 'elsewhere', ids.initial!]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const q3 = (tz: string, simulate = false) =>
  runReview({ cwd: dir, since: '2026-07-01', until: '2026-09-30', branch: 'main', tz, simulate: simulate ? { seed: 7, cases: 200, runs: 3 } : undefined });
const byId = (r: ReviewReport) => Object.fromEntries(r.processes.map((p) => [p.id, p]));
const short = (name: string) => ids[name]!;

describe('review on a quarter of real git history', () => {
  it('starts from the last commit that landed on the branch before the period, in UTC', async () => {
    const r = await q3('UTC');
    expect(r.timeZone).toBe('UTC');
    expect(r.branch).toBe('main');
    expect(r.period).toEqual({ start: '2026-07-01T00:00:00Z', end: '2026-10-01T00:00:00Z' });
    // Not the pull-request commit of 06-29 (merged 07-05), not the initial commit.
    expect(r.from!.commit).toBe(short('deleteIntake'));
    expect(r.to.commit).toBe(short('mergeRename'));
    // The intake was deleted on 06-30 20:00 UTC: June, so not in this quarter.
    expect(byId(r).intake).toBeUndefined();
  });

  it('lists every commit that changed the project in the period, merges and the June-written pull request included', async () => {
    const r = await q3('UTC');
    // payment, mergePayment, slaDay, sla4h, mergeSla, move, format, legal, mergeLegal, director, revert, rename, mergeRename
    expect(r.summary.commits).toBe(13);
    expect(r.summary.merges).toBe(4);
    expect(r.summary.authors).toEqual(['Ann Lee', 'Bo Chen', 'Cy Wang']);
    const p = byId(r);
    expect(p.payment!.commits.map((c) => c.hash)).toEqual([short('payment'), short('mergePayment'), short('format')]);
    expect(p.payment!.commits[0]!.date).toBe('2026-06-29T10:00:00Z');
    expect(p.discount!.commits.map((c) => c.hash)).toEqual([short('slaDay'), short('sla4h'), short('mergeSla'), short('director'), short('revert')]);
    expect(p.discount!.commits.find((c) => c.hash === short('mergeSla'))!.merge).toBe(true);
  });

  it('gives the net change: the SLA the merge chose, the revert cancelled out, the rename and the move', async () => {
    const r = await q3('UTC');
    const p = byId(r);
    expect(p.discount!.status).toBe('changed');
    expect(p.discount!.change!.steps).toEqual([
      expect.objectContaining({ id: 'approve', status: 'changed', fields: { sla: { before: { within: '8h' }, after: { within: '12h' } } } }),
    ]);
    expect(p.payment!.change!.steps.map((s) => `${s.id}:${s.status}`)).toEqual(['invoice:changed']);
    // The move and the id change: one process renamed, its file moved.
    expect(p['renewal-offer']!.change!.fields).toMatchObject({ id: { before: 'renewal', after: 'renewal-offer' }, file: { before: 'processes/operation/renewal.yaml', after: 'processes/core/renewal-offer.yaml' } });
    expect(p.renewal).toBeUndefined();
  });

  it('reports crmflow.yaml: the headcount change and the removed KPI by name, with its commit', async () => {
    const r = await q3('UTC');
    expect(r.config!.changes).toEqual(['role legal: headcount 2 → 1', 'KPI contract-cycle (Contract cycle time) removed']);
    expect(r.config!.commits.map((c) => c.hash)).toEqual([short('legal'), short('mergeLegal')]);
  });

  it('in Asia/Shanghai the period starts 8 hours earlier, so the intake deletion is a Q3 change', async () => {
    const r = await q3('Asia/Shanghai');
    expect(r.timeZone).toBe('Asia/Shanghai');
    expect(r.period.start).toBe('2026-07-01T00:00:00+08:00');
    expect(r.from!.commit).toBe(short('initial'));
    const p = byId(r);
    expect(p.intake!.status).toBe('removed');
    expect(p.intake!.commits.map((c) => c.hash)).toEqual([short('deleteIntake')]);
    expect(p.intake!.commits[0]!.date).toBe('2026-07-01T04:00:00+08:00');
    expect(r.summary.commits).toBe(14);
  });

  it('the markdown report names the time zone and the branch', async () => {
    const { formatReviewMarkdown } = await import('../../src/diff/review-format.js');
    const text = formatReviewMarkdown(await q3('Asia/Shanghai'));
    expect(text).toContain('time zone **Asia/Shanghai**');
    expect(text).toContain('branch `main`');
    expect(text).toContain('role legal: headcount 2 → 1');
  });

  it('simulates the true start and end, attributing each change to the commit that landed it', async () => {
    const r = await q3('UTC', true);
    const contract = byId(r).contract!;
    // contract's own file never changed; its subprocess and the legal headcount did.
    expect(contract.status).toBe('unchanged');
    expect(contract.because).toEqual(['crmflow.yaml roles.legal', 'subprocess payment']);
    expect(contract.trend!.map((t) => [t.commit, t.because ?? null])).toEqual([
      ['start', null],
      [short('mergePayment').slice(0, 7), ['subprocess payment']],
      [short('mergeLegal').slice(0, 7), ['crmflow.yaml roles.legal']],
    ]);
    expect(contract.cycleTime!.significant).toEqual({ p50: true, p90: true });
    expect(contract.cycleTime!.after!.p90).toBeGreaterThan(2 * contract.cycleTime!.before!.p90);
    expect(r.summary.slower.find((m) => m.id === 'contract')).toMatchObject({ significant: true });
  }, 60_000);
});

describe('review and diff --simulate through the CLI in two time zones', () => {
  it('review uses the machine time zone (TZ) and says so', () => {
    for (const [tz, start] of [['UTC', 'deleteIntake'], ['Asia/Shanghai', 'initial']] as const) {
      const r = crmflow({ TZ: tz }, 'review', '--since', '2026-07-01', '--until', '2026-09-30', '--branch', 'main', '--format', 'json');
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.timeZone).toBe(tz);
      expect(report.from.commit).toBe(short(start));
    }
  });

  it('diff --simulate shows the headcount change of a config-only pull request, significant, in either zone', () => {
    for (const tz of ['UTC', 'Asia/Shanghai']) {
      const r = crmflow({ TZ: tz }, 'diff', `${short('mergeLegal')}^1`, short('mergeLegal'), '--simulate', '--runs', '3', '--cases', '200', '--seed', '7', '--format', 'json');
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.processes).toEqual([]);
      expect(report.impact.map((i: { id: string; because: string[] }) => [i.id, i.because])).toEqual([['contract', ['crmflow.yaml roles.legal']]]);
      const ct = report.impact[0].cycleTime;
      expect(ct.runs).toBe(3);
      expect(ct.significant, JSON.stringify(ct)).toEqual({ p50: true, p90: true });
      expect(ct.after.p50).toBeGreaterThan(2 * ct.before.p50);
    }
  });
});
