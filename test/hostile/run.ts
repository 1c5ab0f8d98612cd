/**
 * Helpers for the hostile-input suite: run the real CLI with a hard time limit, know which
 * commands exist in this build, snapshot folders, and find live markup in outputs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { BIN, ROOT } from '../cli/helpers.js';

export { BIN, ROOT };
export const HOSTILE = join(ROOT, 'test', 'fixtures', 'hostile');
const CPU_TIME = join(import.meta.dirname, 'cpu-time.mjs');

let known: Set<string> | undefined;
/**
 * The commands `crmflow --help` lists. A missing build or a help text this suite cannot read
 * is an error, never a reason to skip: a suite that skips itself proves nothing.
 */
export function listedCommands(): Set<string> {
  if (!known) {
    if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/cli/main.js is missing: build crmflow first (npm run build; npm test builds before it tests)');
    const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const section = r.stdout.split(/\nCommands:\n/)[1];
    if (r.status !== 0 || section === undefined) throw new Error(`crmflow --help (exit ${r.status}) has no "Commands:" section; the hostile suite reads the command list from it:\n${r.stdout}${r.stderr}`);
    known = new Set();
    for (const line of section.split('\n')) {
      const m = /^ {2}([a-z][\w-]*)\b/.exec(line);
      if (m && m[1] !== 'help') known.add(m[1]!);
    }
  }
  return known;
}

/** Fails (throws) unless `crmflow <name>` is in the build: an unknown command exits 2, which the attacks accept. */
export function requireCommand(name: string): void {
  const commands = listedCommands();
  if (!commands.has(name)) throw new Error(`crmflow ${name} is not listed by crmflow --help (it lists ${[...commands].join(', ')}): renamed or removed? update test/hostile`);
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time. */
  ms: number;
  /** CPU time of the CLI (user + system, all threads); undefined when it was killed. */
  cpuMs: number | undefined;
  /** Used more than its CPU limit, or killed at the wall limit. */
  timedOut: boolean;
}

/** A run is killed after this much wall time whatever its CPU limit: a hang or a sleep. */
export const WALL_LIMIT_MS = 120_000;

/**
 * Runs `node bin/crmflow.js …` asynchronously. `limitMs` limits its CPU time, not its wall
 * time: on two cores shared by many jobs a 1 s run takes 10 s of wall time. A run still going
 * after WALL_LIMIT_MS is killed (SIGKILL) and counts as timed out.
 */
export function run(args: string[], cwd: string, limitMs = 10_000, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const started = Date.now();
    const fullEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
    delete fullEnv.FORCE_COLOR;
    delete fullEnv.CRMFLOW_DEBUG;
    const child = spawn(process.execPath, ['--import', CPU_TIME, BIN, ...args], { cwd, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let cpu = '';
    let killed = false;
    child.stdout!.setEncoding('utf8').on('data', (d: string) => { if (stdout.length < 4_000_000) stdout += d; });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => { if (stderr.length < 1_000_000) stderr += d; });
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (d: string) => { cpu += d; });
    const timer = setTimeout(() => { killed = true; child.kill('SIGKILL'); }, Math.max(WALL_LIMIT_MS, limitMs));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const cpuMs = /^\d+\n$/.test(cpu) ? Number(cpu) : undefined;
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, cpuMs, timedOut: killed || (cpuMs ?? 0) > limitMs });
    });
  });
}

/** A stack trace in the output (a Node frame, or an uncaught error header). */
export function hasStack(text: string): boolean {
  return /\n\s+at .+[(\s].*:\d+:\d+\)?/.test(text) || /\bat [\w.<>]+ \(file:/.test(text) || /^(Range|Type|Reference|Syntax)Error: /m.test(text) || /node:internal/.test(text);
}

/** A fresh sandbox: `<tmp>/project` (a copy of `from`), `<tmp>/outside/canary.txt`. */
export function sandbox(from?: string): { root: string; project: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'crmflow-hostile-'));
  const project = join(root, 'project');
  if (from) cpSync(from, project, { recursive: true, filter: (src) => !src.endsWith('README.md') });
  else cpSync(join(HOSTILE, 'base'), project, { recursive: true });
  cpSync(join(HOSTILE, 'base', 'outside'), join(root, 'outside'), { recursive: true });
  return { root, project, out: join(project, 'out') };
}

