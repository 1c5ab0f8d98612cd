// Benchmark of `crmflow conform` (not a test): pm4js's receipt log repeated 12 times (each copy
// after the first with one seeded skip, insert or swap per case), about 100,000 events as one XES
// file (times rewritten in file order), replayed on crmflow's import of receipt.bpmn; pm4js on the same file and the same BPMN side
// by side. Each measurement runs in a fresh process so that its peak RSS is its own.
// Wall times grow with the machine's load; CPU times do not.
// Run with `npm run bench:conform` after `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../../', import.meta.url));
const LOGS = `${root}test/fixtures/event-logs/`;
if (!existsSync(`${root}dist/conform/index.js`)) {
  console.error('run npm run build first');
  process.exit(2);
}
const COPIES = 12;
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT ?? 600);

async function project(dir) {
  const { importBpmn, toYaml } = await import(`${root}dist/bpmn/import.js`);
  const { loadProject } = await import(`${root}dist/model/load.js`);
  const imported = await importBpmn(readFileSync(`${LOGS}receipt.bpmn`, 'utf8'));
  mkdirSync(join(dir, 'processes'), { recursive: true });
  writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\n');
  for (const p of imported.processes) writeFileSync(join(dir, 'processes', `${p.id}.yaml`), toYaml(p, { schemaPath: 'x' }));
  return { project: await loadProject({ cwd: dir }), id: imported.processes[0].id };
}

function pm4js() {
  const require = createRequire(import.meta.url);
  for (const f of ['objects/log/importer/xes/importer.js', 'objects/bpmn/importer/bpmn_importer.js', 'objects/conversion/bpmn/to_petri_net.js', 'algo/conformance/tokenreplay/algorithm.js', 'algo/conformance/alignments/petri_net/algorithm.js'])
    require(`pm4js/pm4js/${f}`);
  return globalThis;
}

const mode = process.argv[2];
if (mode === '--one') {
  const [what, file, dir] = process.argv.slice(3);
  const cpu0 = process.cpuUsage();
  let result;
  if (what.startsWith('crmflow')) {
    const { readEventLog } = await import(`${root}dist/log/index.js`);
    const c = await import(`${root}dist/conform/index.js`);
    const { project: p, id } = await project(dir);
    const t1 = performance.now();
    const log = await readEventLog(file);
    const read = performance.now() - t1;
    if (what === 'crmflow-tbr') {
      const net = c.buildNet(p, id);
      const labels = c.caseLabels(log, c.mapLog(log, net.steps).steps);
      const r = c.tokenReplay(net, labels);
      result = { events: log.stats.events, readSeconds: +(read / 1000).toFixed(2), fitness: +r.fitness.toFixed(4), fitting: r.fittingCases };
    } else {
      const r = c.conform(p, id, log);
      result = { events: log.stats.events, readSeconds: +(read / 1000).toFixed(2), tokenReplay: +r.fitness.tokenReplay.toFixed(4), alignment: +r.fitness.alignment.toFixed(4), fitting: r.fittingCases };
    }
    result.seconds = +((performance.now() - t1) / 1000).toFixed(2);
  } else {
    const g = pm4js();
    const t1 = performance.now();
    const log = g.XesImporter.apply(readFileSync(file, 'utf8'));
    const read = performance.now() - t1;
    const net = g.BpmnToPetriNetConverter.apply(g.BpmnImporter.apply(readFileSync(`${LOGS}receipt.bpmn`, 'utf8')));
    if (what === 'pm4js-tbr') {
      const r = g.TokenBasedReplay.apply(log, net);
      result = { readSeconds: +(read / 1000).toFixed(2), fitness: +r.logFitness.toFixed(4), fitting: r.fitTraces };
    } else {
      const r = g.PetriNetAlignments.apply(log, net);
      result = { readSeconds: +(read / 1000).toFixed(2), alignment: +r.logFitness.toFixed(4), fitting: r.fitTraces };
    }
    result.seconds = +((performance.now() - t1) / 1000).toFixed(2);
  }
  const cpu = process.cpuUsage(cpu0);
  result.cpuSeconds = +((cpu.user + cpu.system) / 1e6).toFixed(2);
  result.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify(result));
  process.exit(0);
}

// The log: receipt's cases, COPIES times, every copy after the first with one change per case.
const dir = mkdtempSync(join(tmpdir(), 'crmflow-bench-conform-'));
const xml = gunzipSync(readFileSync(`${LOGS}receipt.xes.gz`)).toString('utf8');
const head = xml.slice(0, xml.indexOf('<trace>'));
const traces = xml.slice(xml.indexOf('<trace>'), xml.lastIndexOf('</trace>') + '</trace>'.length).split(/(?<=<\/trace>)\s*/);
let seed = 2024;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
const parts = [head];
let events = 0;
for (let copy = 0; copy < COPIES; copy++) {
  for (const t of traces) {
    const evs = t.match(/<event>[\s\S]*?<\/event>/g) ?? [];
    const name = `${copy}-${/<string key="concept:name" value="([^"]*)"/.exec(t)[1]}`;
    if (copy > 0 && evs.length > 1) {
      const i = Math.floor(rnd() * (evs.length - 1));
      const k = rnd();
      if (k < 1 / 3) evs.splice(i, 1);
      else if (k < 2 / 3) evs.splice(i, 0, evs[Math.floor(rnd() * evs.length)]);
      else [evs[i], evs[i + 1]] = [evs[i + 1], evs[i]];
    }
    // Times in file order: crmflow orders a case's events by time, pm4js keeps the file's order.
    const t0 = Date.UTC(2026, 0, 1) + (copy * traces.length + parts.length) * 3_600_000;
    const timed = evs.map((e, k) => e.replace(/<date key="time:timestamp" value="[^"]*"\s*\/>/, `<date key="time:timestamp" value="${new Date(t0 + k * 60_000).toISOString()}"/>`));
    evs.splice(0, evs.length, ...timed);
    events += evs.length;
    parts.push(`<trace><string key="concept:name" value="${name}"/>${evs.join('')}</trace>\n`);
  }
}
parts.push('</log>\n');
const file = join(dir, 'receipt-x12.xes');
writeFileSync(file, parts.join(''));
console.log(`log: ${traces.length * COPIES} cases, ${events} events, ${(readFileSync(file).length / 1e6).toFixed(1)} MB XES`);

// `npm run bench:conform -- crmflow-tbr crmflow-conform` runs only those.
const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const what of chosen.length ? chosen : ['crmflow-tbr', 'pm4js-tbr', 'crmflow-conform', 'pm4js-align']) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one', what, file, join(dir, what)], { encoding: 'utf8', timeout: TIMEOUT_S * 1000 });
  const out = r.stdout.trim().split('\n').pop();
  console.log(`${what.padEnd(16)} ${r.status === 0 ? out : `did not finish in ${TIMEOUT_S} s (${r.signal ?? r.status}) ${r.stderr.slice(0, 200)}`}`);
}
