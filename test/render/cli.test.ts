/** End-to-end: the real `crmflow render`, its files and exit codes. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingFontHint } from '../../src/render/png.js';
import { ROOT, crmflow, noStack } from '../cli/helpers.js';

const FIX = join(import.meta.dirname, 'fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'crmflow-render-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh copy of the Chinese fixture project without a layout cache (other tests render it in place). */
function cjkCopy(name: string): string {
  const proj = join(tmp, name);
  rmSync(proj, { recursive: true, force: true });
  execFileSync('cp', ['-r', join(FIX, 'cjk'), proj]);
  rmSync(join(proj, '.crmflow'), { recursive: true, force: true });
  return proj;
}

describe('crmflow render', () => {
  it('writes one SVG per process and an index, the same bytes twice', () => {
    const out = join(tmp, 'svg');
    const r = crmflow(['render', '-o', out], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toContain('lead-assignment.svg');
    expect(files).toContain('index.html');
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const first = readFileSync(join(out, 'lead-assignment.svg'));
    const again = crmflow(['render', 'processes/operation/lead-assignment.yaml', '-o', out], { cwd: ROOT });
    expect(again.code).toBe(0);
    expect(readFileSync(join(out, 'lead-assignment.svg')).equals(first)).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('href="lead-to-cash.svg"');
  });
  it('prints JSON of what it wrote', () => {
    const r = crmflow(['render', '-C', join(FIX, 'cjk'), '-o', join(tmp, 'json'), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.format).toBe('svg');
    expect(j.files.map((f: { process: string | null }) => f.process)).toEqual(['zhekou-shenpi', null]);
    // Readability figures per diagram; the width and height are the SVG's own.
    expect(j.diagrams.map((d: { process: string }) => d.process)).toEqual(['zhekou-shenpi']);
    const d = j.diagrams[0];
    expect(Object.keys(d).sort()).toEqual(['bendsPerEdge', 'crossings', 'height', 'labelDistance', 'overlaps', 'process', 'width']);
    const svg = readFileSync(join(tmp, 'json', 'zhekou-shenpi.svg'), 'utf8');
    expect(svg).toContain(`width="${d.width}" height="${d.height}"`);
  });
  it('reuses layouts from .crmflow/cache/render, byte-identical to fresh ones and to --no-cache', () => {
    const proj = cjkCopy('cached');
    const svgOf = (dir: string) => readFileSync(join(proj, dir, 'zhekou-shenpi.svg'), 'utf8');
    const cacheDir = join(proj, '.crmflow', 'cache', 'render');
    expect(crmflow(['render', '-C', proj, '-o', join(proj, 'cold')]).code).toBe(0);
    const entries = readdirSync(cacheDir);
    expect(entries).toHaveLength(1);
    // A warm run reads the stored layout: a marked entry shows up in the drawing.
    const entry = join(cacheDir, entries[0]!);
    const stored = readFileSync(entry, 'utf8');
    writeFileSync(entry, stored.replace('"label":"销售代表"', '"label":"FROM-CACHE"'));
    expect(crmflow(['render', '-C', proj, '-o', join(proj, 'marked')]).code).toBe(0);
    expect(svgOf('marked')).toContain('FROM-CACHE');
    // An unreadable entry is laid out afresh (and replaced).
    writeFileSync(entry, '{ not json');
    expect(crmflow(['render', '-C', proj, '-o', join(proj, 'broken-entry')]).code).toBe(0);
    expect(svgOf('broken-entry')).toBe(svgOf('cold'));
    expect(readFileSync(entry, 'utf8')).toBe(stored);
    expect(crmflow(['render', '-C', proj, '-o', join(proj, 'warm')]).code).toBe(0);
    expect(svgOf('warm')).toBe(svgOf('cold'));
    expect(crmflow(['render', '-C', proj, '--no-cache', '-o', join(proj, 'fresh')]).code).toBe(0);
    expect(svgOf('fresh')).toBe(svgOf('cold'));
    // A changed process gets a new entry (the old one is never read again).
    const file = join(proj, 'processes', 'zhekou-shenpi.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: 折扣已批准', 'name: 折扣已批准了'));
    expect(crmflow(['render', '-C', proj, '-o', join(proj, 'changed')]).code).toBe(0);
    expect(readdirSync(cacheDir)).toHaveLength(2);
    expect(svgOf('changed')).toContain('折扣已批准了');
  });
  it('draws vertical lanes with --direction down or render.direction, each cached apart', () => {
    const proj = cjkCopy('direction');
    const svgOf = (dir: string) => readFileSync(join(proj, dir, 'zhekou-shenpi.svg'), 'utf8');
    const laneXs = (svg: string) => [...svg.matchAll(/<g class="lane"[^>]*>\n<rect x="([\d.]+)"/g)].map((m) => Number(m[1]));
    const at = (svg: string, type: string) => {
      const m = new RegExp(`data-type="${type}" transform="translate\\(([\\d.]+),([\\d.]+)\\)"`).exec(svg)!;
      return { x: Number(m[1]), y: Number(m[2]) };
    };
    expect(crmflow(['render', '-C', proj, '-o', join(proj, 'right')]).code).toBe(0);
    expect(crmflow(['render', '-C', proj, '--direction', 'down', '-o', join(proj, 'down')]).code).toBe(0);
    // Right: lanes are rows from the left edge, the flow runs left to right.
    const right = svgOf('right');
    expect(new Set(laneXs(right))).toEqual(new Set([0]));
    expect(at(right, 'start').x).toBeLessThan(at(right, 'end').x);
    // Down: lanes are columns side by side, the flow runs top to bottom.
    const down = svgOf('down');
    const xs = laneXs(down);
    expect(xs.length).toBeGreaterThan(1);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(xs).size).toBe(xs.length);
    expect(at(down, 'start').y).toBeLessThan(at(down, 'end').y);
    // The direction is part of the cache key: two entries, neither read for the other.
    expect(readdirSync(join(proj, '.crmflow', 'cache', 'render'))).toHaveLength(2);
    // render.direction in crmflow.yaml; the flag wins over it.
    const config = join(proj, 'crmflow.yaml');
    writeFileSync(config, `${readFileSync(config, 'utf8')}render:\n  direction: down\n`);
    expect(crmflow(['render', '-C', proj, '-o', join(proj, 'config')]).code).toBe(0);
    expect(svgOf('config')).toBe(down);
    expect(crmflow(['render', '-C', proj, '--direction', 'right', '-o', join(proj, 'flag')]).code).toBe(0);
    expect(svgOf('flag')).toBe(right);
    const bad = crmflow(['render', '-C', proj, '--direction', 'up', '-o', join(proj, 'bad')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown direction "up"');
    expect(noStack(bad.stderr)).toBe(true);
  });
  it('prints Mermaid to stdout without -o', () => {
    const r = crmflow(['render', '--format', 'mermaid', 'processes/operation/discount-approval.yaml'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(r.stdout).toContain('subgraph');
  });
  it('writes Mermaid pages and an index.md with -o', () => {
    const out = join(tmp, 'mermaid');
    const r = crmflow(['render', '--format', 'mermaid', '-o', out], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'discount-approval.md'), 'utf8')).toMatch(/^## .+\n\n```mermaid\nflowchart LR\n/);
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toContain('(lead-to-cash.md)');
  });
  it('writes PNG at 2x the SVG, drawing Latin text with the fonts it ships (no warning)', () => {
    const svgOut = join(tmp, 'png-svg');
    const pngOut = join(tmp, 'png');
    const svg = crmflow(['render', '-C', join(FIX, 'shapes'), '-o', svgOut]);
    expect(svg.code, svg.stderr).toBe(0);
    const r = crmflow(['render', '-C', join(FIX, 'shapes'), '--format', 'png', '-o', pngOut]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('no installed font');
    const png = readFileSync(join(pngOut, 'fork-join.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const svgWidth = Number(/width="(\d+)"/.exec(readFileSync(join(svgOut, 'fork-join.svg'), 'utf8'))![1]);
    expect(png.readUInt32BE(16)).toBe(svgWidth * 2);
  });
  it('draws the dark theme with --theme dark, the light one by default', () => {
    const background = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.svg')).map((f) => /<rect class="background"[^>]* fill="([^"]+)"/.exec(readFileSync(join(dir, f), 'utf8'))?.[1]);
    const dark = crmflow(['render', '-C', join(FIX, 'shapes'), '--theme', 'dark', '-o', join(tmp, 'dark')]);
    expect(dark.code, dark.stderr).toBe(0);
    const light = crmflow(['render', '-C', join(FIX, 'shapes'), '-o', join(tmp, 'light')]);
    expect(light.code, light.stderr).toBe(0);
    const darkBackgrounds = background(join(tmp, 'dark'));
    expect(darkBackgrounds.length).toBeGreaterThan(0);
    expect(new Set(darkBackgrounds)).toEqual(new Set(['#0d1117']));
    expect(new Set(background(join(tmp, 'light')))).toEqual(new Set(['#ffffff']));
  });
  it('names a CJK font package when Chinese characters have no font', () => {
    const { hint } = missingFontHint(['折', '扣']);
    expect(hint).toContain('fonts-noto-cjk');
    expect(hint).toContain('--font');
    expect(missingFontHint(['\uE000']).hint).not.toContain('cjk');
  });
  it('warns about characters no font has, naming a font package', () => {
    // U+E000 is a private-use code point that no standard font draws.
    const dir = join(tmp, 'pua');
    const proc = readFileSync(join(FIX, 'cjk', 'processes', 'zhekou-shenpi.yaml'), 'utf8').replace('name: 折扣审批流程', 'name: "Private \uE000 use"');
    rmSync(dir, { recursive: true, force: true });
    execFileSync('mkdir', ['-p', join(dir, 'processes')]);
    writeFileSync(join(dir, 'crmflow.yaml'), readFileSync(join(FIX, 'cjk', 'crmflow.yaml')));
    writeFileSync(join(dir, 'processes', 'p.yaml'), proc);
    const r = crmflow(['render', '-C', dir, '--format', 'png', '-o', join(dir, 'out')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no installed font has');
    expect(r.stderr).toContain('--font');
  });
  it.each([
    [['--format', 'gif'], 'unknown format "gif"'],
    [['--theme', 'neon'], 'unknown theme "neon"'],
    [['no/such/file.yaml'], 'no such file'],
    [['-o', 'package.json/diagrams'], 'cannot write diagrams'],
    [['--format', 'png', '--font', 'missing.ttf'], '--font missing.ttf'],
  ])('refuses %j with exit 2', (args, message) => {
    const r = crmflow(['render', '-o', join(tmp, 'bad'), ...args], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(noStack(r.stderr)).toBe(true);
  });
  it('draws no diagram of a file that is not a process: exit 1, naming it', () => {
    const r = crmflow(['render', '-o', join(tmp, 'not-a-process'), 'test/render/fixtures/not-a-process.yaml'], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: test\/render\/fixtures\/not-a-process\.yaml:\d+:\d+: not drawn: /m);
    expect(noStack(r.stderr)).toBe(true);
  });
  it('has help with examples', () => {
    const r = crmflow(['render', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(existsSync(join(ROOT, 'dist', 'render', 'index.js'))).toBe(true);
  });
});
