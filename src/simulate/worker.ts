/**
 * A worker thread running one replication: it rebuilds the project from the file texts
 * (a Project holds functions and cannot be posted) and posts progress and the report, with the
 * messages behind its warnings (see `saidBehind`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { saidBehind } from '../i18n/index.js';
import { buildProject, type FileInput } from '../model/project.js';
import { runOne, type Plan } from './index.js';

interface Job {
  root: string;
  config?: FileInput;
  files: FileInput[];
  plan: Plan;
}

const job = workerData as Job;
const project = buildProject({ root: job.root, config: job.config, files: job.files });
parentPort!.on('message', (i: number) => {
  try {
    const report = runOne(project, job.plan, i, (run) => parentPort!.postMessage({ type: 'progress', run: i, done: run.done, meanCycle: run.progress(0, 0, 0, 0).meanCycle }));
    // The warnings' messages go along, so that the main thread can say them in the user's language.
    parentPort!.postMessage({ type: 'report', run: i, report, said: saidBehind(report.warnings) });
  } catch (e) {
    const message = (e as Error).message;
    const hint = (e as { hint?: string }).hint;
    parentPort!.postMessage({ type: 'error', run: i, message, hint, said: saidBehind([message, hint]) });
  }
});
