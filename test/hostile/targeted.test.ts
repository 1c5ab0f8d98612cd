/**
 * Attacks aimed at one command each: git revisions that smuggle options, XML entities in
 * BPMN import, outputs that point outside the project. Plus a check that the live-markup
 * detector itself catches what it should (a detector that sees nothing proves nothing).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_REVISIONS } from '../fixtures/hostile/generated.js';
import { changed, commitTwice, filesUnder, hasStack, HOSTILE, kindOf, LAYOUT_CACHE, liveMarkup, requireCommand, run, sandbox, snapshot } from './run.js';

const boxes: string[] = [];
afterAll(() => {
  for (const b of boxes) rmSync(b, { recursive: true, force: true });
});
function box(from?: string) {
  const b = sandbox(from);
  boxes.push(b.root);
  return b;
}

describe('the live-markup detector', () => {
  it('flags live markup and passes escaped text', () => {
    expect(liveMarkup('<svg><script>x</script></svg>', 'svg')).not.toEqual([]);
    expect(liveMarkup('<svg><rect onload="x"/></svg>', 'svg')).not.toEqual([]);
    expect(liveMarkup('<a href="javascript:alert(1)">', 'html')).not.toEqual([]);
    expect(liveMarkup('[x](javascript:alert(1))', 'md')).not.toEqual([]);
    expect(liveMarkup('flowchart LR\n  a["x"]\nclick a call alert(1)', 'mermaid')).not.toEqual([]);
    expect(liveMarkup('<svg><text>&lt;script&gt; onload=1 javascript:x</text></svg>', 'svg')).toEqual([]);
    expect(liveMarkup('\\<script\\> \\[x\\](javascript:alert(1))', 'md')).toEqual([]);
    expect(liveMarkup('flowchart LR\n  a["#lt;script#gt; click x"]', 'mermaid')).toEqual([]);
    // Attribute values and escaped text that spell an attack are inert.
    expect(liveMarkup('<lane name="&#60;img src=x onerror=alert(1)&#62;"><documentation>&lt;a href="javascript:x"&gt;</documentation></lane>', 'xml')).toEqual([]);
    expect(liveMarkup('<a xlink:href="&#106;avascript:alert(1)">', 'svg')).not.toEqual([]);
    expect(liveMarkup('| <img src=x onerror=alert(1)> |', 'md')).not.toEqual([]);
  });
});

describe('git revisions that smuggle options', () => {
  beforeAll(() => requireCommand('diff'));
  const b = box();
  commitTwice(b.project);
  for (const rev of HOSTILE_REVISIONS) {
    it(`crmflow diff ${JSON.stringify(rev)} HEAD is refused with exit 2 and runs nothing`, async () => {
      for (const args of [['diff', rev, 'HEAD'], ['diff', 'HEAD', rev]]) {
        const r = await run(args, b.project);
        expect(r.timedOut).toBe(false);
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(hasStack(r.stderr + r.stdout), r.stderr).toBe(false);
        expect(r.stderr.trim().length, 'a refusal says why').toBeGreaterThan(0);
        expect(existsSync(join(b.project, 'PWNED')), 'git ran the smuggled option').toBe(false);
      }
    });
  }
  it('crmflow review --since with a smuggled option is refused', async () => {
    requireCommand('review');
    for (const rev of HOSTILE_REVISIONS.slice(0, 3)) {
      const r = await run(['review', `--since=${rev}`], b.project);
      expect(r.code, r.stderr).toBe(2);
      expect(hasStack(r.stderr + r.stdout)).toBe(false);
      expect(existsSync(join(b.project, 'PWNED'))).toBe(false);
      const u = await run(['review', '--since', '2000-01-01', `--until=${rev}`], b.project);
      expect(u.code, u.stderr).toBe(2);
      expect(existsSync(join(b.project, 'PWNED'))).toBe(false);
    }
  });
});

describe('BPMN import of hostile XML', () => {
  beforeAll(() => requireCommand('import'));
  const files = readdirSync(join(HOSTILE, 'xxe')).filter((f) => f.endsWith('.bpmn'));
  for (const file of files) {
    it(`crmflow import ${file} ends in time, reads no external entity, writes only its output`, async () => {
      const b = box();
      mkdirSync(join(b.project, 'in'));
      writeFileSync(join(b.project, 'in', file), readFileSync(join(HOSTILE, 'xxe', file)));
      const before = snapshot(b.root, ['project/out', ...LAYOUT_CACHE]);
      const r = await run(['import', `in/${file}`, '-o', 'out/imported'], b.project);
      const toStdout = await run(['import', `in/${file}`], b.project);
      expect(snapshot(b.root, ['project/out', ...LAYOUT_CACHE])).toEqual(before);
      for (const x of [r, toStdout]) {
        expect(x.timedOut).toBe(false);
        expect([0, 1, 2], x.stderr).toContain(x.code);
        expect(hasStack(x.stderr + x.stdout), x.stderr).toBe(false);
        expect(x.stdout + x.stderr).not.toMatch(/root:x:0:0|\/bin\/(ba)?sh/);
        expect((x.stdout + x.stderr).length, 'the entity bomb must not expand').toBeLessThan(200_000);
      }
      for (const f of filesUnder(b.out)) {
        const text = readFileSync(f, 'utf8');
        expect(text).not.toMatch(/root:x:0:0/);
        expect(text.length).toBeLessThan(200_000);
      }
    });
  }
});

describe('outputs that point outside the project', () => {
  it('render does not write through a symlink planted in its output folder', async () => {
    requireCommand('render');
    const b = box(join(HOSTILE, 'output-paths'));
    mkdirSync(b.out);
    const canary = join(b.root, 'outside', 'canary.txt');
    const original = readFileSync(canary, 'utf8');
    for (const name of ['quote.svg', 'index.html', 'quote.mmd']) symlinkSync(canary, join(b.out, name));
    const r = await run(['render', '-o', 'out'], b.project);
    const m = await run(['render', '--format', 'mermaid', '-o', 'out'], b.project);
    for (const x of [r, m]) {
      expect([0, 1, 2], x.stderr).toContain(x.code);
      expect(hasStack(x.stderr + x.stdout)).toBe(false);
    }
    expect(readFileSync(canary, 'utf8')).toBe(original);
  });

  it('export does not write through a symlink at its -o path', async () => {
    requireCommand('export');
    const b = box(join(HOSTILE, 'output-paths'));
    mkdirSync(b.out);
    const canary = join(b.root, 'outside', 'canary.txt');
    const original = readFileSync(canary, 'utf8');
    symlinkSync(canary, join(b.out, 'quote.bpmn'));
    const r = await run(['export', 'quote', '-o', 'out/quote.bpmn'], b.project);
    expect([0, 1, 2], r.stderr).toContain(r.code);
    expect(hasStack(r.stderr + r.stdout)).toBe(false);
    expect(readFileSync(canary, 'utf8')).toBe(original);
  });

  it('render -o naming an existing file, or a folder through "..", writes only there', async () => {
    requireCommand('render');
    const b = box(join(HOSTILE, 'output-paths'));
    writeFileSync(join(b.project, 'not-a-folder'), 'keep me');
    const before = snapshot(b.root, ['project/out', ...LAYOUT_CACHE]);
    const r = await run(['render', '-o', 'not-a-folder'], b.project);
    expect(r.code, r.stderr).toBe(2);
    expect(hasStack(r.stderr + r.stdout)).toBe(false);
    expect(readFileSync(join(b.project, 'not-a-folder'), 'utf8')).toBe('keep me');
    expect(changed(before, snapshot(b.root, ['project/out', ...LAYOUT_CACHE]))).toEqual([]);
    const up = await run(['render', '-o', 'processes/../out'], b.project);
    expect(up.code, up.stderr).toBe(0);
    expect(changed(before, snapshot(b.root, ['project/out', ...LAYOUT_CACHE]))).toEqual([]);
    for (const f of filesUnder(b.out)) if (kindOf(f) !== 'text') expect(liveMarkup(readFileSync(f, 'utf8'), kindOf(f))).toEqual([]);
  });
});
