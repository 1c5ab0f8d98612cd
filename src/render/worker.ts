/**
 * The ELK thread: elkjs's layered layout on a worker thread, fed with ELK's own messages (the
 * protocol elkjs speaks to a Web Worker). It loads elkjs as soon as it starts, while the main
 * thread is still loading the project. It also routes edges when asked (route-job.ts): in a
 * render of several diagrams the main thread hands it half of the arrangements it tries. (A
 * warm-up layout on a made-up graph here was measured and dropped: the real diagram arrives
 * about when elkjs is loaded, and then waited for the warm-up.)
 */
import { parentPort } from 'node:worker_threads';
import { loadElkCode } from './elk-load.js';
import type { RouteAnswer, RouteAsk } from './route-job.js';

const port = parentPort!;
const { Worker, compiled } = loadElkCode();
const elk = new Worker();
elk.onmessage = ({ data }) => {
  const answer = data as { id: number; data?: unknown; error?: unknown };
  if (answer.error === undefined) {
    port.postMessage(answer);
    if (answer.data !== undefined) compiled();
  } else {
    // elkjs's errors are Java exceptions compiled to JavaScript: only their text crosses.
    const e = answer.error as { message?: string; g?: string };
    port.postMessage({ id: answer.id, error: { message: e?.message ?? e?.g ?? String(answer.error) } });
  }
};
// The router loads with the first job: a render of one diagram sends none.
let router: Promise<typeof import('./route-job.js')> | undefined;

// ELK's messages take one turn of the event loop each, so that a routing job (which the main
// thread waits for) waits for one layout at most, not for those of every diagram to come.
const layouts: unknown[] = [];
const next = () => {
  elk.postMessage(layouts.shift());
  if (layouts.length) setImmediate(next);
};
port.on('message', (message: unknown) => {
  const ask = message as Partial<RouteAsk>;
  if (ask.route === undefined) {
    if (layouts.push(message) === 1) setImmediate(next);
    return;
  }
  void (router ??= import('./route-job.js')).then(({ routeJob }) => {
    let answer: RouteAnswer;
    try {
      answer = { route: ask.route!, points: routeJob(ask.job!) };
    } catch (e) {
      answer = { route: ask.route!, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(answer);
  });
});
