import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildProject } from '../../src/model/project.js';
import { lintProject } from '../../src/lint/engine.js';
import type { Step } from '../../src/model/types.js';
import { BpmnImportError, importBpmn, toYaml, type ImportResult } from '../../src/bpmn/import.js';
import { exportBpmn } from '../../src/bpmn/export.js';
import { layoutProcess } from '../../src/render/layout.js';
import { SAMPLES, SAMPLE_FILES, bpmnlint } from './helpers.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** Every imported process as YAML, checked together as a fresh project: no errors allowed. */
function validate(result: ImportResult) {
  const files = result.processes.map((p) => ({ path: `processes/${p.id}.yaml`, bytes: toYaml(p, { schemaPath: '../schemas/process.schema.json' }) }));
  return buildProject({ root: '/p', files }).findings.filter((f) => f.severity === 'error');
}

const stepOf = (result: ImportResult, process: string, id: string) =>
  (result.processes.find((p) => p.id === process)!.data.steps as Step[]).find((s) => s.id === id)!;

describe('real files written by Camunda Modeler', () => {
  test('the samples in test/fixtures/bpmn-samples are all there', () => {
    expect(readdirSync(SAMPLES).filter((f) => f.endsWith('.bpmn')).sort()).toEqual([...SAMPLE_FILES]);
  });

  for (const file of SAMPLE_FILES) {
    test(`${file} imports and validates at once`, async () => {
      const result = await importBpmn(readFileSync(join(SAMPLES, file), 'utf8'));
      expect(result.processes.length).toBeGreaterThan(0);
      expect(validate(result)).toEqual([]);
      for (const p of result.processes) expect((p.data.steps as Step[]).some((s) => s.type === 'start')).toBe(true);
    });
  }

  test('lanes become roles, EL conditions become CEL, an unknown call activity becomes a listed task', async () => {
    const r = await importBpmn(readFileSync(join(SAMPLES, 'camunda7-job-announcement-lanes.bpmn'), 'utf8'));
    const p = r.processes[0]!;
    expect(p.data.roles).toEqual({ automated: { name: 'Automated' }, hr: { name: 'HR' }, management: { name: 'Management' } });
    expect(stepOf(r, p.id, 'edit')).toMatchObject({ type: 'task', role: 'hr' });
    // `${!approved}` after `${approved}`, with no default flow: the opposite condition is the else.
    expect(stepOf(r, p.id, 'ok')).toMatchObject({ type: 'decision', branches: [{ when: 'case.approved', next: 'publish' }, { else: 'correct' }] });
    expect(stepOf(r, p.id, 'publication')).toMatchObject({ type: 'task' });
    expect(p.notes.map((n) => n.message).join('\n')).toMatch(/call activity "Execute announcement" calls "camunda-testing-job-announcement-publication"/);
  });

  test('boundary events on a user task become exception paths', async () => {
    const r = await importBpmn(readFileSync(join(SAMPLES, 'camunda7-invoice-payment.bpmn'), 'utf8'));
    const pay = (r.processes[0]!.data.steps as Step[]).find((s) => s.name === 'Pay Invoice')!;
    expect(pay.type).toBe('task');
    expect(Object.keys((pay as { on: object }).on).sort()).toEqual(['error', 'suspicous-sender']);
  });

  test('an event sub-process and a timer start are listed, not dropped silently', async () => {
    const r = await importBpmn(readFileSync(join(SAMPLES, 'camunda7-order-handling.bpmn'), 'utf8'));
    const messages = r.processes.flatMap((p) => p.notes.map((n) => n.message)).join('\n');
    expect(messages).toMatch(/sub-process/);
    expect(messages).toMatch(/triggered by a timer/);
  });

  test('Camunda 8 FEEL conditions become CEL', async () => {
    const r = await importBpmn(readFileSync(join(SAMPLES, 'camunda8-customer-onboarding.bpmn'), 'utf8'));
    const decision = (r.processes[0]!.data.steps as Step[]).find((s) => s.type === 'decision') as Extract<Step, { type: 'decision' }>;
    expect(decision.branches.map((b) => ('when' in b ? b.when : 'else'))).toEqual(['case.automaticProcessing == false', 'else']);
  });
});

