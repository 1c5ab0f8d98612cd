#!/usr/bin/env node
// Benchmark for the git diff driver (issue 18, item 10): git starts `crmflow git-diff` once per
// file in `git log -p --ext-diff`, so its start-up is paid per file diff. Builds a temporary
// repository with BENCH_COMMITS commits, each changing two process files (and every fourth a YAML
// file that is no process, for the text fallback), runs `git log -p --ext-diff` BENCH_RUNS times
// and prints per-file-diff wall and CPU medians (CPU of git and every driver it started), beside
// the same log with `node -e 0` as the driver: the floor any Node driver pays.
// Usage: npm run bench:git-diff  (after npm run build). BENCH_BIN=path/to/bin/crmflow.js compares another build.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const COMMITS = Number(process.env.BENCH_COMMITS ?? 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIN = resolve(process.env.BENCH_BIN ?? join(import.meta.dirname, '../../bin/crmflow.js'));
const PROCESSES = 4;
const dir = mkdtempSync(join(tmpdir(), 'crmflow-bench-git-diff-'));
const git = (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

/** A small sales process; `v` moves durations and the approval role so every commit changes it. */
function processYaml(i, v) {
  return `crmflow: 1
id: deal-${i}
name: Deal desk ${i}
layer: operation
owner: sales-manager
steps:
  - id: start
    type: start
    arrivals: { every: 2h }
    next: qualify
  - id: qualify
    type: decision
    name: Large deal?
    branches:
      - when: case.amount > ${1000 * (i + 1)}
        next: approve
        probability: 0.3
      - else: draft
  - id: approve
    type: approval
    name: Manager approves
    role: ${v % 2 ? 'sales-manager' : 'finance'}
    duration: ${1 + (v % 5)}h
    on: { rejected: lost }
    next: draft
  - id: draft
    type: task
    name: Draft the contract
    role: sales-rep
    duration: ${2 + (v % 7)}h
    next: won
  - id: won
    type: end
    outcome: won
  - id: lost
    type: end
    outcome: lost
`;
}

function write(v) {
  for (let i = 0; i < PROCESSES; i++) if (v === 0 || (v + i) % 2 === 0) writeFileSync(join(dir, 'processes', `deal-${i}.yaml`), processYaml(i, v));
  if (v % 4 === 0) writeFileSync(join(dir, 'processes', 'lookup.yaml'), `# not a process\nregions:\n${Array.from({ length: 3 + v }, (_, k) => `  - r${k}`).join('\n')}\n`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One `git log -p --ext-diff` with `command` as the driver: wall and CPU seconds (git and its children). */
function logOnce(command) {
  const t0 = performance.now();
  // `times` prints the shell's own CPU, then that of its finished children: git and every driver.
  const r = spawnSync('/bin/sh', ['-c', 'git -c "diff.crmflow.command=$DRIVER" log -p --ext-diff >/dev/null && times'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, DRIVER: command, NO_COLOR: '1', GIT_PAGER: 'cat' },
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`git log failed: ${r.stderr}`);
  const secs = [...r.stdout.trim().split('\n').at(-1).matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { wall, cpu: secs[0] + secs[1] };
}

try {
  mkdirSync(join(dir, 'processes'));
  git('init', '-q');
  git('config', 'user.name', 'Bench');
  git('config', 'user.email', 'bench@example.com');
  writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\nroles:\n  sales-rep: { headcount: 4 }\n  sales-manager: { headcount: 2 }\n  finance: { headcount: 1 }\n');
  writeFileSync(join(dir, '.gitattributes'), 'processes/**/*.yaml diff=crmflow\n');
  for (let v = 0; v < COMMITS; v++) {
    write(v);
    git('add', '-A');
    git('commit', '-qm', `change ${v}`);
  }
  const diffs = git('log', '--format=', '--name-only').split('\n').filter((l) => l.startsWith('processes/')).length;
  const fallback = git('log', '--format=', '--name-only').split('\n').filter((l) => l === 'processes/lookup.yaml').length;

  const measure = (command) => {
    logOnce(command); // warm the file cache
    const runs = Array.from({ length: RUNS }, () => logOnce(command));
    return { wall: median(runs.map((r) => r.wall)) / diffs, cpu: median(runs.map((r) => r.cpu)) / diffs };
  };
  const driver = measure(`node ${JSON.stringify(BIN)} git-diff`);
  const floor = measure('node -e 0');
  const row = (name, m) => `  ${name.padEnd(24)} wall ${m.wall.toFixed(3)} s   CPU ${m.cpu.toFixed(3)} s`;
  console.log(`git log -p --ext-diff: ${diffs} file diffs (${fallback} of them the text fallback) in ${COMMITS} commits; per file diff, median of ${RUNS} runs`);
  console.log(`node ${process.version}, load average ${loadavg()[0].toFixed(1)}, driver ${BIN}`);
  console.log(row('crmflow git-diff', driver));
  console.log(row('node -e 0 (floor)', floor));
  console.log(`  above the floor:         wall ${(driver.wall - floor.wall).toFixed(3)} s   CPU ${(driver.cpu - floor.cpu).toFixed(3)} s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
