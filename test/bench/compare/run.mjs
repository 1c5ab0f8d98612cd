#!/usr/bin/env node
/**
 * `npm run bench` — the side-by-side comparisons. With names (lint, render, diff, simulate)
 * runs only those. Needs `npm run build` first (the script runs it). Writes
 * test/bench/RESULTS.md and test/bench/compare/results/<name>.json.
 */
import { spawnSync } from 'node:child_process';
import { ensurePeers, log, ROOT, saveResult, writeResults } from './common.mjs';

const ALL = ['lint', 'render', 'diff', 'simulate'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const w of wanted) if (!ALL.includes(w)) {
  console.error(`unknown comparison "${w}"; choose from ${ALL.join(', ')}`);
  process.exit(2);
}
const names = wanted.length ? wanted : ALL;

if (!process.argv.includes('--no-build')) {
  log('building crmflow (npm run build) …');
  const b = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) log('warning: the build reported errors; benchmarking what was emitted');
}
if (!ensurePeers()) {
  console.error('could not install the peer tools into test/bench/compare/peers');
  process.exit(2);
}

let failed = 0;
const started = Date.now();
for (const name of names) {
  const t0 = Date.now();
  try {
    const mod = await import(`./${name}.mjs`);
    const result = await mod.bench();
    saveResult(name, result);
    log(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    for (const s of result.summary ?? []) console.log(`${s.comparison}: crmflow ${s.crmflow}, ${s.peer} → ${s.result} (goal ${s.goal}: ${s.met})`);
  } catch (e) {
    failed++;
    console.error(`${name}: failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
writeResults();
log(`all done in ${((Date.now() - started) / 1000).toFixed(0)} s; see test/bench/RESULTS.md`);
process.exitCode = failed ? 1 : 0;
