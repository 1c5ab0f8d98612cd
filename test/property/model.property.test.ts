/**
 * Properties of the model: every generated project validates, and no byte mutation of the
 * example YAML makes `buildProject` throw (problems are findings, never exceptions). Every
 * finding a mutation produces is well formed: a known id, a file that was given, a range that
 * lies inside that file's text, a message; and the same bytes give the same findings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGINE_IDS, VALIDATION_IDS } from '../../src/lint/ids.js';
import { rules } from '../../src/lint/rules/index.js';
import { buildProject } from '../../src/model/project.js';
import type { Finding } from '../../src/model/types.js';
import { projectArb } from './arbitrary.js';
import { mutationArb, applyMutations, ROOT } from './mutate.js';

const KNOWN_IDS = new Set([...Object.keys(VALIDATION_IDS), ...Object.keys(ENGINE_IDS), ...rules.map((r) => r.id)]);

/**
 * What is wrong with a finding, or undefined: `texts` maps each file given to its text as
 * the reader sees it (undecodable bytes as U+FFFD). Columns count UTF-16 code units from 1;
 * an end column may sit one past the last character of its line.
 */
function problemWith(f: Finding, texts: ReadonlyMap<string, string>): string | undefined {
  if (!KNOWN_IDS.has(f.rule)) return `unknown id "${f.rule}"`;
  if (f.severity !== 'error' && f.severity !== 'warning') return `severity "${f.severity}"`;
  if (!f.message.trim()) return 'empty message';
  const text = texts.get(f.file);
  if (text === undefined) return `file "${f.file}" was not given`;
  const lines = text.split(/\r?\n/);
  const inside = (line: number, column: number) => Number.isInteger(line) && Number.isInteger(column) && line >= 1 && column >= 1 && line <= Math.max(1, lines.length) && column <= (lines[line - 1] ?? '').length + 2;
  if (!inside(f.line, f.column)) return `start ${f.line}:${f.column} outside the file (${lines.length} lines)`;
  if (!inside(f.endLine, f.endColumn)) return `end ${f.endLine}:${f.endColumn} outside the file (${lines.length} lines)`;
  if (f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column)) return `end ${f.endLine}:${f.endColumn} before start ${f.line}:${f.column}`;
  return undefined;
}

function checkFindings(findings: readonly Finding[], texts: ReadonlyMap<string, string>): void {
  for (const f of findings) expect(problemWith(f, texts), JSON.stringify(f)).toBeUndefined();
}

const decode = (b: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: false }).decode(b);

describe('generated projects', () => {
  it('validate without errors', () => {
    fc.assert(
      fc.property(projectArb(), (g) => {
        const project = buildProject({ root: '/p', config: { path: 'crmflow.yaml', bytes: g.config }, files: g.files.map((f) => ({ path: f.path, bytes: f.text })) });
        const errors = project.findings.filter((f) => f.severity === 'error');
        expect(errors, JSON.stringify(errors.slice(0, 3))).toEqual([]);
        expect(project.processes.size).toBe(g.processes.length);
        for (const p of g.processes) expect(project.processes.get(p.id)?.steps.length).toBe(p.steps.length);
        checkFindings(project.findings, new Map([['crmflow.yaml', g.config], ...g.files.map((f) => [f.path, f.text] as const)]));
      }),
      { numRuns: 100 },
    );
  });
});

describe('byte mutations of the example', () => {
  const file = 'processes/operation/discount-approval.yaml';
  const original = readFileSync(join(ROOT, file));
  const config = readFileSync(join(ROOT, 'crmflow.yaml'));
  const build = (configBytes: Uint8Array, fileBytes: Uint8Array) => buildProject({ root: '/p', config: { path: 'crmflow.yaml', bytes: configBytes }, files: [{ path: file, bytes: fileBytes }] });

  it('the checks reject what they should (a finding out of the file, an unknown id)', () => {
    const texts = new Map([[file, 'a: 1\nbb: 2\n']]);
    const ok: Finding = { rule: 'schema', severity: 'error', message: 'm', file, line: 2, column: 1, endLine: 2, endColumn: 3 };
    expect(problemWith(ok, texts)).toBeUndefined();
    expect(problemWith({ ...ok, line: 9, endLine: 9 }, texts)).toMatch(/^start 9:1 outside/);
    expect(problemWith({ ...ok, column: 40, endColumn: 41 }, texts)).toMatch(/outside/);
    expect(problemWith({ ...ok, endColumn: 0 }, texts)).toMatch(/outside|before start/);
    expect(problemWith({ ...ok, rule: 'no-such-id' }, texts)).toBe('unknown id "no-such-id"');
    expect(problemWith({ ...ok, file: 'other.yaml' }, texts)).toBe('file "other.yaml" was not given');
    expect(problemWith({ ...ok, message: ' ' }, texts)).toBe('empty message');
  });

  it('never throw from buildProject; findings are well formed, inside the file, and the same every time', () => {
    fc.assert(
      fc.property(mutationArb(original.length), (mutations) => {
        const bytes = applyMutations(original, mutations);
        const project = build(config, bytes);
        checkFindings(project.findings, new Map([['crmflow.yaml', decode(config)], [file, decode(bytes)]]));
        expect(build(config, bytes).findings).toEqual(project.findings);
      }),
      { numRuns: 400 },
    );
  });

  it('never throw when crmflow.yaml is mutated; findings are well formed and the same every time', () => {
    fc.assert(
      fc.property(mutationArb(config.length), (mutations) => {
        const bytes = applyMutations(config, mutations);
        const project = build(bytes, original);
        checkFindings(project.findings, new Map([['crmflow.yaml', decode(bytes)], [file, decode(original)]]));
        expect(build(bytes, original).findings).toEqual(project.findings);
      }),
      { numRuns: 200 },
    );
  });
});
