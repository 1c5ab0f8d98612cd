/**
 * The lint delta of `crmflow diff` on real git repositories (the built CLI): findings are matched
 * without their positions, and findings in crmflow.yaml are part of the delta.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from './repo.js';

const BIN = resolve(import.meta.dirname, '../../bin/crmflow.js');

function crmflow(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CONFIG = `crmflow: 1
roles:
  sales-rep: { headcount: 2 }
kpis:
  - id: time-to-contact
    from: lead-intake/received
    to: lead-intake/first-contact
    target: { p90: 1d }
`;

// "call-lead" and "call-again" are both "Call the lead": one duplicate-step finding, whose
// message names the line of the earlier twin.
const PROCESS = `crmflow: 1
id: lead-intake
name: Lead intake
layer: operation
owner: sales-rep
steps:
  - id: received
    type: start
    name: Lead received
    next: call-lead
  - id: call-lead
    type: task
    name: Call the lead
    role: sales-rep
    duration: 1h
    next: first-contact
  - id: first-contact
    type: task
    name: Send the intro mail
    role: sales-rep
    duration: 10m
    next: call-again
  - id: call-again
    type: task
    name: Call the lead
    role: sales-rep
    duration: 1h
    next: done
  - id: done
    type: end
    outcome: contacted
`;

function project(repo: TempRepo, process: string): void {
  writeFileSync(join(repo.dir, 'crmflow.yaml'), CONFIG);
  mkdirSync(join(repo.dir, 'processes/operation'), { recursive: true });
  writeFileSync(join(repo.dir, 'processes/operation/lead-intake.yaml'), process);
}

interface Json {
  processes: Array<{ id: string; lint: { introduced: Array<{ rule: string }>; resolved: unknown[] } }>;
  lint?: { introduced: Array<{ rule: string; file: string; message: string }>; resolved: unknown[] };
  summary: { lint: { introduced: number; resolved: number } };
}

describe('crmflow diff: lint delta', () => {
  let repo: TempRepo | undefined;
  afterEach(() => repo?.remove());

  it('comment lines above a duplicate step move its line but introduce and resolve nothing', () => {
    repo = tempRepo();
    project(repo, PROCESS);
    repo.commit('Lead intake');
    const lint = crmflow(repo.dir, 'lint', '--format', 'json');
    // The premise: the finding quotes a line number, which the comments below move.
    expect(lint.stdout).toMatch(/duplicate-step[\s\S]*\(line 11\)/);
    project(repo, PROCESS.replace('steps:\n', 'steps:\n  # Intake starts when a lead arrives.\n  # The sales rep calls first.\n'));
    repo.commit('Comments');
    expect(crmflow(repo.dir, 'lint', '--format', 'json').stdout).toMatch(/\(line 13\)/);

    const r = crmflow(repo.dir, 'diff', 'HEAD~1', 'HEAD', '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Json;
    expect(report.summary.lint).toEqual({ introduced: 0, resolved: 0 });
    expect(report.processes).toEqual([]);
    expect(report.lint).toBeUndefined();
    expect(crmflow(repo.dir, 'diff', 'HEAD~1', 'HEAD', '--exit-code').code).toBe(0);
  });

  it('renaming a step a KPI names introduces kpi-unknown-step in crmflow.yaml', () => {
    repo = tempRepo();
    project(repo, PROCESS);
    repo.commit('Lead intake');
    project(repo, PROCESS.replaceAll('first-contact', 'intro-mail'));
    repo.commit('Rename the intro mail step');

    const r = crmflow(repo.dir, 'diff', 'HEAD~1', 'HEAD', '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Json;
    expect(report.lint?.introduced.map((f) => `${f.rule} ${f.file}`)).toEqual(['kpi-unknown-step crmflow.yaml']);
    expect(report.lint?.introduced[0]!.message).toContain('first-contact');
    expect(report.lint?.resolved).toEqual([]);
    expect(report.summary.lint).toEqual({ introduced: 1, resolved: 0 });

    const text = crmflow(repo.dir, 'diff', 'HEAD~1', 'HEAD');
    expect(text.stdout).toContain('findings: 1 introduced, 0 resolved');
    expect(text.stdout).toMatch(/^new +error kpi-unknown-step: .*\(crmflow\.yaml:\d+:\d+\)$/m);
    const markdown = crmflow(repo.dir, 'diff', 'HEAD~1', 'HEAD', '--format', 'markdown');
    expect(markdown.stdout).toMatch(/^- :warning: new error `kpi-unknown-step`/m);
  });
});
