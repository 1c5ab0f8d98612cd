/**
 * Builds and lints one side of a diff in a worker thread, so both revisions are parsed at the
 * same time (YAML parsing is most of the cost of a 200-process diff). The worker starts (and
 * loads the model and the lint engine) while the main thread is still talking to git; it then
 * gets the files and sends back a snapshot without the source maps, which hold functions and
 * cannot cross threads.
 */
import { parentPort } from 'node:worker_threads';
import { buildProject, type ProjectInput } from '../model/project.js';
import { lintFindings } from './run.js';
import { toSnapshot } from './snapshot.js';

const lint = lintFindings();
parentPort!.once('message', (input: ProjectInput) => {
  void lint.then((findingsOf) => {
    const project = buildProject(input);
    parentPort!.postMessage(toSnapshot(project, findingsOf(project)));
  });
});
