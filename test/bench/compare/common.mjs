/**
 * Shared parts of the side-by-side benchmarks: timing (alternating A/B, median of N),
 * the peers' install, machine facts, and the results file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..', '..', '..');
export const BIN = join(ROOT, 'bin', 'crmflow.js');
export const PEERS = join(HERE, 'peers');
export const WORK = join(HERE, 'work');
export const RESULTS_DIR = join(HERE, 'results');
export const RUNS = Number(process.env.BENCH_RUNS ?? 5);

export function log(msg) {
  process.stderr.write(`${msg}\n`);
}

/** A fresh folder under work/. */
export function workDir(name) {
  const d = join(WORK, name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  return d;
}

/** Runs a command to its end; resolves with exit code, output, wall time and peak RSS. */
export function exec(cmd, args, { cwd = ROOT, env = {}, timeoutMs = 15 * 60_000, input } = {}) {
  return new Promise((resolve) => {
    // /usr/bin/time reports the child's peak resident set size (kB), where it exists.
    const timed = existsSync('/usr/bin/time');
    const argv = timed ? ['-f', '__PEAK_RSS_KB__=%M %U %S', cmd, ...args] : args;
    const started = process.hrtime.bigint();
    const child = spawn(timed ? '/usr/bin/time' : cmd, argv, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const m = /__PEAK_RSS_KB__=(\d+) ([\d.]+) ([\d.]+)/.exec(stderr);
      stderr = stderr.replace(/(Command exited with non-zero status \d+\n)?__PEAK_RSS_KB__=.*\n?/, '');
      // CPU time (user + system) is what the machine's load does not inflate.
      resolve({ code, stdout, stderr, ms, cpuMs: m ? (Number(m[2]) + Number(m[3])) * 1000 : undefined, peakRssMb: m ? Number(m[1]) / 1024 : undefined });
    });
  });
}

export const node = (args, opts) => exec(process.execPath, args, opts);
export const crmflow = (args, opts) => node([BIN, ...args], opts);

/**
 * Times A and B alternately (A, B, A, B, …), `runs` each, after one untimed warm-up of each
 * (file cache, JIT of the loader). `check` runs on every result and throws on a failed run.
 */
export async function alternate(a, b, runs = RUNS) {
  await a.run();
  await b.run();
  const ta = [];
  const tb = [];
  const ra = [];
  const ca = [];
  const cb = [];
  const rb = [];
  for (let i = 0; i < runs; i++) {
    const x = await a.run();
    ta.push(x.ms);
    ca.push(x.cpuMs ?? NaN);
    ra.push(x);
    const y = await b.run();
    tb.push(y.ms);
    cb.push(y.cpuMs ?? NaN);
    rb.push(y);
  }
  return { a: { ms: median(ta), cpuMs: median(ca), all: ta, results: ra }, b: { ms: median(tb), cpuMs: median(cb), all: tb, results: rb } };
}

export function median(xs) {
  const s = [...xs].sort((p, q) => p - q);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function sha(text) {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Whether the built CLI has `crmflow <name>`. */
export function hasCommand(name) {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) return false;
  const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const section = r.stdout.split(/\nCommands:\n/)[1] ?? '';
  return section.split('\n').some((l) => new RegExp(`^  ${name}\\b`).test(l));
}

/** Installs the peer tools into peers/node_modules from the committed lockfile (no browser download). */
export function ensurePeers() {
  const stamp = join(PEERS, 'node_modules', '.package-lock.json');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').length > 0 && existsSync(join(PEERS, 'node_modules', 'bpmnlint'))) return true;
  log('installing the peer tools into test/bench/compare/peers (npm ci, PUPPETEER_SKIP_DOWNLOAD=1) …');
  const r = spawnSync('npm', ['ci', '--prefix', PEERS, '--no-audit', '--no-fund', '--ignore-scripts'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: '1' },
  });
  return r.status === 0;
}

/** Debian's Chromium, installed when missing and we are root; undefined when not available. */
export function chromium() {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  if (process.getuid?.() === 0 && process.env.BENCH_NO_APT !== '1') {
    log('installing Debian\'s chromium for mermaid-cli (apt-get install -y chromium) …');
    spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  return undefined;
}

/** The 1-minute load average: other work on the machine inflates wall times. */
export function load() {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

export function machine() {
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  return {
    cpu: `${cpu} × ${cpus().length}`,
    memory: `${Math.round(totalmem() / 1024 ** 3)} GiB`,
    node: process.version,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    os: `${process.platform} ${process.arch}`,
    load: load(),
  };
}

/** Stores one comparison's result and rewrites RESULTS.md from every stored result. */
export function saveResult(name, result) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}.json`), JSON.stringify({ ...result, machine: machine() }, null, 2) + '\n');
  writeResults();
}

const ORDER = ['lint', 'render', 'diff', 'simulate'];

export function writeResults() {
  const all = existsSync(RESULTS_DIR)
    ? readdirSync(RESULTS_DIR).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')))
    : [];
  all.sort((x, y) => ORDER.indexOf(x.name) - ORDER.indexOf(y.name));
  const out = [
    '# crmflow benchmarks: side by side',
    '',
    'Written by `npm run bench` (all comparisons) or `npm run bench:compare:<name>` (one). Each',
    'comparison runs both tools in one process of measurement, alternating A/B after one warm-up each,',
    `and reports the median wall time of ${RUNS} runs (set BENCH_RUNS to change). Every time is end to end:`,
    'a fresh `node` process per run, as a user or CI job would start it. Peers are installed into',
    '`test/bench/compare/peers/` from its own lockfile, never as crmflow dependencies.',
    '',
    '## Summary',
    '',
    '| comparison | crmflow | peer | result | goal | met |',
    '|---|---|---|---|---|---|',
    ...all.flatMap((r) => r.summary ?? []).map((s) => `| ${s.comparison} | ${s.crmflow} | ${s.peer} | ${s.result} | ${s.goal} | ${s.met} |`),
    '',
  ];
  for (const r of all) {
    out.push(`## ${r.title}`, '', `Measured ${r.machine.date} on ${r.machine.cpu}, ${r.machine.memory}, Node ${r.machine.node} (${r.machine.os}); load average ${r.machine.load} at the end (wall times grow with it; CPU times do not).`, '', `Command: \`${r.command}\``, '');
    out.push(...r.lines, '');
  }
  writeFileSync(join(HERE, '..', 'RESULTS.md'), out.join('\n'));
}

export const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
export const fmtX = (x) => `${x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
