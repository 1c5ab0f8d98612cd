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
