import { fileURLToPath } from 'node:url';
import { loadProject } from '../../src/model/load.js';

/** Loads a fixture project beside the tests (test/simulate/fixtures/<name>). */
export async function fixture(name: string) {
  return loadProject({ cwd: fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)) });
}