describe('what common modelers write (fixtures/modeler-lanes.bpmn)', async () => {
  const r = await importBpmn(fixture('modeler-lanes.bpmn'));
  const notes = r.processes.flatMap((p) => p.notes.map((n) => `${n.severity}: ${n.message}`)).concat(r.notes.map((n) => `${n.severity}: ${n.message}`));

  test('one process per BPMN process; the call activity to the second stays a subprocess', () => {
    expect(r.processes.map((p) => p.id)).toEqual(['process-order', 'shipping']);
    expect(stepOf(r, 'process-order', 'ship-goods')).toMatchObject({ type: 'subprocess', process: 'shipping' });
    expect(validate(r)).toEqual([]);
  });

  test('the pool name is the process name, in any language; lanes are declared roles', () => {
    const order = r.processes[0]!.data;
    expect(order.name).toBe('订单处理');
    expect(order.roles).toEqual({ 'back-office': { name: 'Back office' }, 'sales-rep': { name: 'Sales Rep' }, 'xiao-shou-jing-li': { name: '销售经理' } });
    expect(stepOf(r, 'process-order', 'enter-order')).toMatchObject({ role: 'sales-rep', description: 'Copy the order from the e-mail into the CRM.' });
  });

  test('default flow → else, FEEL → CEL, an untranslatable condition is kept with a warning', () => {
    const amount = stepOf(r, 'process-order', 'amount') as Extract<Step, { type: 'decision' }>;
    expect(amount.branches).toEqual([
      { when: 'case.amount > 10000 && !(case.region == "EU")', next: 'review-large-order' },
      { next: 'review-large-order', probability: 0.5 },
      { else: 'check-credit' },
    ]);
    expect(amount.description).toContain('some tag in tags satisfies tag = "vip"');
    expect(notes.some((n) => n.startsWith('warning') && n.includes('some tag in tags'))).toBe(true);
  });

  test('merge gateways collapse; boundary timer → sla with breach; error boundary → on.error', () => {
    expect(stepOf(r, 'process-order', 'review-large-order')).toMatchObject({ sla: { within: '1d', breach: 'order-rejected' }, next: 'check-credit', on: { timeout: 'reminder-sent' } });
    expect(stepOf(r, 'process-order', 'check-credit')).toMatchObject({ kind: 'service', on: { error: 'order-rejected' } });
    expect((r.processes[0]!.data.steps as Step[]).some((s) => s.id.includes('merge'))).toBe(false);
  });

  test('parallel fork and join; event-based gateway → wait with a timeout', () => {
    expect(stepOf(r, 'process-order', 'gateway-fork')).toMatchObject({ type: 'parallel', branches: ['ship-goods', 'send-invoice'], join: 'gateway-join' });
    expect(stepOf(r, 'process-order', 'paid')).toMatchObject({ type: 'wait', message: 'payment-received', timeout: '30d', on: { timeout: 'call-about-the-payment' }, next: 'order-complete' });
  });

  test('text annotations, data objects and data stores are ignored with a note', () => {
    expect(notes).toContain('info: 1 data object ignored (crmflow keeps documentation in step descriptions)');
    expect(notes).toContain('info: 1 data store ignored (crmflow keeps documentation in step descriptions)');
    expect(notes.some((n) => n.includes('text annotation'))).toBe(true);
  });

  test('--layer sets the layer', async () => {
    const core = await importBpmn(fixture('modeler-lanes.bpmn'), { layer: 'core' });
    expect(core.processes.every((p) => p.data.layer === 'core')).toBe(true);
  });

  test('the YAML starts with the schema comment and lists what was not represented', () => {
    const yaml = toYaml(r.processes[0]!, { schemaPath: '../../schemas/process.schema.json', source: 'order.bpmn' });
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/process.schema.json');
    expect(yaml).toContain('# Not represented (check these):');
    expect(yaml).toContain('second timer "4 hours"');
  });
});

