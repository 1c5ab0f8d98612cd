/**
 * With a Chinese locale, validate and lint print no English sentence from the catalog: every
 * English message text is cut into its literal pieces (the words between {parameters}), and no
 * piece with three words in a row may appear in the output.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, crmflow } from '../cli/helpers.js';
import { ZH, englishPieces } from './scan.js';

const projects = {
  'the lead-to-cash example': ROOT,
  'the after-sales-zh example': join(ROOT, 'examples', 'after-sales-zh'),
  'the lint fixture project': join(ROOT, 'test', 'lint', 'fixtures', 'all-rules'),
};

describe('no English catalog text under LANG=zh_CN.UTF-8', () => {
  const pieces = englishPieces();
  it('has English pieces to look for', () => {
    expect(pieces).toContain('has no role, so nobody owns it; add role:');
  });
  for (const [name, cwd] of Object.entries(projects)) {
    it.each(['validate', 'lint', 'lint --format json'])(`%s on ${name}`, (command) => {
      const args = command.split(' ');
      const r = crmflow(args, { cwd, env: ZH });
      expect(r.code, r.stderr).toBeLessThan(2);
      const output = r.stdout + r.stderr;
      if (!output.includes('"findings": []')) expect(output).toMatch(/[\u4e00-\u9fff]/);
      expect(pieces.filter((p) => output.includes(p))).toEqual([]);
    });
  }
  it.each(['schema-step', 'schema-values', 'unknown-step', 'unknown-role', 'unknown-field', 'unknown-enum-value', 'control-character', 'branch-order', 'probability-sum', 'ref-cycle'])(
    'validate on the validate fixture %s',
    (name) => {
      const r = crmflow(['validate'], { cwd: join(ROOT, 'test', 'validate', 'fixtures', name), env: ZH });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/[\u4e00-\u9fff]/);
      expect(pieces.filter((p) => r.stdout.includes(p))).toEqual([]);
    },
  );
  it.each(['explain', 'explain exception-path-missing', 'explain duplicate-step'])('%s', (command) => {
    const r = crmflow(command.split(' '), { env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expect(pieces.filter((p) => r.stdout.includes(p))).toEqual([]);
  });
  it.each(['text', 'markdown'])('simulate --format %s on the after-sales-zh example', (format) => {
    const r = crmflow(['simulate', 'after-sales-ticket', '--format', format, '--no-progress'], { cwd: projects['the after-sales-zh example'], env: ZH });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(format === 'text' ? '周期时间' : '## 角色利用率');
    expect(r.stdout).toMatch(/\d 天/);
    expect(pieces.filter((p) => r.stdout.includes(p))).toEqual([]);
  });
  it('the scan finds English when the language is English', () => {
    const r = crmflow(['lint', '--lang', 'en'], { cwd: projects['the lint fixture project'], env: ZH });
    expect(pieces.filter((p) => r.stdout.includes(p)).length).toBeGreaterThan(10);
  });
});
