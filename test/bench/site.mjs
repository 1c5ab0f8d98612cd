#!/usr/bin/env node
// Benchmark: `crmflow site` on a generated 200-process project (2 strategy, 18 core, 180
// operation processes, 12 steps each, subprocess calls down the layers, two git commits),
// CLI start, simulations and git history included.
// Run after `npm run build`:  npm run bench:site  (prints the median of 3 runs and the home page size).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'crmflow-bench-site-'));
const roles = ['sales-rep', 'sales-manager', 'sales-director', 'legal', 'ar-clerk', 'service-agent'];
const layers = [
  ...Array.from({ length: 2 }, (_, i) => ({ id: `strategy-${i}`, layer: 'strategy' })),
  ...Array.from({ length: 18 }, (_, i) => ({ id: `core-${i}`, layer: 'core' })),
  ...Array.from({ length: 180 }, (_, i) => ({ id: `op-${i}`, layer: 'operation' })),
];
const callees = (p) => {
  if (p.layer === 'strategy') return Array.from({ length: 9 }, (_, k) => `core-${Number(p.id.split('-')[1]) * 9 + k}`);
  if (p.layer === 'core') return Array.from({ length: 10 }, (_, k) => `op-${Number(p.id.split('-')[1]) * 10 + k}`);
  return [];
};
const refinesOf = new Map();
for (const p of layers) for (const c of callees(p)) refinesOf.set(c, p.id);
mkdirSync(join(dir, 'processes'));
const write = (rev) => {
  for (const p of layers) {
    const calls = callees(p);
    const steps = [{ id: 'received', type: 'start', name: `${p.id} 收到请求`, next: 'work-1' }];
    const n = 10;
    for (let i = 1; i <= n; i++) {
      const id = `work-${i}`;
      const next = i === n ? 'done' : `work-${i + 1}`;
      if (calls.length && i <= calls.length) steps.push({ id, type: 'subprocess', name: `Run ${calls[i - 1]}`, process: calls[i - 1], next });
      else if (i % 4 === 0) steps.push({ id, type: 'approval', name: `审批 ${p.id} ${i}`, role: roles[(i + 1) % 6], duration: '30m..2h', sla: { within: '1d' }, on: { rejected: { next: 'done', probability: 0.1 } }, next });
      else steps.push({ id, type: 'task', name: `Handle ${p.id} step ${i}${rev ? ' (v2)' : ''}`, role: roles[i % 6], duration: '20m..1h', next });
    }
    steps.push({ id: 'done', type: 'end', name: 'Done', outcome: 'done' });
    const lines = ['crmflow: 1', `id: ${p.id}`, `name: ${p.id} 流程`, `layer: ${p.layer}`, `owner: ${roles[1]}`];
    if (refinesOf.has(p.id)) lines.push(`refines: ${refinesOf.get(p.id)}/work-1`);
    lines.push('steps:', ...steps.map((s) => `  - ${JSON.stringify(s)}`));
    writeFileSync(join(dir, 'processes', `${p.id}.yaml`), `${lines.join('\n')}\n`);
  }
};
writeFileSync(join(dir, 'crmflow.yaml'), `crmflow: 1\nroles:\n${roles.map((r) => `  ${r}: { headcount: 3 }`).join('\n')}\n`);
const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' } });
write(false);
git('init', '-q');
git('add', '.');
git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'first');
write(true);
git('add', '.');
git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'second');

const times = [];
for (let i = 0; i < 3; i++) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'crmflow.js'), 'site', '-o', 'out'], { cwd: dir, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    process.exit(1);
  }
  times.push(ms);
}
// CPU time (user + system) of the same command: steadier than wall time on a shared machine.
const cpu = [];
for (let i = 0; i < 2; i++) {
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%U %S'; time "${process.execPath}" "${join(ROOT, 'bin', 'crmflow.js')}" site -o out >/dev/null 2>&1`], { cwd: dir, encoding: 'utf8' });
  const m = /([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? '');
  if (m) cpu.push(Number(m[1]) + Number(m[2]));
}
const home = statSync(join(dir, 'out', 'index.html')).size;
if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
else console.log(dir);
times.sort((a, b) => a - b);
console.log(`crmflow site, 200 processes: median ${(times[1] / 1000).toFixed(2)} s (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s); CPU ${Math.min(...cpu).toFixed(2)} s; home page ${(home / 1024).toFixed(0)} KB`);
