#!/usr/bin/env node
// Benchmark for `crmflow diff` (issue #6): two revisions of a 200-process project, end to end
// (`node bin/crmflow.js diff HEAD~1 HEAD --format json` in a real git repository). Target: < 2 s.
// Usage: npm run bench:diff  (after npm run build). Prints the median of 5 runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIN = resolve(import.meta.dirname, '../../bin/crmflow.js');
const dir = mkdtempSync(join(tmpdir(), 'crmflow-bench-diff-'));
const git = (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

const ROLES = ['sales-rep', 'sales-manager', 'sales-director', 'legal', 'finance'];

/** A 12-step operation process; `version` 2 changes some of them the way real edits do. */
function processYaml(i, version) {
  const id = `process-${String(i).padStart(3, '0')}`;
  const changed = version === 2 && i % 5 === 0; // 40 of 200 processes change
  const role = (k) => ROLES[(i + k) % ROLES.length];
  const steps = [
    `  - id: start\n    type: start\n    name: Case ${i} arrives\n    arrivals: { every: 2h }\n    next: triage`,
    `  - id: triage\n    type: decision\n    name: Which path?\n    branches:\n      - when: case.amount < ${1000 * i}\n        next: task-1\n        probability: 0.6\n      - else: approval-1`,
  ];
  for (let k = 1; k <= 6; k++) {
    const id_ = changed && k === 3 ? 'task-3-renamed' : `task-${k}`;
    const next = k < 6 ? (changed && k === 2 ? 'task-3-renamed' : `task-${k + 1}`) : 'approval-1';
    const duration = changed && k === 4 ? '3h' : '2h';
    steps.push(`  - id: ${id_}\n    type: task\n    name: Do part ${k} of case ${i}\n    role: ${role(k)}\n    duration: ${duration}\n    next: ${next}`);
  }
  const sla = changed ? '' : `\n    sla: { within: 8h, breach: approval-2 }`;
  steps.push(`  - id: approval-1\n    type: approval\n    name: Manager approves\n    role: sales-manager\n    duration: { dist: lognormal, median: 1h, p90: 4h }${sla}\n    on: { rejected: task-1 }\n    next: ${changed ? 'approval-3' : 'approval-2'}`);
  if (changed) steps.push(`  - id: approval-3\n    type: approval\n    name: Finance approves\n    role: finance\n    duration: 4h\n    on: { rejected: task-1 }\n    next: approval-2`);
  steps.push(`  - id: approval-2\n    type: approval\n    name: Director approves\n    role: ${changed ? 'legal' : 'sales-director'}\n    duration: 4h..1d\n    on: { rejected: lost }\n    next: won`);
  steps.push(`  - id: won\n    type: end\n    outcome: won`, `  - id: lost\n    type: end\n    outcome: lost`);
  return `crmflow: 1\nid: ${id}\nname: Process ${i}\nlayer: operation\nowner: sales-manager\nsteps:\n${steps.join('\n')}\n`;
}

function write(version) {
  for (let i = 0; i < PROCESSES; i++) {
    const folder = join(dir, 'processes', `area-${i % 10}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `process-${String(i).padStart(3, '0')}.yaml`), processYaml(i, version));
  }
}

try {
  git('init', '-q');
  git('config', 'user.name', 'Bench');
  git('config', 'user.email', 'bench@example.com');
  writeFileSync(join(dir, 'crmflow.yaml'), `crmflow: 1\nroles:\n${ROLES.map((r) => `  ${r}: { headcount: 2 }`).join('\n')}\n`);
  write(1);
  git('add', '-A');
  git('commit', '-qm', 'v1');
  write(2);
  git('add', '-A');
  git('commit', '-qm', 'v2');

  const times = [];
  const cpu = [];
  let summary;
  // GNU time, where there is one, also gives the CPU time (user + system, all threads).
  const gnuTime = existsSync('/usr/bin/time');
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    const cmd = [process.execPath, BIN, 'diff', 'HEAD~1', 'HEAD', '--format', 'json'];
    const res = gnuTime
      ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', ...cmd], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 })
      : spawnSync(cmd[0], cmd.slice(1), { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(performance.now() - t);
    if (res.status !== 0) throw new Error(`crmflow diff failed (exit ${res.status}): ${res.stderr}`);
    const m = /CPU ([\d.]+) ([\d.]+)/.exec(res.stderr);
    if (m) cpu.push(Number(m[1]) + Number(m[2]));
    summary = JSON.parse(res.stdout).summary;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`crmflow diff HEAD~1 HEAD --format json, ${PROCESSES} processes (${summary.processes.changed} changed; steps ${JSON.stringify(summary.steps)})`);
  console.log(`runs: ${times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')}`);
  console.log(`best: ${(times[0] / 1000).toFixed(2)} s, median: ${(median / 1000).toFixed(2)} s (target < 2 s) ${median < 2000 ? 'OK' : 'SLOW'}`);
  // Other work on the machine slows a run down: say how busy it was.
  if (cpu.length) console.log(`CPU time (user + system, all threads): ${cpu.map((c) => `${c.toFixed(2)} s`).join(', ')}`);
  console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}`);
  process.exitCode = median < 2000 ? 0 : 1;
} finally {
  if (process.env.BENCH_KEEP) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
