#!/usr/bin/env node
/**
 * Lint speed, end to end: generates a project of 1,000 process files of about 50 steps each
 * and times `crmflow lint` on it (node start-up, loading, validation, rules, output).
 * Target: under 2 s. Run with `npm run bench:lint` after `npm run build`.
 *
 *   node test/bench/lint.mjs [files=1000] [steps=50] [runs=5]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [files = 1000, steps = 50, runs = 5] = process.argv.slice(2).map(Number);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'crmflow.js');
const ROLES = ['sales-rep', 'presales', 'implementation', 'service-agent', 'ar-clerk'];
const APPROVERS = ['sales-manager', 'sales-director', 'cfo', 'legal', 'service-manager', 'delivery-manager', 'finance-manager', 'ceo', 'procurement'];

/**
 * One operation process in blocks of five steps — work, approval (with a rework loop), a
 * decision with an early exit, more work with an SLA and escalation, a wait — like the example.
 */
function processYaml(n, size) {
  const out = [`crmflow: 1`, `id: p${n}`, `name: Generated process ${n}`, `layer: operation`, `owner: sales-manager`, `steps:`];
  out.push(`  - id: start`, `    type: start`, `    next: s1`);
  let i = 1;
  let b = 0;
  while (i + 5 <= size - 3) {
    const role = ROLES[(n + b) % ROLES.length];
    const other = ROLES[(n + b + 1) % ROLES.length];
    const approver = APPROVERS[b % APPROVERS.length];
    out.push(
      `  - id: s${i}`, `    type: task`, `    name: Prepare item ${b}`, `    role: ${role}`, `    duration: { dist: lognormal, median: 2h, p90: 1d }`, `    next: s${i + 1}`,
      `  - id: s${i + 1}`, `    type: approval`, `    name: Approve item ${b}`, `    role: ${approver}`, `    duration: 1h..4h`,
      `    on: { rejected: { next: s${i}, probability: 0.1 } }`, `    next: s${i + 2}`,
      `  - id: s${i + 2}`, `    type: decision`, `    name: Go on with item ${b}?`, `    branches:`,
      `      - when: case.amount > ${(b + 1) * 1000}`, `        next: lost`, `        probability: 0.05`, `      - else: s${i + 3}`,
      `  - id: s${i + 3}`, `    type: task`, `    name: Deliver item ${b}`, `    role: ${other}`, `    duration: 4h`,
      `    sla: { within: 1d, breach: escalate }`, `    next: s${i + 4}`,
      `  - id: s${i + 4}`, `    type: wait`, `    name: Cool-off after item ${b}`, `    for: 1d`, `    next: s${i + 5}`,
    );
    i += 5;
    b++;
  }
  out.push(`  - id: s${i}`, `    type: task`, `    name: Close ${n}`, `    role: sales-rep`, `    next: done`);
  out.push(`  - id: escalate`, `    type: task`, `    name: Escalate`, `    role: sales-manager`, `    next: lost`);
  out.push(`  - id: done`, `    type: end`, `    outcome: won`, `  - id: lost`, `    type: end`, `    outcome: lost`);
  return `${out.join('\n')}\n`;
}

const dir = mkdtempSync(join(tmpdir(), 'crmflow-bench-lint-'));
try {
  mkdirSync(join(dir, 'processes'), { recursive: true });
  writeFileSync(join(dir, 'crmflow.yaml'), `crmflow: 1\nroles:\n${[...ROLES, ...APPROVERS].map((r) => `  ${r}: { headcount: 2 }`).join('\n')}\n`);
  let totalSteps = 0;
  for (let n = 0; n < files; n++) {
    const text = processYaml(n, steps);
    totalSteps += (text.match(/^  - id: /gm) ?? []).length;
    writeFileSync(join(dir, 'processes', `p${n}.yaml`), text);
  }
  console.error(`generated ${files} files, ${totalSteps} steps (${(totalSteps / files).toFixed(1)} per file) in ${dir}`);
  // A preload that reports the child's own CPU time, which a busy machine inflates less than wall time.
  const preload = join(dir, 'cpu.mjs');
  writeFileSync(preload, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`CPU ${(u.user + u.system) / 1000}\\n`); });\n");
  const times = [];
  const cpus = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(process.execPath, ['--import', preload, BIN, 'lint', '--format', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 0 && res.status !== 1) throw new Error(`crmflow lint exited ${res.status}: ${res.stderr}`);
    const report = JSON.parse(res.stdout);
    const cpu = Number(/CPU ([\d.]+)/.exec(res.stderr)?.[1] ?? NaN);
    times.push(ms);
    cpus.push(cpu);
    console.error(`run ${r + 1}: ${ms.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU (${report.findings.length} findings, exit ${res.status})`);
  }
  // Where the time goes, in process: loading (YAML parse, schema, references) vs the rules.
  const { loadProject } = await import('../../dist/model/load.js');
  const { lintProject } = await import('../../dist/lint/engine.js');
  let t = performance.now();
  const project = await loadProject({ cwd: dir });
  const loadMs = performance.now() - t;
  t = performance.now();
  lintProject(project, { files: project.selected });
  const lintMs = performance.now() - t;
  console.error(`in process: loadProject ${loadMs.toFixed(0)} ms, lintProject (rules, suppressions) ${lintMs.toFixed(0)} ms`);
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const cpuMedian = cpus[Math.floor(cpus.length / 2)];
  const load = (await import('node:os')).loadavg()[0].toFixed(1);
  console.log(
    `crmflow lint, ${files} files × ~${steps} steps, end to end: median ${(median / 1000).toFixed(2)} s wall (best ${(times[0] / 1000).toFixed(2)} s), median ${(cpuMedian / 1000).toFixed(2)} s CPU; load average ${load} (target < 2 s)`,
  );
} finally {
  if (process.env.KEEP) console.error(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
