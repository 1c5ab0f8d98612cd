/**
 * A worker thread running one replication: it rebuilds the project from the file texts
 * (a Project holds functions and cannot be posted) and posts progress and the report.
 */
import { parentPort, workerData } from 'node:worker_threads';
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
    parentPort!.postMessage({ type: 'report', run: i, report });
  } catch (e) {
    parentPort!.postMessage({ type: 'error', run: i, message: (e as Error).message, hint: (e as { hint?: string }).hint });
  }
});
