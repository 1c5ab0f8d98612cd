/**
 * Shared by the BPMN tests: the example project, its layouts, bpmnlint and a bpmn-engine run.
 */
import { createRequire } from 'node:module';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { compileCondition } from '../../src/model/cel.js';
import { loadProject } from '../../src/model/load.js';
import type { Process, Project } from '../../src/model/types.js';
import { layoutProcess } from '../../src/render/layout.js';
import { exportBpmn, type BpmnTarget } from '../../src/bpmn/export.js';
import { createModdle } from '../../src/bpmn/moddle.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** Real Camunda Modeler files (Apache-2.0, see the README there), kept in the repository. */
export const SAMPLES = fileURLToPath(new URL('../fixtures/bpmn-samples/', import.meta.url));
/** The sample file names; a missing sample fails the test that needs it. */
export const SAMPLE_FILES = [
  'camunda7-invoice-payment.bpmn',
  'camunda7-job-announcement-lanes.bpmn',
  'camunda7-order-handling.bpmn',
  'camunda8-customer-onboarding.bpmn',
] as const;

const require = createRequire(import.meta.url);

let example: Promise<Project> | undefined;
/** The example lead-to-cash project at the repository root. */
export function exampleProject(): Promise<Project> {
  example ??= loadProject({ cwd: REPO });
  return example;
}

const layouts = new Map<Process, ReturnType<typeof layoutProcess>>();
const exports = new Map<string, Promise<string>>();
/** The exported XML of an example process (laid out once, exported once per target). */
export function exportXml(project: Project, process: Process, target: BpmnTarget = 'bpmn'): Promise<string> {
  const key = `${process.file}:${process.id}:${target}`;
  let xml = exports.get(key);
  if (!xml) {
    if (!layouts.has(process)) layouts.set(process, layoutProcess(project, process));
    xml = layouts.get(process)!.then(async (layout) => (await exportBpmn(project, process, layout, { target })).xml);
    exports.set(key, xml);
  }
  return xml;
}

export interface LintProblem {
  rule: string;
  id: string;
  message: string;
  category: string;
}

/** Runs bpmnlint with `extends` on the XML; returns every report. */
export async function bpmnlint(xml: string, extendsConfigs: string[]): Promise<LintProblem[]> {
  const { Linter } = require('bpmnlint') as { Linter: new (o: unknown) => { lint(root: unknown, config: unknown): Promise<Record<string, LintProblem[]>> } };
  const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new () => unknown;
  const moddle = await createModdle();
  const { rootElement } = await moddle.fromXML(xml);
  const linter = new Linter({ resolver: new NodeResolver() });
  const results = await linter.lint(rootElement, { extends: extendsConfigs });
  return Object.entries(results).flatMap(([rule, reports]) => reports.map((r) => ({ ...r, rule })));
}

/**
 * Runs plain-BPMN XML in bpmn-engine for one case: CEL conditions are evaluated with
 * crmflow's CEL (a missing field is false), user and receive tasks, message events and call
 * activities are signalled at once, timer waits fire at once, SLA and timeout boundary
 * timers never fire. Resolves with the ids of the elements taken, in order, at the first end
 * event reached, or with `untilComplete` only when the engine says the whole process completed.
 */
export async function runInEngine(xml: string, fields: Record<string, unknown>, untilComplete = false): Promise<{ ended: string[]; taken: string[] }> {
  const { Engine } = (await import('bpmn-engine')) as unknown as { Engine: new (o: unknown) => EngineLike };
  const scripts = {
    register() {},
    getScript(_language: string, flow: { behaviour: { conditionExpression: { body: string } } }) {
      const fn = compileCondition(flow.behaviour.conditionExpression.body);
      return {
        execute(_scope: unknown, callback: (err: Error | null, result?: boolean) => void) {
          let result = false;
          try {
            result = fn(fields) === true;
          } catch {
            result = false;
          }
          callback(null, result);
        },
      };
    },
  };
  // Service tasks complete at once (bpmn-engine's dummy service): the test is about the flow.
  const engine = new Engine({ name: 'crmflow-test', source: xml, scripts, settings: { enableDummyService: true } });
  const timers = engine.environment.timers;
  const original = timers._setTimeout.bind(timers);
  timers._setTimeout = (owner: { id?: string } | null, cb: () => void, delay: number, ...args: unknown[]) =>
    original(owner, cb, owner?.id && /_(sla|timeout)$/.test(owner.id) ? 2147483647 : 1, ...args);

  const listener = new EventEmitter();
  const taken: string[] = [];
  const ended: string[] = [];
  const signal = (api: ElementApi) => setImmediate(() => api.signal({ approved: true }));
  listener.on('wait', signal);
  listener.on('activity.call', signal);
  listener.on('activity.start', (api: ElementApi) => taken.push(api.id));
  // Done at the first end event a token reaches (bpmn-engine 25 keeps a parallel join waiting
  // when a branch loops back through an error path, though the case has finished).
  let reachedEnd: () => void = () => {};
  listener.on('activity.end', (api: ElementApi) => {
    if (api.type === 'bpmn:EndEvent') {
      ended.push(api.id);
      if (!untilComplete) reachedEnd();
    }
  });
  const done = new Promise<void>((resolve, reject) => {
    reachedEnd = resolve;
    engine.once('end', () => resolve());
    engine.once('error', (e: Error) => reject(e));
  });
  await engine.execute({ listener });
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${untilComplete ? 'not complete' : 'no end event'} after 5 s; taken: ${taken.join(' → ')}`)), 5000).unref());
  try {
    await Promise.race([done, timeout]);
  } finally {
    engine.stop();
  }
  return { ended, taken };
}

interface ElementApi {
  id: string;
  type: string;
  signal(message?: unknown): void;
}
interface EngineLike {
  environment: { timers: { _setTimeout: (...a: any[]) => unknown } };
  once(event: string, fn: (...a: any[]) => void): void;
  execute(options: unknown): Promise<unknown>;
  stop(): void;
}
