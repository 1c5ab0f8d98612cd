/** The git diff driver's labels and its plain-text fallback headers. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relabelTextDiff, runDriver } from '../../src/diff/driver.js';

describe('git-diff driver', () => {
  it('labels the working-tree side "working tree", not "nothing"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crmflow-driver-'));
    try {
      writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\nroles:\n  clerk: { headcount: 1 }\n');
      const yaml = (d: string) => `crmflow: 1\nid: p\nlayer: operation\nsteps:\n  - { id: s, type: start, next: t }\n  - { id: t, type: task, role: clerk, duration: ${d}, next: e }\n  - { id: e, type: end }\n`;
      writeFileSync(join(dir, 'old.yaml'), yaml('1h'));
      writeFileSync(join(dir, 'p.yaml'), yaml('2h'));
      const r = await runDriver(['p.yaml', join(dir, 'old.yaml'), 'abcdef1234', '100644', join(dir, 'p.yaml'), '0000000000', '100644'], dir);
      expect(r.report!.from).toBe('a/p.yaml (abcdef1)');
      expect(r.report!.to).toBe('b/p.yaml (working tree)');
      const gone = await runDriver(['p.yaml', join(dir, 'old.yaml'), 'abcdef1234', '100644', '/dev/null', '.', '.'], dir);
      expect(gone.report!.to).toBe('b/p.yaml (no file)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('puts the repository paths, not git\'s temporary files, in the fallback text diff', () => {
    const text = ['diff --git a/tmp/git-blob-7OYmIr/README.md b/README.md', 'index 45b983b..65ef226 100644', '--- a/tmp/git-blob-7OYmIr/README.md', '+++ b/README.md', '@@ -1 +1,2 @@', ' hi', '+--- a/tmp/not-a-header', ''].join('\n');
    const out = relabelTextDiff(text, { path: 'docs/README.md', newPath: 'docs/README.md', oldFile: '/tmp/git-blob-7OYmIr/README.md', newFile: 'docs/README.md' });
    expect(out.split('\n').slice(0, 4)).toEqual(['diff --git a/docs/README.md b/docs/README.md', 'index 45b983b..65ef226 100644', '--- a/docs/README.md', '+++ b/docs/README.md']);
    expect(out).toContain('+--- a/tmp/not-a-header');
    expect(out).not.toContain('git-blob');
  });
});
