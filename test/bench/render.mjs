#!/usr/bin/env node
// Benchmark: `crmflow render` of one 60-step process with 6 roles to SVG, CLI start included.
// Run after `npm run build`:  npm run bench:render  (prints medians of 7 runs, cold and from the layout cache).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'crmflow-bench-render-'));
const roles = ['sales-rep', 'sales-manager', 'sales-director', 'legal', 'ar-clerk', 'customer'];
const steps = [{ id: 's0', type: 'start', name: 'Case received', next: 't1' }];
// 60 steps: a start, tasks in rotating roles, a decision every 7th step with a rework loop,
// an exception path every 5th task, and an end.
for (let i = 1; i <= 58; i++) {
  const id = `t${i}`;
  const next = i === 58 ? 'done' : `t${i + 1}`;
  if (i % 7 === 0) {
    steps.push({ id, type: 'decision', name: `Check ${i}: complete?`, branches: [{ when: `case.score > ${i}`, next }, { else: `t${i - 3}` }] });
  } else {
    const s = { id, type: 'task', name: `Step ${i}: handle the case for ${roles[i % 6]}`, role: roles[i % 6], duration: '1h', next };
    if (i % 5 === 0) s.on = { rejected: i + 9 <= 58 ? `t${i + 9}` : 'done' };
    steps.push(s);
  }
}
steps.push({ id: 'done', type: 'end', name: 'Case closed', outcome: 'closed' });
const yaml = [
  'crmflow: 1',
  'id: bench-sixty',
  'name: Sixty-step benchmark',
  'layer: operation',
  'owner: sales-manager',
  'steps:',
  ...steps.map((s) => `  - ${JSON.stringify(s)}`),
].join('\n');
mkdirSync(join(dir, 'processes'));
writeFileSync(join(dir, 'crmflow.yaml'), `crmflow: 1\nroles:\n${roles.filter((r) => r !== 'customer').map((r) => `  ${r}: {}`).join('\n')}\n`);
writeFileSync(join(dir, 'processes', 'bench-sixty.yaml'), `${yaml}\n`);

// Cold: every run lays the diagram out (--no-cache), the figure the target is for. Warm: the
// layout comes from .crmflow/cache/render/, as on a re-render of an unchanged process.
function wallTimes(args) {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'crmflow.js'), 'render', '-o', join(dir, 'out'), ...args], { cwd: dir, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    times.push(ms);
  }
  return times.sort((a, b) => a - b);
}
// CPU time (user + system) of the same command: steadier than wall time on a busy machine.
function cpuTimes(args) {
  const cpu = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; time "${process.execPath}" "${join(ROOT, 'bin', 'crmflow.js')}" render -o out ${args.join(' ')} >/dev/null 2>&1`], { cwd: dir, encoding: 'utf8' });
    const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
    if (m) cpu.push((Number(m[1]) + Number(m[2])) * 1000);
  }
  return cpu.sort((a, b) => a - b);
}
const cold = wallTimes(['--no-cache']);
const coldCpu = cpuTimes(['--no-cache']);
const warm = wallTimes([]);
const warmCpu = cpuTimes([]);
if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
else console.log(dir);
const median = (a) => a[Math.floor(a.length / 2)];
const line = (what, times, cpu) =>
  `${what}: median ${median(times).toFixed(0)} ms wall (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}; 7 runs)` +
  (cpu.length ? `, CPU (user + system) median ${median(cpu).toFixed(0)} ms (3 runs)` : '');
console.log('render 60 steps, 6 roles, SVG, CLI start included (target < 1000 ms cold):');
console.log(line('  cold (--no-cache)', cold, coldCpu));
console.log(line('  warm (layout cache)', warm, warmCpu));