describe('Signavio / Bizagi style (fixtures/signavio-default-namespace.bpmn)', async () => {
  const r = await importBpmn(fixture('signavio-default-namespace.bpmn'));
  const p = r.processes[0]!;
  const steps = p.data.steps as Step[];

  test('default namespace, generated ids and Chinese names import and validate', () => {
    expect(p.id).toBe('tou-su-chu-li'); // a Chinese name with a generated id: the name in pinyin

    expect(p.data.name).toBe('投诉处理');
    expect(steps.map((s) => `${s.id}:${s.type}:${s.name}`)).toEqual([
      'shou-dao-tou-su:start:收到投诉',
      'triage-complaint:task:Triage complaint',
      'yan-zhong-ma:decision:严重吗?',
      'escalate-to-the-service-manager:task:Escalate to the service manager',
      'yi-jie-jue:end:已解决',
      'jie-jue-wen-ti:task:解决问题',
    ]);
    expect(validate(r)).toEqual([]);
  });

  test('a plain expression translates; prose is kept in the description with a warning', () => {
    const d = steps.find((s) => s.type === 'decision') as Extract<Step, { type: 'decision' }>;
    expect(d.branches).toEqual([
      { when: 'case.severity == 1', next: 'escalate-to-the-service-manager' },
      { next: 'jie-jue-wen-ti', probability: 0.5 },
      { else: 'jie-jue-wen-ti' },
    ]);
    expect(d.description).toContain('Customer has complained before');
    expect(p.notes.some((n) => n.severity === 'warning' && n.message.includes('Customer has complained before'))).toBe(true);
  });
});

test('imported modeler files export again to BPMN that passes bpmnlint and camunda-compat', async () => {
  const files = [
    ...SAMPLE_FILES.map((f) => readFileSync(join(SAMPLES, f), 'utf8')),
    fixture('modeler-lanes.bpmn'),
    fixture('signavio-default-namespace.bpmn'),
  ];
  for (const text of files) {
    const r = await importBpmn(text);
    const project = buildProject({ root: '/p', files: r.processes.map((p) => ({ path: `processes/${p.id}.yaml`, bytes: toYaml(p, { schemaPath: 'x' }) })) });
    for (const p of project.processes.values()) {
      const { xml } = await exportBpmn(project, p, await layoutProcess(project, p), { target: 'camunda8' });
      const problems = await bpmnlint(xml, ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-cloud-8-8']);
      expect(problems.filter((x) => x.category === 'error').map((x) => `${p.id}: ${x.rule} ${x.id}`)).toEqual([]);
    }
  }
}, 30_000);

describe('an import is lint-clean or says why', () => {
  const files = [...SAMPLE_FILES.map((f) => join(SAMPLES, f)), fileURLToPath(new URL('./fixtures/modeler-lanes.bpmn', import.meta.url)), fileURLToPath(new URL('./fixtures/signavio-default-namespace.bpmn', import.meta.url))];
  for (const file of files) {
    test(basename(file), async () => {
      const r = await importBpmn(readFileSync(file, 'utf8'));
      const notes = r.processes.flatMap((p) => p.notes.filter((n) => n.severity === 'warning').map((n) => n.message));
      const project = buildProject({ root: '/p', files: r.processes.map((p) => ({ path: `processes/${p.id}.yaml`, bytes: toYaml(p, { schemaPath: 'x' }) })) });
      const errors = lintProject(project).findings.filter((f) => f.severity === 'error');
      // Every error names a step the import already listed, for the same rule.
      const unexplained = errors.filter((f) => {
        const step = /"([^"]+)"/.exec(f.message)?.[1];
        return !notes.some((n) => n.includes(`(lint: ${f.rule})`) && step !== undefined && n.includes(`"${step}"`));
      });
      expect(unexplained.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    });
  }

  test('a decision whose second condition is the opposite of the first gets else', async () => {
    const r = await importBpmn(readFileSync(join(SAMPLES, 'camunda8-customer-onboarding.bpmn'), 'utf8'));
    expect(stepOf(r, r.processes[0]!.id, 'order-accepted')).toMatchObject({
      branches: [{ when: 'case.automaticProcessing == false', next: 'customer-order-rejected' }, { else: 'create-customer-order-in-crm-system' }],
    });
  });

  test('a task without a lane, group or performer is listed; a potentialOwner gives the role', async () => {
    const r = await importBpmn(readFileSync(join(SAMPLES, 'camunda8-customer-onboarding.bpmn'), 'utf8'));
    expect(r.processes[0]!.notes.map((n) => n.message)).toContain(
      'task "approve-customer-order" has no lane, candidate group or performer in the BPMN, so no role (lint: missing-owner); add role: <role>',
    );
    const owner = readFileSync(join(SAMPLES, 'camunda8-customer-onboarding.bpmn'), 'utf8').replace(
      /(<bpmn:userTask id="[^"]*" name="Approve customer order"[^>]*>)/,
      '$1<bpmn:potentialOwner><bpmn:resourceAssignmentExpression><bpmn:formalExpression>group(Sales managers)</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner>',
    );
    const r2 = await importBpmn(owner);
    expect(stepOf(r2, r2.processes[0]!.id, 'approve-customer-order')).toMatchObject({ role: 'sales-managers' });
    expect(r2.processes[0]!.data.roles).toEqual({ 'sales-managers': { name: 'Sales managers' } });
  });
});

