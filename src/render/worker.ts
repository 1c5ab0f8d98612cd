/**
 * The ELK thread: elkjs's layered layout on a worker thread, fed with ELK's own messages (the
 * protocol elkjs speaks to a Web Worker). It loads elkjs as soon as it starts, while the main
 * thread is still loading the project; crmflow's own placement and routing stay on the main
 * thread, which routes one diagram while ELK lays out the next. (A warm-up layout on a made-up
 * graph here was measured and dropped: the real diagram arrives about when elkjs is loaded, and
 * then waited for the warm-up.)
 */
import { parentPort } from 'node:worker_threads';
import { loadElkCode } from './elk-load.js';

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
port.on('message', (message: unknown) => elk.postMessage(message));
