/**
 * A project reduced to what a diff needs (processes, steps, findings, config), without the
 * `SourceFile` objects, so it can be built in a worker thread and sent back.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ProjectInput } from '../model/project.js';
import type { Finding, Process, Project, SourceFile } from '../model/types.js';

export interface ProjectSnapshot {
  project: Omit<Project, 'configFile' | 'files' | 'processes'> & { processes: Array<Omit<Process, 'source'>>; configText?: string };
  /** The lint engine's findings (validation included). */
  findings: Finding[];
}

export function toSnapshot(project: Project, findings: readonly Finding[]): ProjectSnapshot {
  const processes = [...project.processes.values()].map(({ source: _source, ...rest }) => rest);
  const { configFile, files: _files, processes: _p, ...rest } = project;
  return { project: { ...rest, processes, configText: configFile?.text }, findings: [...findings] };
}

/** A source stand-in for a snapshot: positions are already in the findings. */
function stubSource(path: string, text = ''): SourceFile {
  const at = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { path, text, locate: () => at, rangeOf: () => at, valueStart: () => undefined };
}

/** A `Project` from a snapshot, and its lint findings. */
export function fromSnapshot(s: ProjectSnapshot): { project: Project; findings: Finding[] } {
  const { processes, configText, ...rest } = s.project;
  const project: Project = {
    ...rest,
    configFile: configText === undefined ? undefined : stubSource('crmflow.yaml', configText),
    files: [],
    processes: new Map(processes.map((p) => [p.id, { ...p, source: stubSource(p.file) } as Process])),
  };
  return { project, findings: s.findings };
}

/** A worker thread that builds and lints one project; started early, fed later. */
export interface SideWorker {
  build(input: ProjectInput): Promise<{ project: Project; findings: Finding[] }>;
  close(): void;
}

/**
 * Starts the worker when the compiled worker exists (the built CLI) and the machine has more
 * than one CPU; returns undefined otherwise (tests run the TypeScript sources), and the caller
 * builds in this thread.
 */
export function startSideWorker(): SideWorker | undefined {
  // On one CPU a worker only adds its start-up time.
  if (availableParallelism() < 2) return undefined;
  const url = new URL('./side-worker.js', import.meta.url);
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return undefined;
  const worker = new Worker(url);
  worker.unref();
  const result = new Promise<{ project: Project; findings: Finding[] }>((resolve, reject) => {
    worker.once('message', (m: ProjectSnapshot) => resolve(fromSnapshot(m)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the diff worker stopped (exit ${code})`)));
  });
  result.catch(() => undefined);
  return {
    build(input) {
      worker.postMessage(input);
      return result;
    },
    close() {
      void worker.terminate();
    },
  };
}
