/**
 * The ELK thread: ELK's layout on a worker thread is the one the main thread would make, so
 * diagrams are byte for byte the same; a thread that dies fails its layouts instead of leaving
 * them waiting; a failing layout fails with the same message and exit code either way. Uses
 * the built worker (dist/), as the CLI does; CRMFLOW_RENDER_THREADS=1 keeps ELK on the main thread.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/model/load.js';
import { CrmflowError } from '../../src/model/errors.js';
import { bridgeTo, elkThread, routeMany, shareRouting, startEarly, startElkThread, stopElkThread, threadWanted } from '../../src/render/elk-thread.js';
import { type RouteJob, routeJob } from '../../src/render/route-job.js';
import { elkApi } from '../../src/render/elk-load.js';
import { Worker } from 'node:worker_threads';
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

describe('the ELK thread', () => {
  it('needs the built worker file (npm run build)', () => {
    expect(existsSync(WORKER)).toBe(true);
  });

  it('is not wanted with CRMFLOW_RENDER_THREADS=1', () => {
    expect(threadWanted({ CRMFLOW_RENDER_THREADS: '1' })).toBe(false);
  });

  it('gives the layouts the main thread gives, in both directions', async () => {
    const project = await loadProject({ cwd: join(FIX, 'shapes'), paths: [] });
    const processes = [...project.processes.values()];
    expect(processes.length).toBeGreaterThanOrEqual(2);
    for (const direction of ['right', 'down'] as const) {
      const here = await Promise.all(processes.map((p) => layoutProcess(project, p, { direction })));
      expect(startElkThread(WORKER)).toBe(true);
      let answers = 0;
      elkThread()!.on('message', () => answers++);
      try {
        // All at once, as a render with several diagrams sends them.
        const there = await Promise.all(processes.map((p) => layoutProcess(project, p, { direction })));
        expect(answers).toBeGreaterThanOrEqual(processes.length);
        for (const [i, layout] of there.entries()) expect(JSON.stringify(layout)).toBe(JSON.stringify(here[i]));
      } finally {
        stopElkThread();
      }
      expect(elkThread()).toBeUndefined();
    }
  });

  it('routes every other job there while routing is shared, with the points this thread finds', async () => {
    // Four arrangements of two edges around a box in the middle, as layout.ts sends them.
    const job = (bendCost: number, flip: boolean): RouteJob => {
      const requests = [
        { start: { x: 0, y: 50 }, startDir: 0 as const, end: { x: 200, y: 50 }, endDir: 0 as const },
        { start: { x: 0, y: 60 }, startDir: 0 as const, end: { x: 200, y: 40 }, endDir: 0 as const },
      ];
      return { obstacles: [{ x: 80, y: 30, width: 40, height: 40 }], requests: flip ? requests.reverse() : requests, options: { bendCost } };
    };
    const jobs = [job(80, false), job(80, true), job(120, false), job(120, true)];
    const here = jobs.map(routeJob);
    expect(startElkThread(WORKER)).toBe(true);
    let answered = 0;
    elkThread()!.on('message', (m: { route?: number }) => void (m.route !== undefined && answered++));
    try {
      expect(await routeMany(jobs)).toEqual(here);
      expect(answered).toBe(0); // not shared: all routed here
      shareRouting(true);
      expect(await routeMany(jobs)).toEqual(here);
      expect(answered).toBe(2);
    } finally {
      stopElkThread();
    }
    // A thread that dies leaves its jobs to this one.
    const dying = join(tmp, 'dying-router.mjs');
    writeFileSync(dying, "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => process.exit(3));\n");
    expect(startElkThread(dying)).toBe(true);
    shareRouting(true);
    try {
      expect(await routeMany(jobs)).toEqual(here);
    } finally {
      stopElkThread();
    }
  });

  it('fails the layouts of a thread that died instead of leaving them waiting', async () => {
    const dying = join(tmp, 'dying.mjs');
    writeFileSync(dying, "import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => process.exit(3));\n");
    const t = new Worker(dying);
    const api = elkApi(() => bridgeTo(t, (e) => `the layout thread stopped (${e?.message ?? 'exit'})`));
    const outcome = await api.layout({ id: 'root', children: [{ id: 'a', width: 10, height: 10 }], edges: [] }).catch((e: unknown) => e);
    expect(String((outcome as Error).message)).toBe('the layout thread stopped (exit)');
  });

  it('starts early for a render that lays out, not for Mermaid, help or a project with a layout cache', () => {
    const cachedProject = join(tmp, 'cached');
    cpSync(join(FIX, 'shapes'), cachedProject, { recursive: true });
    // A project drawn before keeps its layouts here.
    mkdirSync(join(cachedProject, '.crmflow', 'cache', 'render'), { recursive: true });
    const started = (args: string[]) => {
      startEarly(['node', 'crmflow', ...args], WORKER);
      const running = elkThread() !== undefined;
      stopElkThread();
      return running;
    };
    const fresh = join(tmp, 'fresh');
    cpSync(join(FIX, 'shapes'), fresh, { recursive: true });
    rmSync(join(fresh, '.crmflow'), { recursive: true, force: true });
    expect(started(['render', '-C', fresh])).toBe(true);
    expect(started(['render', '-C', fresh, '--format', 'mermaid'])).toBe(false);
    expect(started(['render', '--help'])).toBe(false);
    expect(started(['lint'])).toBe(false);
    expect(started(['render', '-C', cachedProject])).toBe(false);
    expect(started(['render', `--cwd=${cachedProject}`, '--no-cache'])).toBe(true);
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
        expect(r.stderr).toContain(lang === 'en' ? `crmflow draws diagrams of up to ${MAX_DIAGRAM_STEPS} steps` : `只画不超过 ${MAX_DIAGRAM_STEPS} 个步骤的图`);
        expect(noStack(r.stderr)).toBe(true);
      }
      expect(runs[1]!.stderr).toBe(runs[0]!.stderr);
      expect(runs[1]!.stdout).toBe(runs[0]!.stdout);
    }
  });
});
