import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffProjects } from '../../src/diff/diff.js';
import { writeDiffSvgs } from '../../src/diff/svg.js';
import { fixtureProject } from './load.js';

describe('diff --svg', () => {
  it('writes the after diagram and, where steps were removed, the before diagram', async () => {
    const before = fixtureProject('v1');
    const after = fixtureProject('v2');
    const report = diffProjects(before, after, { from: 'v1', to: 'v2' });
    const dir = mkdtempSync(join(tmpdir(), 'crmflow-diff-svg-'));
    try {
      const written = await writeDiffSvgs(report, before, after, dir);
      expect(written.map((f) => f.slice(dir.length + 1))).toEqual(['discount-approval.svg', 'discount-approval.before.svg', 'lead-assignment.before.svg', 'renewal.svg']);
      expect(readdirSync(dir).sort()).toEqual(['discount-approval.before.svg', 'discount-approval.svg', 'lead-assignment.before.svg', 'renewal.svg']);
      const afterSvg = readFileSync(join(dir, 'discount-approval.svg'), 'utf8');
      expect(afterSvg).toMatch(/^<svg|^<\?xml/);
      expect(afterSvg).toContain('CFO approves');
      expect(afterSvg).not.toContain('Tell finance');
      expect(readFileSync(join(dir, 'discount-approval.before.svg'), 'utf8')).toContain('Tell finance');
      // the colouring is the renderer's highlight: without it the drawing differs
      const { renderSvg } = await import('../../src/render/index.js');
      expect(await renderSvg(after, after.processes.get('discount-approval')!, {})).not.toBe(afterSvg);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
