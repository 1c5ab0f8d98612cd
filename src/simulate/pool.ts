/**
 * Runs replications on worker threads, at most one per core (two on the reference
 * machine). Replication i always uses seed + i, so the result does not depend on which
 * worker ran it or when.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { remember, type SaidMessage } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import type { Project } from '../model/types.js';
import type { Plan } from './index.js';
import type { Progress, SimulationReport } from './types.js';

export async function runInWorkers(project: Project, plan: Plan, file: string, onProgress?: (p: Progress) => void): Promise<SimulationReport[]> {
  const files = project.files.filter((f) => project.configFile?.path !== f.path).map((f) => ({ path: f.path, bytes: f.text }));
  const config = project.configFile ? { path: project.configFile.path, bytes: project.configFile.text } : undefined;
  const n = Math.max(1, Math.min(plan.runs, availableParallelism()));
  const reports: SimulationReport[] = new Array(plan.runs);
  const done = new Array<number>(plan.runs).fill(0);
  const total = plan.run.cases * plan.runs;
  let next = 0;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: n }, () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(file, { workerData: { root: project.root, config, files, plan } });
          workers.push(w);
          const feed = () => {
            if (next >= plan.runs) {
              resolve();
              return;
            }
            w.postMessage(next++);
          };
          w.on('message', (m: { type: string; run: number; report?: SimulationReport; done?: number; meanCycle?: number; message?: string; hint?: string; said?: [string, SaidMessage][] }) => {
            remember(m.said);
            if (m.type === 'progress') {
              done[m.run] = m.done ?? 0;
              onProgress?.({ done: done.reduce((a, b) => a + b, 0), total, run: m.run + 1, runs: plan.runs, meanCycle: m.meanCycle ?? 0, p90Cycle: 0 });
            } else if (m.type === 'report') {
              reports[m.run] = m.report!;
              done[m.run] = plan.run.cases;
              feed();
            } else reject(new CrmflowError(m.message ?? 'a simulation worker failed', m.hint));
          });
          w.on('error', reject);
          feed();
        }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return reports;
}
