/**
 * `crmflow init --example after-sales-zh`: the Chinese after-sales project works end to end with
 * the built CLI: validate and lint clean, PNG without missing glyphs, simulate, and Camunda 8
 * export that camunda-compat accepts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { bpmnlint } from '../bpmn/helpers.js';
import { crmflow } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'crmflow-example-zh-'));
const dir = join(tmp, '售后');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const run = (...args: string[]) => crmflow(args, { cwd: dir });

describe('crmflow init --example after-sales-zh', () => {
  beforeAll(() => {
    const r = crmflow(['init', dir, '--example', 'after-sales-zh']);
    expect(r.code, r.stderr).toBe(0);
  });

  it('writes the project: config, one process, sample data and the schemas', () => {
    expect(run('validate').code).toBe(0);
    const lint = run('lint');
    expect(lint.code, lint.stdout).toBe(0);
    expect(lint.stdout).toContain('clean');
    const data = readFileSync(join(dir, 'data', 'tickets-sample.csv'), 'utf8');
    expect(data).toMatch(/有限公司/);
  });

  it('follows the 2026 holiday schedule: every 调休 workday is a weekend day, every holiday range is ordered', () => {
    const config = yaml.load(readFileSync(join(dir, 'crmflow.yaml'), 'utf8'), { schema: yaml.CORE_SCHEMA }) as { calendars: Record<string, { holidays?: string[]; workdays?: string[] }> };
    const office = config.calendars.gongzuori!;
    expect(office.workdays).toHaveLength(6);
    for (const w of office.workdays!) expect([0, 6], w).toContain(new Date(`${w}T00:00:00Z`).getUTCDay());
    expect(office.holidays).toHaveLength(7);
    for (const h of office.holidays!) {
      const [from, to] = h.split('..');
      expect(from! <= to!, h).toBe(true);
      // No workday falls inside a holiday.
      for (const w of office.workdays!) expect(w >= from! && w <= to!, `${w} in ${h}`).toBe(false);
    }
  });

  it('renders a PNG whose Chinese labels every loaded font covers', () => {
    const r = run('render', '--format', 'png', '-o', 'out');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('no installed font has');
  });

  it('shows the Chinese names of outcomes and exception paths, keeping their ids in JSON', () => {
    const svg = run('render', 'processes/after-sales-ticket.yaml', '-o', 'svg');
    expect(svg.code, svg.stderr).toBe(0);
    const text = readFileSync(join(dir, 'svg', 'after-sales-ticket.svg'), 'utf8');
    for (const shown of ['(已结案)', '>驳回<', '>系统异常<']) expect(text).toContain(shown);
    for (const id of ['(resolved)', '>rejected<', '>error<']) expect(text).not.toContain(id);
    const mermaid = run('render', 'processes/after-sales-ticket.yaml', '--format', 'mermaid').stdout;
    expect(mermaid).toContain('|"驳回"|');
    expect(mermaid).toContain('结案 #40;已结案#41;'); // Mermaid's escapes for ( and )
    expect(mermaid).not.toContain('resolved');
    const report = run('simulate', 'after-sales-ticket');
    expect(report.stdout).toMatch(/Outcomes\s+已结案 \(resolved\) 240/);
  });

  it('simulates every sample ticket to an end', () => {
    const r = run('simulate', 'after-sales-ticket', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { cases: number; outcomes: Record<string, number>; slas: unknown[] };
    expect(j.cases).toBe(240);
    expect(j.outcomes.resolved).toBe(240);
    expect(j.slas).toHaveLength(2);
  });

  it('exports to Camunda 8 BPMN that passes camunda-compat', async () => {
    const r = run('export', 'after-sales-ticket', '--target', 'camunda8');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('name="售后工单"');
    const errors = (await bpmnlint(r.stdout, ['plugin:camunda-compat/camunda-cloud-8-8'])).filter((x) => x.category === 'error');
    expect(errors.map((x) => `${x.rule} ${x.id} ${x.message}`)).toEqual([]);
  });

  it('refuses an example it does not know, naming the ones it has', () => {
    const r = crmflow(['init', join(tmp, 'x'), '--example', 'after-sales']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('after-sales-zh');
  });
});
