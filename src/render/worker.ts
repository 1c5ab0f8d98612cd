/**
 * A layout thread: it loads elkjs and lays out a small made-up process as soon as it starts
 * (while the main thread loads the project), then lays out the processes it is sent, one at a
 * time. A job holds plain data (see LayoutJob in layout-threads.ts); an error goes back as its
 * message, hint and code (with the messages behind them, for translation), and the main
 * thread throws it again as the same CrmflowError.
 */
import { parentPort } from 'node:worker_threads';
import { CrmflowError } from '../model/errors.js';
import { layoutProcess } from './layout.js';
import type { LayoutJob, LayoutReply } from './layout-threads.js';
import { warmUp } from './warm-up.js';

const port = parentPort!;
let waiting = false;
// A failed warm-up only costs time: the real layout then reports its own error.
const warm = warmUp(() => waiting).catch(() => undefined);
port.on('message', async (job: LayoutJob) => {
  waiting = true;
  await warm;
  let reply: LayoutReply;
  try {
    reply = { id: job.id, layout: await layoutProcess(job.project, job.process, job.options) };
  } catch (e) {
    const err = e as Error & { hint?: string; code?: string };
    const message = err?.message ?? String(e);
    // The messages behind the texts go along, so that the main thread says them in the user's language.
    const { saidBehind } = await import('../i18n/index.js');
    reply = { id: job.id, error: { message, hint: err?.hint, code: err?.code, crmflow: e instanceof CrmflowError, stack: err?.stack, said: saidBehind([message, err?.hint]) } };
  }
  port.postMessage(reply);
});
