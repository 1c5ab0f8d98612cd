/** Shared by the conformance tests: a BPMN file imported by crmflow into a loaded project. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importBpmn, toYaml } from '../../src/bpmn/import.js';
import { loadProject } from '../../src/model/load.js';
import type { Project } from '../../src/model/types.js';

export const LOGS = fileURLToPath(new URL('../fixtures/event-logs/', import.meta.url));

/** `crmflow import` of a BPMN file, written into a fresh project and loaded (so it must validate). */
export async function importedProject(bpmnFile: string): Promise<{ project: Project; processId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'crmflow-conform-'));
  mkdirSync(join(dir, 'processes'));
  writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\n');
  const imported = await importBpmn(readFileSync(join(LOGS, bpmnFile), 'utf8'));
  for (const p of imported.processes) writeFileSync(join(dir, 'processes', `${p.id}.yaml`), toYaml(p, { schemaPath: '../schemas/process.schema.json' }));
  return { project: await loadProject({ cwd: dir }), processId: imported.processes[0]!.id };
}

/** Processes from YAML texts, in a fresh project. */
export async function projectOf(files: Record<string, string>): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), 'crmflow-conform-'));
  mkdirSync(join(dir, 'processes'));
  writeFileSync(join(dir, 'crmflow.yaml'), 'crmflow: 1\n');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'processes', `${name}.yaml`), text);
  return loadProject({ cwd: dir });
}
