/**
 * With a Chinese locale, simulate (text, Markdown, --compare, --against, --chart, --events),
 * calibrate, conform and discover print no English: no catalog text (englishIn), and no run of
 * four English words once what the user wrote (process files, crmflow.yaml, the log) and ids,
 * paths and code are taken out, which catches English that never went through the catalog.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ROOT, crmflow } from '../cli/helpers.js';
import { ZH, englishIn } from './scan.js';

const ZH_EXAMPLE = join(ROOT, 'examples', 'after-sales-zh');
const LOG = 'data/crm-events.csv';
const out = mkdtempSync(join(tmpdir(), 'crmflow-zh-reports-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every string a user wrote in a project's YAML files and its sample log (names, descriptions, activities). */
function userText(root: string): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') found.add(v.trim());
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (found.add(k), walk(x));
  };
  const files = ['crmflow.yaml', ...readdirSync(join(root, 'processes'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml')).map((f) => join('processes', f))];
  for (const f of files) for (const doc of parseAllDocuments(readFileSync(join(root, f), 'utf8'))) walk(doc.toJS());
  if (root === ROOT) for (const line of readFileSync(join(root, LOG), 'utf8').split('\n')) for (const cell of line.split(',')) found.add(cell.replace(/^"|"$/g, '').trim());
  return [...found].filter((s) => /[A-Za-z]{2,} [A-Za-z]/.test(s)).sort((a, b) => b.length - a.length);
}

const USER = { [ROOT]: userText(ROOT), [ZH_EXAMPLE]: userText(ZH_EXAMPLE) };

/**
 * Runs of four or more English words in `output`, after taking out the user's own text, code
 * spans, quoted text, ids and paths (anything with - / . _ : = or a digit in it), option names
 * and the few names that stay English in Chinese (Welch, Wasserstein, token names of formats).
 */
export function englishRuns(output: string, user: readonly string[] = []): string[] {
  let text = output;
  for (const u of user) text = text.split(u).join(' ¦ ');
  text = text
    .replace(/`[^`]*`/g, ' ¦ ')
    .replace(/"[^"\n]*"/g, ' ¦ ')
    .replace(/<[^>\n]*>/g, ' ¦ ')
    .replace(/\S*[-/._:=\d<>{}[\]@#]\S*/g, ' ¦ ');
  return [...text.matchAll(/\b[A-Za-z]+(?:[ ,;']+[A-Za-z]+){3,}\b/g)].map((m) => m[0]);
}

interface Case {
  name: string;
  args: string[];
  cwd?: string;
  /** A file the command writes, scanned too. */
  file?: string;
}

const cases: Case[] = [
  { name: 'simulate', args: ['simulate', 'lead-to-cash', '--no-progress'] },
  { name: 'simulate --format markdown', args: ['simulate', 'lead-to-cash', '--format', 'markdown', '--no-progress'] },
  { name: 'simulate --compare', args: ['simulate', 'lead-to-cash', '--scenario', 'more-managers', '--compare', '--runs', '2', '--cases', '300', '--no-progress'] },
  { name: 'simulate --compare --format markdown', args: ['simulate', 'lead-to-cash', '--scenario', 'more-managers', '--compare', '--runs', '2', '--cases', '300', '--format', 'markdown', '--no-progress'] },
  { name: 'simulate --chart --events', args: ['simulate', 'lead-to-cash', '--cases', '200', '--chart', join(out, 'chart.svg'), '--events', join(out, 'events.csv'), '--no-progress'], file: join(out, 'chart.svg') },
  {
    name: 'simulate --against',
    args: ['simulate', 'opportunity-stages', '--against', LOG, '--against-preset', 'salesforce-field-history', '--chart', join(out, 'against.svg'), '--no-progress'],
    file: join(out, 'against.svg'),
  },
  { name: 'conform', args: ['conform', 'opportunity-stages', '--log', LOG, '--preset', 'salesforce-field-history'] },
  { name: 'conform --format markdown', args: ['conform', 'opportunity-stages', '--log', LOG, '--preset', 'salesforce-field-history', '--format', 'markdown', '--min-fitness', '0.9'] },
  { name: 'calibrate', args: ['calibrate', 'opportunity-stages', '--log', LOG, '--preset', 'salesforce-field-history', '-o', join(out, 'calibration.yaml')] },
  { name: 'discover', args: ['discover', '--log', LOG, '--preset', 'salesforce-field-history', '-o', join(out, 'drafted.yaml'), '--force'] },
  { name: 'simulate on after-sales-zh', args: ['simulate', 'after-sales-ticket', '--no-progress'], cwd: ZH_EXAMPLE },
  { name: 'simulate --format markdown on after-sales-zh', args: ['simulate', 'after-sales-ticket', '--format', 'markdown', '--no-progress'], cwd: ZH_EXAMPLE },
  { name: 'simulate --compare on after-sales-zh', args: ['simulate', 'after-sales-ticket', '--set', 'roles.agent.headcount=4', '--compare', '--runs', '2', '--no-progress'], cwd: ZH_EXAMPLE },
];

const outputs = new Map<string, string>();

/** The command's stdout, stderr and written file, run once per language. */
function run(c: Case, lang?: string): string {
  const key = `${c.name} ${lang ?? ''}`;
  const seen = outputs.get(key);
  if (seen !== undefined) return seen;
  const r = crmflow([...c.args, ...(lang ? ['--lang', lang] : [])], { cwd: c.cwd ?? ROOT, env: ZH, timeout: 180_000 });
  expect(r.code, r.stderr).toBeLessThan(2);
  const output = r.stdout + r.stderr + (c.file ? readFileSync(c.file, 'utf8') : '');
  outputs.set(key, output);
  return output;
}

const SLOW = 200_000;

describe('no English in the reports under LANG=zh_CN.UTF-8', () => {
  it.each(cases)('$name', (c) => {
    const output = run(c);
    expect(output).toMatch(/[\u4e00-\u9fff]/);
    expect(englishIn(output)).toEqual([]);
    expect(englishRuns(output, USER[c.cwd ?? ROOT])).toEqual([]);
  }, SLOW);
  it('names compared figures and their significance in Chinese', () => {
    const output = run(cases[2]!);
    expect(output).toMatch(/^周期时间 p50 /m);
    expect(output).toMatch(/不显著|显著/);
    expect(output).not.toContain('cycleTime.p50');
  }, SLOW);
  it('writes durations in whole Chinese units', () => {
    const output = run(cases[0]!);
    expect(output).toMatch(/\d+ 天 \d+ 小时/);
    expect(output).not.toMatch(/\d\.\d 天/);
  }, SLOW);
});

describe('the English-run check can fail', () => {
  it('finds hand-written English sentences and not ids, paths or user text', () => {
    expect(englishRuns('  lead-assignment/lead-pool size mean 0 p90 0')).toEqual([]);
    expect(englishRuns('cases waiting to be claimed, time-weighted')).toEqual(['cases waiting to be claimed']);
    expect(englishRuns('步骤 Run discovery meeting 出现', ['Run discovery meeting'])).toEqual([]);
  });
  it.each(cases.filter((c) => /^(simulate|simulate --compare|conform|calibrate|discover)$/.test(c.name)))('finds English in $name with --lang en', (c) => {
    expect(englishRuns(run(c, 'en'), USER[ROOT]).length).toBeGreaterThan(0);
  }, SLOW);
});
