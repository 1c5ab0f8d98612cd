#!/usr/bin/env node
// Benchmark: `crmflow render` of twenty 40-step processes, cold (no layout cache, --no-cache)
// against warm (every layout in .crmflow/cache/render/), CLI start included, and whether the
// SVGs are byte-identical either way. Run after `npm run build`: npm run bench:render-cache
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG, processYaml } from './compare/generate.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'crmflow-bench-cache-'));
mkdirSync(join(dir, 'processes', 'operation'), { recursive: true });
writeFileSync(join(dir, 'crmflow.yaml'), CONFIG);
for (let i = 0; i < 20; i++) writeFileSync(join(dir, 'processes', 'operation', `big-${i + 1}.yaml`), processYaml(`big-${i + 1}`, 37, 40 + i));

const run = (args, out) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'crmflow.js'), 'render', '-o', out, ...args], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
const svgs = (out) => readdirSync(join(dir, out)).filter((f) => f.endsWith('.svg')).sort().map((f) => readFileSync(join(dir, out, f), 'utf8')).join('\n');
const cold = [];
const warm = [];
run([], 'warm'); // fills the cache
for (let i = 0; i < 5; i++) {
  cold.push(run(['--no-cache'], 'cold'));
  warm.push(run([], 'warm'));
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const same = svgs('cold') === svgs('warm');
if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
console.log(`render 20 × 40 steps, CLI start included: cold (--no-cache) median ${median(cold).toFixed(0)} ms, warm (cache) median ${median(warm).toFixed(0)} ms: ${(median(cold) / median(warm)).toFixed(1)}× faster (goal ≥ 3×); byte-identical: ${same ? 'yes' : 'NO'}`);
console.log(`runs, cold: ${cold.map(Math.round).join(', ')}; warm: ${warm.map(Math.round).join(', ')}`);
