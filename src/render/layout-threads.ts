/**
 * Layout threads: diagrams are laid out on worker threads, at most one per core (two on the
 * reference machine), so twenty diagrams take about half the time. With one diagram the
 * render command starts a thread before it loads the project: the thread loads elkjs and
 * warms it up meanwhile (worker.ts); not when the project has a layout cache (a
 * re-render, whose layouts are likely stored), and a render whose layouts all come from the
 * cache stops it unused. CRMFLOW_RENDER_THREADS=1 keeps every layout on the main thread; another
 * number caps the threads. Layouts are the same on any thread (each is deterministic).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { remember, type SaidMessage } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import { workerFile } from '../model/package-root.js';
import type { Process, Project } from '../model/types.js';
import type { Layout, LayoutOptions, LayoutProject } from './layout.js';

/** One diagram to lay out: plain data only (a Project and its source files hold functions). */
export interface LayoutJob {
  id: number;
  project: LayoutProject;
  process: Process;
  options: LayoutOptions;
}

/** A thread's answer: the layout, or the error layoutProcess threw. */
export type LayoutReply =
  | { id: number; layout: Layout; error?: undefined }
  | { id: number; layout?: undefined; error: { message: string; hint?: string; code?: string; crmflow: boolean; stack?: string; said?: [string, SaidMessage][] } };

/** How many layout threads a render may use: CRMFLOW_RENDER_THREADS when set, else the cores. */
export function threadLimit(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.CRMFLOW_RENDER_THREADS);
  return env.CRMFLOW_RENDER_THREADS && Number.isInteger(n) && n >= 1 ? n : availableParallelism();
}

/**
 * Starts one layout thread now, ahead of knowing what there is to lay out. Undefined when
 * layouts stay on the main thread: CRMFLOW_RENDER_THREADS=1, or crmflow runs from its
 * TypeScript sources (tests), where there is no built worker file.
 */
export function startLayoutThreads(): LayoutThreads | undefined {
  const max = threadLimit();
  const file = workerFile('render');
  if (max < 2 || !file) return undefined;
  const threads = new LayoutThreads(file, max);
  threads.grow(1);
  return threads;
}

interface Pending {
  job: LayoutJob;
  resolve: (layout: Layout) => void;
  reject: (error: Error) => void;
}

export class LayoutThreads {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly max: number,
  ) {}

  /** Makes sure `n` threads run (never more than the limit): one per diagram to lay out. */
  grow(n: number): void {
    while (!this.closed && this.workers.length < Math.min(n, this.max)) this.spawn();
  }

  /** Lays out `process` on the next free thread. */
  layout(project: LayoutProject | Project, process: Process, options: LayoutOptions = {}): Promise<Layout> {
    // Only what layoutProcess reads, as plain data (the source file holds functions).
    const job: LayoutJob = {
      id: this.nextId++,
      project: { roles: project.roles, config: { outcomes: project.config.outcomes } },
      process: { ...process, source: undefined as unknown as Process['source'] },
      options,
    };
    const promise = new Promise<Layout>((resolve, reject) => this.queue.push({ job, resolve, reject }));
    // A render stops at the first failed diagram; later ones may fail unheard.
    promise.catch(() => undefined);
    if (this.closed) this.fail(new Error('the layout threads were stopped'));
    else {
      if (!this.workers.length) this.grow(1);
      this.feed();
    }
    return promise;
  }

  /** Stops every thread; layouts not finished fail. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    const all = this.workers.splice(0);
    this.fail(new Error('the layout threads were stopped'));
    await Promise.all(all.map((w) => w.terminate()));
  }

  private spawn(): void {
    const w = new Worker(this.file);
    this.workers.push(w);
    this.idle.push(w);
    w.on('message', (reply: LayoutReply) => {
      const p = this.busy.get(w);
      if (!p || p.job.id !== reply.id) return;
      this.busy.delete(w);
      this.idle.push(w);
      if (reply.error) p.reject(rebuild(reply.error));
      else p.resolve(reply.layout);
      this.feed();
    });
    // A thread that crashed (out of memory, a bug outside layoutProcess): its diagram fails.
    const lost = (error: Error) => {
      const p = this.busy.get(w);
      this.busy.delete(w);
      for (const list of [this.workers, this.idle]) if (list.includes(w)) list.splice(list.indexOf(w), 1);
      p?.reject(error);
      if (!this.workers.length) this.fail(error);
    };
    w.on('error', lost);
    w.on('exit', (code) => {
      if (!this.closed) lost(new Error(`a layout thread stopped (exit code ${code})`));
    });
  }

  private feed(): void {
    while (this.queue.length && this.idle.length) {
      const w = this.idle.shift()!;
      const p = this.queue.shift()!;
      try {
        w.postMessage(p.job);
        this.busy.set(w, p);
      } catch {
        // Data a thread cannot be sent (a value that does not clone): laid out here instead.
        this.idle.unshift(w);
        import('./layout.js').then(({ layoutProcess }) => layoutProcess(p.job.project, p.job.process, p.job.options)).then(p.resolve, p.reject);
      }
    }
  }

  private fail(error: Error): void {
    for (const p of this.queue.splice(0)) p.reject(error);
    for (const p of this.busy.values()) p.reject(error);
    this.busy.clear();
  }
}

/** The error a thread reported, as the main thread would have thrown it (no thread stack shown). */
function rebuild(e: NonNullable<LayoutReply['error']>): Error {
  remember(e.said);
  const error = e.crmflow ? new CrmflowError(e.message, e.hint, e.code) : Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
  if (e.stack) error.stack = e.stack;
  return error;
}
