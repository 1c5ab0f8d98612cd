/** End to end: the built CLI (`node bin/crmflow.js`, after `npm run build`) exporting and importing BPMN. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bpmnlint } from './helpers.js';

const REPO = resolve(import.meta.dirname, '../..');
const BIN = join(REPO, 'bin/crmflow.js');
const FIXTURES = join(import.meta.dirname, 'fixtures');

function crmflow(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking: the bad-input cases run side by side. */
function crmflowAsync(cwd: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'crmflow-bpmn-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('crmflow export (CLI)', () => {
  it('writes Camunda 8 BPMN for a process file to -o, with notes on stderr', () => {
    const out = join(tmp, 'da.bpmn');
    const r = crmflow(REPO, 'export', 'processes/operation/discount-approval.yaml', '--target', 'camunda8', '-o', out);
    expect(r.code).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<bpmn:definitions /);
    expect(xml).toContain('<bpmn:process id="discount-approval" name="折扣审批" isExecutable="true">');
    expect(xml).toContain('modeler:executionPlatform="Camunda Cloud"');
    expect(xml).toContain('zeebe:assignmentDefinition');
    expect(r.stderr).toContain('durations not exported');
  });

  it('--format json prints the XML on stdout in a stable shape', () => {
    const r = crmflow(REPO, 'export', 'lead-assignment', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['target', 'processes']);
    expect(Object.keys(j.processes[0])).toEqual(['id', 'file', 'notes', 'xml']);
    expect(j.processes[0].xml).toContain('<bpmn:process id="lead-assignment"');
  });

  it('an unknown process or target is a usage error (exit 2)', () => {
    const r = crmflow(REPO, 'export', 'discount-aproval');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: no process "discount-aproval" in this project');
    expect(crmflow(REPO, 'export', 'discount-approval', '--target', 'zeebe').code).toBe(2);
  });

  it('a condition with no FEEL form fails the camunda8 export with exit 1, naming it; --all -o writes plain BPMN', () => {
    const project = join(FIXTURES, 'untranslatable');
    const r = crmflow(project, 'export', 'bulk-order', '--target', 'camunda8');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('size(case.items) > 20');
    expect(r.stdout).toBe('');
    const dir = join(tmp, 'all');
    expect(crmflow(project, 'export', '--all', '-o', dir).code).toBe(0);
    expect(readFileSync(join(dir, 'bulk-order.bpmn'), 'utf8')).toContain('size(case.items) &gt; 20');
  });

  it('--camunda-version targets that version (camunda-compat for it passes); a version that is not 8.x exits 2', async () => {
    const out = join(tmp, 'da-84.bpmn');
    const r = crmflow(REPO, 'export', 'discount-approval', '--target', 'camunda8', '--camunda-version', '8.4', '-o', out);
    expect(r.code).toBe(0);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toContain('modeler:executionPlatformVersion="8.4.0"');
    // Camunda user tasks came with 8.5: before that a user task is a job-worker task.
    expect(xml).not.toContain('zeebe:userTask');
    const errors = (await bpmnlint(xml, ['plugin:camunda-compat/camunda-cloud-8-4'])).filter((x) => x.category === 'error');
    expect(errors.map((x) => `${x.rule} ${x.id} ${x.message}`)).toEqual([]);
    const v88 = crmflow(REPO, 'export', 'discount-approval', '--target', 'camunda8', '--camunda-version', '8.8.1');
    expect(v88.code).toBe(0);
    expect(v88.stdout).toContain('modeler:executionPlatformVersion="8.8.1"');
    expect(v88.stdout).toContain('<zeebe:userTask />');
    for (const bad of ['7.20', '8.x', '8']) {
      const b = crmflow(REPO, 'export', 'discount-approval', '--target', 'camunda8', '--camunda-version', bad);
      expect(b.code, bad).toBe(2);
      expect(b.stderr).toContain(`--camunda-version must be a Camunda 8 version such as 8.6 or 8.8.0, not "${bad}"`);
      expect(b.stdout).toBe('');
    }
  });

  it('--help has examples', () => {
    expect(crmflow(REPO, 'export', '--help').stdout).toContain('Examples:');
    expect(crmflow(REPO, 'import', '--help').stdout).toContain('Examples:');
  });
});

describe('crmflow import (CLI)', () => {
  it('prints the YAML of a one-process file', () => {
    const r = crmflow(tmp, 'import', join(REPO, 'test/fixtures/bpmn-samples/camunda8-customer-onboarding.bpmn'));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=/);
    expect(r.stdout).toContain('id: customer-onboarding');
  });

  it('-o writes one file per process that validates at once; --force to overwrite', () => {
    const dir = join(tmp, 'imported');
    const r = crmflow(tmp, 'import', join(FIXTURES, 'modeler-lanes.bpmn'), '-o', dir, '--layer', 'core');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning');
    expect(readFileSync(join(dir, 'process-order.yaml'), 'utf8')).toContain('layer: core');
    expect(existsSync(join(dir, 'shipping.yaml'))).toBe(true);
    const v = crmflow(tmp, 'validate', dir);
    expect(v.stdout + v.stderr).not.toContain('error');
    expect(v.code).toBe(0);
    const again = crmflow(tmp, 'import', join(FIXTURES, 'modeler-lanes.bpmn'), '-o', dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(crmflow(tmp, 'import', join(FIXTURES, 'modeler-lanes.bpmn'), '-o', dir, '--force').code).toBe(0);
  });

  it('bad input: exit 2 with a clear message, never a stack trace', async () => {
    const huge = join(tmp, 'huge.bpmn');
    writeFileSync(huge, `<a>${' '.repeat(11 * 1024 * 1024)}</a>`);
    const cases: [string, RegExp][] = [
      [join(FIXTURES, 'not-xml.bpmn'), /the file is not XML/],
      [join(FIXTURES, 'not-bpmn.bpmn'), /not BPMN 2\.0/],
      [join(FIXTURES, 'no-process.bpmn'), /no process/],
      [join(FIXTURES, 'xxe.bpmn'), /DOCTYPE/],
      [join(FIXTURES, 'billion-laughs.bpmn'), /DOCTYPE/],
      [huge, /more than the 10 MB/],
      [join(tmp, 'missing.bpmn'), /no such file/],
    ];
    const runs = await Promise.all(cases.map(([file]) => crmflowAsync(tmp, 'import', file)));
    cases.forEach(([file, message], i) => {
      const r = runs[i]!;
      expect(r.code, file).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    });
  });
});
