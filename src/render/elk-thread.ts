/**
 * Where ELK runs during a render. With two or more cores it runs on one worker thread
 * (worker.ts), started as early as the command line allows: that thread loads elkjs while
 * this one loads the project, and lays out the next diagram's layers while this
 * one routes the edges of the last. ELK's answers are the same on either thread (its layout is
 * deterministic), so the diagrams are byte-identical. CRMFLOW_RENDER_THREADS=1 keeps ELK on the
 * main thread; so does running from the TypeScript sources (tests), where there is no built
 * worker file.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CrmflowError } from '../model/errors.js';
import { workerFile } from '../model/package-root.js';
import { hasLayoutCache } from './cache.js';
import type { ElkWorker } from './elk-load.js';
import type { Point } from './route.js';
import { type RouteAnswer, type RouteAsk, type RouteJob, routeJob } from './route-job.js';

let thread: Worker | undefined;

/** Whether ELK may run on a thread of its own: not with CRMFLOW_RENDER_THREADS=1 or one core. */
export function threadWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CRMFLOW_RENDER_THREADS !== '1' && availableParallelism() > 1;
}

/** Starts the ELK thread unless it runs or is not wanted; true when there is one. */
export function startElkThread(file = workerFile('render')): boolean {
  if (thread) return true;
  if (!file || !threadWanted()) return false;
  thread = new Worker(file);
  // It never keeps crmflow running, and stopElkThread ends it.
  thread.unref();
  return true;
}

/**
 * Called by bin/crmflow.js before the rest of crmflow loads, a quarter of a one-diagram render
 * earlier than the render command could: a `crmflow render` that will lay out starts the ELK
 * thread now. Not for Mermaid or help, nor when the project keeps a layout cache (a re-render,
 * likely served from it) unless --no-cache says so; the render command decides again and
 * stops a thread it does not need.
 */
export function startEarly(argv: readonly string[], file = workerFile('render')): void {
  if (argv[2] !== 'render') return;
  const args = argv.slice(3);
  if (args.some((a) => a === 'mermaid' || a === '--format=mermaid' || a === '-h' || a === '--help')) return;
  if (!args.includes('--no-cache')) {
    const at = args.findIndex((a) => a === '-C' || a === '--cwd');
    const given = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--cwd='))?.slice('--cwd='.length);
    if (hasLayoutCache(resolve(given ?? '.'))) return;
  }
  startElkThread(file);
}

/** The running ELK thread, if any. */
export function elkThread(): Worker | undefined {
  return thread;
}

/** Ends the ELK thread (the next render starts another); crmflow need not wait for it to go. */
export function stopElkThread(): void {
  const t = thread;
  thread = undefined;
  sharing = false;
  void t?.terminate();
}

/**
 * A worker for elkjs's API that passes ELK's messages to `t` and its answers back. If the
 * thread dies, every layout it had not answered fails with `why` instead of waiting forever.
 */
export function bridgeTo(t: Worker, why: (error?: Error) => string): ElkWorker {
  // Unanswered messages by id, with their command.
  const open = new Map<number, string>();
  const bridge: ElkWorker = {
    postMessage(message) {
      const m = message as { id: number; cmd: string };
      open.set(m.id, m.cmd);
      t.postMessage(message);
    },
  };
  t.on('message', (data: { id: number }) => {
    if ((data as Partial<RouteAnswer>).route !== undefined) return;
    open.delete(data.id);
    bridge.onmessage?.({ data });
  });
  const fail = (error?: Error) => {
    // elkjs's API sends `register` on its own when it starts and leaves a failure of it
    // unhandled: that one is answered as done; the layouts fail with the reason.
    for (const [id, cmd] of open) bridge.onmessage?.({ data: cmd === 'register' ? { id } : { id, error: new CrmflowError(why(error)) } });
    open.clear();
  };
  t.on('error', fail);
  t.on('exit', () => fail());
  return bridge;
}

// Routing jobs sent to a thread and not answered yet, by thread and job number.
type Waiting = { resolve: (points: Point[][]) => void; reject: (e: Error) => void };
const routing = new WeakMap<Worker, Map<number, Waiting>>();
let lastJob = 0;

function ask(t: Worker, job: RouteJob): Promise<Point[][]> {
  let open = routing.get(t);
  if (!open) {
    const jobs = new Map<number, Waiting>();
    routing.set(t, jobs);
    t.on('message', (data: Partial<RouteAnswer>) => {
      const waiting = data.route === undefined ? undefined : jobs.get(data.route);
      if (!waiting) return;
      jobs.delete(data.route!);
      if (data.points) waiting.resolve(data.points);
      else waiting.reject(new Error(data.error));
    });
    const fail = () => {
      for (const w of jobs.values()) w.reject(new Error('the ELK thread stopped'));
      jobs.clear();
    };
    t.on('error', fail);
    t.on('exit', fail);
    open = jobs;
  }
  const route = ++lastJob;
  const answer = new Promise<Point[][]>((resolve, reject) => open.set(route, { resolve, reject }));
  t.postMessage({ route, job } satisfies RouteAsk);
  return answer;
}

let sharing = false;

/**
 * Whether routing jobs go to the ELK thread too: on when a render lays out several diagrams.
 * Then the thread's router is warm after the first diagram (twenty 40-step diagrams: 4.4 %
 * faster). For one diagram it is not: both threads would compile the router for the same few
 * jobs, and that diagram got slower (0.90 s against 0.99 s).
 */
export function shareRouting(on: boolean): void {
  sharing = on;
}

/**
 * Routes every job, in order. While routing is shared with an ELK thread, every other job
 * goes there first and this thread routes the rest meanwhile; a job the thread cannot answer
 * (it stopped) is routed here. Either way the points are the same.
 */
export async function routeMany(jobs: RouteJob[]): Promise<Point[][][]> {
  const t = thread;
  if (!t || !sharing || jobs.length < 2) return jobs.map(routeJob);
  const there = jobs.map((job, k) => (k % 2 ? ask(t, job).catch(() => routeJob(job)) : undefined));
  const here = jobs.map((job, k) => (k % 2 ? undefined : routeJob(job)));
  return Promise.all(jobs.map((_, k) => here[k] ?? there[k]!));
}
