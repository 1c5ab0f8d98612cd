/**
 * Layout threads: a diagram laid out on a worker thread is the one the main thread draws,
 * byte for byte, and a layout that fails there fails with the same message and exit code.
 * Runs the built CLI (dist/), where the worker file exists; CRMFLOW_RENDER_THREADS=1 keeps
 * every layout on the main thread.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/model/load.js';
import { CrmflowError } from '../../src/model/errors.js';
import { LayoutThreads, threadLimit } from '../../src/render/layout-threads.js';
import { layoutProcess, MAX_DIAGRAM_STEPS } from '../../src/render/layout.js';
import { ROOT, crmflow, noStack } from '../cli/helpers.js';

const FIX = join(import.meta.dirname, 'fixtures');
const WORKER = join(ROOT, 'dist', 'render', 'worker.js');
const tmp = mkdtempSync(join(tmpdir(), 'crmflow-threads-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file a render wrote, by name. */
function written(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

/** A project with one normal process and one of MAX_DIAGRAM_STEPS + 1 steps. */
function tooBigProject(): string {
  const dir = join(tmp, 'too-big');
  mkdirSync(join(dir, 'processes'), { recursive: true });
  writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\nroles:\n  rep: {}\n');
  const tasks = Array.from({ length: MAX_DIAGRAM_STEPS - 1 }, (_, i) => `  - { id: t${i}, type: task, role: rep, next: ${i === MAX_DIAGRAM_STEPS - 2 ? 'done' : `t${i + 1}`} }\n`).join('');
  writeFileSync(join(dir, 'processes', 'huge.yaml'), `crmflow: 1\nid: huge\nlayer: operation\nsteps:\n  - { id: start, type: start, next: t0 }\n${tasks}  - { id: done, type: end }\n`);
  writeFileSync(join(dir, 'processes', 'small.yaml'), 'crmflow: 1\nid: small\nlayer: operation\nsteps:\n  - { id: start, type: start, next: work }\n  - { id: work, type: task, role: rep, next: done }\n  - { id: done, type: end }\n');
  return dir;
}

describe('layout threads', () => {
  it('needs the built worker file (npm run build)', () => {
    expect(existsSync(WORKER)).toBe(true);
  });

  it('reads CRMFLOW_RENDER_THREADS, else one thread per core', () => {
    expect(threadLimit({ CRMFLOW_RENDER_THREADS: '1' })).toBe(1);
    expect(threadLimit({ CRMFLOW_RENDER_THREADS: '3' })).toBe(3);
    expect(threadLimit({ CRMFLOW_RENDER_THREADS: 'many' })).toBeGreaterThanOrEqual(1);
    expect(threadLimit({})).toBeGreaterThanOrEqual(1);
  });

  it('lays out on a worker thread exactly what the main thread lays out, in both directions', async () => {
    const project = await loadProject({ cwd: join(FIX, 'shapes'), paths: [] });
    const processes = [...project.processes.values()];
    expect(processes.length).toBeGreaterThanOrEqual(2);
    const threads = new LayoutThreads(WORKER, 2);
    try {
      threads.grow(2);
      for (const direction of ['right', 'down'] as const) {
        const onThreads = await Promise.all(processes.map((p) => threads.layout(project, p, { direction })));
        for (const [i, p] of processes.entries()) expect(JSON.stringify(onThreads[i])).toBe(JSON.stringify(await layoutProcess(project, p, { direction })));
      }
    } finally {
      await threads.close();
    }
  });

  it('lays out on the main thread a process that cannot be sent to a thread', async () => {
    const project = await loadProject({ cwd: join(FIX, 'shapes'), paths: [] });
    const p = [...project.processes.values()][0]!;
    // A function does not survive structured cloning.
    const odd = { ...p, onDraw: () => undefined };
    const threads = new LayoutThreads(WORKER, 1);
    try {
      expect(JSON.stringify(await threads.layout(project, odd))).toBe(JSON.stringify(await layoutProcess(project, p)));
    } finally {
      await threads.close();
    }
  });

  it('throws a failed layout again as the same CrmflowError', async () => {
    const project = await loadProject({ cwd: tooBigProject(), paths: [] });
    const huge = project.processes.get('huge')!;
    const here = await layoutProcess(project, huge).catch((e: unknown) => e);
    expect(here).toBeInstanceOf(CrmflowError);
    const threads = new LayoutThreads(WORKER, 1);
    try {
      const there = await threads.layout(project, huge).catch((e: unknown) => e);
      expect(there).toBeInstanceOf(CrmflowError);
      expect((there as CrmflowError).message).toBe((here as CrmflowError).message);
      expect((there as CrmflowError).hint).toBe((here as CrmflowError).hint);
      expect((there as CrmflowError).message).toContain(`up to ${MAX_DIAGRAM_STEPS} steps`);
    } finally {
      await threads.close();
    }
  });

  it('writes the same bytes with 1 and 2 threads (crmflow render --no-cache)', () => {
    for (const direction of ['right', 'down']) {
      const outs = ['1', '2'].map((n) => {
        const out = join(tmp, `shapes-${direction}-${n}`);
        const r = crmflow(['render', '-C', join(FIX, 'shapes'), '--no-cache', '--direction', direction, '-o', out], { env: { CRMFLOW_RENDER_THREADS: n } });
        expect(r.code, r.stderr).toBe(0);
        return written(out);
      });
      expect([...outs[1]!.keys()]).toEqual([...outs[0]!.keys()]);
      expect(outs[0]!.size).toBeGreaterThanOrEqual(3);
      for (const [name, bytes] of outs[0]!) expect(outs[1]!.get(name)!.equals(bytes), `${direction}/${name}`).toBe(true);
    }
  });

  it('reports a too-big process with the same message and exit code on 1 and 2 threads', () => {
    const proj = tooBigProject();
    for (const lang of ['en', 'zh-CN']) {
      const runs = ['1', '2'].map((n) => crmflow(['render', '-C', proj, '--no-cache', '--lang', lang, '-o', join(tmp, `big-${n}`)], { env: { CRMFLOW_RENDER_THREADS: n } }));
      for (const r of runs) {
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`crmflow draws diagrams of up to ${MAX_DIAGRAM_STEPS} steps`);
        expect(noStack(r.stderr)).toBe(true);
      }
      expect(runs[1]!.stderr).toBe(runs[0]!.stderr);
      expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
    }
  });
});
