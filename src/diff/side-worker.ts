/**
 * Builds and lints one side of a diff in a worker thread, so both revisions are parsed at the
 * same time (YAML parsing is most of the cost of a 200-process diff). Sends back a snapshot
 * without the source maps, which hold functions and cannot cross threads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildProject, type ProjectInput } from '../model/project.js';
import { lintFindings } from './run.js';
import { toSnapshot } from './snapshot.js';

const input = workerData as ProjectInput;
const project = buildProject(input);
const lint = await lintFindings();
parentPort!.postMessage(toSnapshot(project, lint(project)));