describe('bad input is refused with a clear message', () => {
  const refused = async (text: string) => {
    const e = await importBpmn(text).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(BpmnImportError);
    return (e as Error).message;
  };

  test('not XML', async () => expect(await refused(fixture('not-xml.bpmn'))).toBe('the file is not XML'));
  test('XML that is not BPMN', async () => expect(await refused(fixture('not-bpmn.bpmn'))).toMatch(/not BPMN 2\.0/));
  test('BPMN with no process', async () => expect(await refused(fixture('no-process.bpmn'))).toMatch(/no process/));
  test('an external entity is refused before parsing (nothing fetched)', async () => expect(await refused(fixture('xxe.bpmn'))).toMatch(/DOCTYPE/));
  test('billion laughs is refused before parsing (nothing expanded)', async () => expect(await refused(fixture('billion-laughs.bpmn'))).toMatch(/DOCTYPE/));
  test('an ENTITY without DOCTYPE is refused too', async () => expect(await refused('<!ENTITY x "y"><a/>')).toMatch(/entity/));
  test('truncated XML', async () => expect(await refused(fixture('modeler-lanes.bpmn').slice(0, 3000))).toMatch(/not valid XML|not BPMN/));
  test('a huge text', async () => expect(await refused(`<a>${' '.repeat(11 * 1024 * 1024)}</a>`)).toMatch(/MB/));
});

describe('embedded sub-processes', () => {
  test('camunda7-order-handling: the sub-process is a process of its own, called by a subprocess step, with all its elements', async () => {
    const r = await importBpmn(readFileSync(join(SAMPLES, 'camunda7-order-handling.bpmn'), 'utf8'));
    const main = r.processes[0]!;
    const call = (main.data.steps as Step[]).find((s) => s.type === 'subprocess') as Extract<Step, { type: 'subprocess' }>;
    expect(call).toBeDefined();
    const inner = r.processes.find((p) => p.id === call.process)!;
    // The sample's sub-process holds a start event, "Create Invoice", an end event and two flows:
    // three steps, the task among them.
    const steps = inner.data.steps as Step[];
    expect(steps.map((s) => s.type).sort()).toEqual(['end', 'start', 'task']);
    expect(steps.some((s) => s.name === 'Create Invoice')).toBe(true);
    expect(validate(r)).toEqual([]);
    expect(main.notes.map((n) => n.message).join('\n')).not.toMatch(/inner elements are not/);
  });
});