/** Every path under `dir` with size and mtime, skipping `skip` subfolders (relative names). */
/**
 * The layout cache (`.crmflow/cache/`, keyed by content): besides its output folder, the one
 * place render writes, by design. Its own tests check what is in it.
 */
export const LAYOUT_CACHE = ['project/.crmflow'];

export function snapshot(dir: string, skip: string[] = []): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      const rel = relative(dir, p);
      if (skip.some((s) => rel === s || rel.startsWith(s + '/'))) continue;
      const st = lstatSync(p);
      m.set(rel, st.isDirectory() ? 'dir' : `${st.size}:${st.mtimeMs}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return m;
}

export function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of after) if (before.get(k) !== v) out.push(k);
  for (const k of before.keys()) if (!after.has(k)) out.push(`${k} (removed)`);
  return out;
}

/** Files under `dir`, recursively, as absolute paths. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

const TAG = /<([a-zA-Z][\w:.-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTR = /([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
const DANGEROUS_ELEMENTS = /^(?:script|iframe|object|embed|foreignobject|handler|listener)$/i;
const URL_ATTRS = /^(?:href|xlink:href|src|action|formaction|data)$/i;

function decodeEntities(v: string): string {
  return v
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':')
    .replace(/&(?:tab|newline);/gi, '');
}

/**
 * Live markup in an output: what a browser, GitHub or a Mermaid renderer would act on —
 * real elements and attributes, not text that merely spells them (`&lt;script&gt;`, or a
 * quoted attribute value holding "onerror="). Returns the offending snippets.
 */
export function liveMarkup(text: string, kind: 'svg' | 'html' | 'md' | 'mermaid' | 'xml' | 'text'): string[] {
  const bad: string[] = [];
  const at = (i: number) => text.slice(Math.max(0, i - 40), i + 80);
  const find = (re: RegExp) => {
    const m = re.exec(text);
    if (m) bad.push(at(m.index));
  };
  if (kind === 'svg' || kind === 'html' || kind === 'xml' || kind === 'md') {
    for (const m of text.matchAll(TAG)) {
      // In Markdown a backslash makes the next character literal (`\<script\>` is text).
      if (kind === 'md' && text[m.index - 1] === '\\') continue;
      const element = m[1]!;
      if (DANGEROUS_ELEMENTS.test(element.replace(/^.*:/, ''))) bad.push(at(m.index));
      for (const a of (m[2] ?? '').matchAll(ATTR)) {
        const name = a[1]!;
        const value = decodeEntities((a[2] ?? '').replace(/^["']|["']$/g, '')).replace(/[\s\u0000-\u001f]/g, '');
        if (/^on/i.test(name)) bad.push(at(m.index));
        if (URL_ATTRS.test(name) && /^(?:javascript|vbscript|data:text\/html)/i.test(value)) bad.push(at(m.index));
      }
    }
  }
  if (kind === 'md') {
    find(/(?<!\\)\]\(\s*<?\s*javascript:/i);
  }
  if (kind === 'mermaid' || kind === 'md') {
    // A label that breaks out of its quotes onto a line of its own: an interaction or a directive.
    find(/^\s*click\s/im);
    find(/^\s*%%\{/m);
    if (kind === 'mermaid') find(/<script\b/i);
  }
  return bad;
}

export function kindOf(file: string): 'svg' | 'html' | 'md' | 'mermaid' | 'xml' | 'text' {
  if (file.endsWith('.svg')) return 'svg';
  if (file.endsWith('.html') || file.endsWith('.htm')) return 'html';
  if (file.endsWith('.md')) return 'md';
  if (file.endsWith('.mmd') || file.endsWith('.mermaid')) return 'mermaid';
  if (file.endsWith('.bpmn') || file.endsWith('.xml')) return 'xml';
  return 'text';
}

export function readText(p: string): string {
  return readFileSync(p, 'utf8');
}

export function write(p: string, text: string): void {
  writeFileSync(p, text);
}

export const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: '/nonexistent' };

/** Two commits: an empty project, then the attack (so diff and review see every process). */
export function commitTwice(project: string): void {
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: project, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  };
  git('init', '-q');
  git('commit', '-q', '--allow-empty', '-m', 'empty', '--date', '2020-01-01T00:00:00Z');
  git('add', '-A');
  git('commit', '-q', '-m', 'attack');
}

