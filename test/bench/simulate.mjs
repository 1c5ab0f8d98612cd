// Benchmark of `crmflow simulate` (not a test): the full lead-to-cash example on its sample
// data, 100,000 and 1,000,000 cases, each in a fresh process so that the peak RSS is its own.
// Run with `npm run bench:simulate` after `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
if (!existsSync(`${root}dist/simulate/index.js`)) {
  console.error('run npm run build first');
  process.exit(2);
}

if (process.argv[2] === '--one') {
  const cases = Number(process.argv[3]);
  const { loadProject } = await import(`${root}dist/model/load.js`);
  const { simulate } = await import(`${root}dist/simulate/index.js`);
  const project = await loadProject({ cwd: root });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await simulate(project, 'lead-to-cash', { cases, seed: 42 });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    JSON.stringify({
      cases: r.cases,
      events: r.events,
      wallSeconds: +(ms / 1000).toFixed(2),
      cpuSeconds: +(cpuMs / 1000).toFixed(2),
      eventsPerSecond: Math.round(r.events / (ms / 1000)),
      eventsPerCpuSecond: Math.round(r.events / (cpuMs / 1000)),
      casesPerSecond: Math.round(r.cases / (ms / 1000)),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      p90Days: +(r.cycleTime.p90 / 1440).toFixed(1),
    }),
  );
  process.exit(0);
}

console.log(`node ${process.version}, lead-to-cash with data/leads-sample.csv (rows replayed and resampled)`);
for (const cases of [100_000, 1_000_000]) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one', String(cases)], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  const m = JSON.parse(r.stdout.trim().split('\n').pop());
  console.log(
    `${cases.toLocaleString('en-US').padStart(9)} cases: ${m.events.toLocaleString('en-US')} events in ${m.wallSeconds}s (cpu ${m.cpuSeconds}s) = ` +
      `${m.eventsPerSecond.toLocaleString('en-US')} events/s (${m.eventsPerCpuSecond.toLocaleString('en-US')} per cpu-second), ` +
      `${m.casesPerSecond.toLocaleString('en-US')} cases/s, peak RSS ${m.peakRssMB} MB`,
  );
}
