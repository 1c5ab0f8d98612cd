/** End-to-end: the real bin/crmflow.js, its output streams and exit codes. */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { BIN, ROOT, crmflow, noStack, worldReadableCli } from './helpers.js';

const FIX = join(ROOT, 'test', 'validate', 'fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'crmflow-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('crmflow', () => {
  it('prints its version', () => {
    const r = crmflow(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
  it('has help with examples for every command', () => {
    const r = crmflow(['--help']);
    expect(r.code).toBe(0);
    const names = [...r.stdout.matchAll(/^ {2}([a-z-]+)(?: \[|\s)/gm)].map((m) => m[1]!).filter((n) => n !== 'help' && !n.startsWith('-')); // commands, not global options such as --lang
    expect(names).toContain('validate');
    for (const name of names) {
      const h = crmflow([name, '--help']);
      expect(h.code, name).toBe(0);
      expect(h.stdout, name).toContain('Examples:');
    }
  });
  it('refuses an unknown flag with exit 2', () => {
    const r = crmflow(['validate', '--frmat', 'json'], { cwd: join(FIX, 'unknown-step') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--frmat'");
    expect(r.stderr).toContain('--format');
  });
  it('refuses an unknown command with exit 2', () => {
    const r = crmflow(['valdate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('validate');
  });
  it('refuses an unknown format with exit 2', () => {
    const r = crmflow(['validate', '--format', 'xml'], { cwd: join(FIX, 'unknown-step') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown format "xml"');
  });
});

describe('crmflow validate', () => {
  it('exits 1 with file:line:col, message, rule and a caret', () => {
    const r = crmflow(['validate'], { cwd: join(FIX, 'unknown-step') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('processes/quote.yaml:11:11  error  step "draft" goes to "sned", which does not exist; did you mean "send"?  unknown-step');
    expect(r.stdout).toContain('  11 |     next: sned\n     |           ^~~~');
    expect(r.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(r.stdout).not.toContain('\u001b[');
  });
  it('prints the stable JSON shape', () => {
    const r = crmflow(['validate', '--format', 'json'], { cwd: join(FIX, 'unknown-role') });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['findings', 'errorCount', 'warningCount']);
    expect(j.findings[0]).toEqual({
      file: 'processes/quote.yaml',
      line: 10,
      column: 11,
      endLine: 10,
      endColumn: 20,
      rule: 'unknown-role',
      severity: 'error',
      message: 'role "sales-rpe" is not declared; did you mean "sales-rep"?',
      process: 'quote',
      step: 'draft',
    });
  });
  it('colours only when asked: FORCE_COLOR yes, NO_COLOR no', () => {
    const coloured = crmflow(['validate'], { cwd: join(FIX, 'unknown-step'), env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(coloured.stdout).toContain('\u001b[');
    const plain = crmflow(['validate'], { cwd: join(FIX, 'unknown-step'), env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
  });
  it('reports broken YAML as a finding, exit 1, no stack trace', () => {
    const r = crmflow(['validate'], { cwd: join(FIX, 'yaml-syntax') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('yaml-syntax');
    expect(noStack(r.stdout + r.stderr)).toBe(true);
  });
  it('validates one named file and reports only on it', () => {
    const r = crmflow(['validate', 'processes/b.yaml', '--format', 'json'], { cwd: join(FIX, 'ref-cycle') });
    expect(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file)).toEqual(['processes/b.yaml']);
    const a = crmflow(['validate', 'processes/a.yaml', '--format', 'json'], { cwd: join(FIX, 'ref-cycle') });
    expect(JSON.parse(a.stdout).findings).toEqual([]);
    expect(a.code).toBe(0);
  });
  it('exits 2 for a bad crmflow.yaml', () => {
    const r = crmflow(['validate'], { cwd: join(FIX, 'unknown-calendar') });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('crmflow.yaml:3:40');
  });
  it('exits 2 for a missing path', () => {
    const r = crmflow(['validate', 'processes/nope.yaml'], { cwd: join(FIX, 'unknown-step') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('processes/nope.yaml: no such file or folder');
    expect(noStack(r.stderr)).toBe(true);
  });
  it('exits 2 when crmflow.yaml is a folder', () => {
    const dir = join(tmp, 'config-is-dir');
    mkdirSync(join(dir, 'crmflow.yaml'), { recursive: true });
    const r = crmflow(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('crmflow.yaml: is a folder, not a file');
    expect(noStack(r.stderr)).toBe(true);
  });
  it('exits 2 for a dangling link', () => {
    const dir = join(tmp, 'dangling');
    mkdirSync(join(dir, 'processes'), { recursive: true });
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'processes', 'p.yaml'));
    const r = crmflow(['validate', 'processes/p.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(noStack(r.stderr)).toBe(true);
  });
  it('exits 2 for an unreadable file', () => {
    const dir = join(tmp, 'unreadable');
    cpSync(join(FIX, 'unknown-step'), dir, { recursive: true });
    chmodSync(tmp, 0o755);
    chmodSync(dir, 0o755);
    // Root reads anything: as root, run a world-readable copy of the CLI as uid 65534 (nobody),
    // which may not enter the folder this clone sits in.
    const asRoot = process.getuid?.() === 0;
    const copy = asRoot ? worldReadableCli([{ args: ['validate'], cwd: dir }, { args: ['validate', 'processes/nope.yaml'], cwd: dir }]) : undefined;
    try {
      chmodSync(join(dir, 'processes', 'quote.yaml'), 0o000);
      const r = crmflow(['validate'], { cwd: dir, ...(copy ? { bin: copy.bin, uid: 65534, gid: 65534 } : {}) });
      expect(r.stderr).toContain('processes/quote.yaml: cannot read (EACCES)');
      expect(r.code).toBe(2);
      expect(noStack(r.stderr)).toBe(true);
    } finally {
      copy?.remove();
    }
  });
  it('shows the stack only with CRMFLOW_DEBUG=1', () => {
    const r = crmflow(['validate', 'nope.yaml'], { cwd: tmp, env: { CRMFLOW_DEBUG: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
  it('reports non-UTF-8 bytes as a finding', () => {
    const dir = join(tmp, 'latin1');
    mkdirSync(join(dir, 'processes'), { recursive: true });
    writeFileSync(join(dir, 'processes', 'p.yaml'), Buffer.from([...Buffer.from('crmflow: 1\nname: caf'), 0xe9, 0x0a]));
    const r = crmflow(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('processes/p.yaml:2:10  error  byte 0xe9 at offset 20 is not UTF-8');
  });
});

describe('the README quick start', () => {
  it('is two commands, and its npm script runs this build of crmflow', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /## Quick start\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe('npm install && npm run crmflow -- simulate lead-to-cash\nnpm test\n');
    const npm = spawnSync('npm', ['run', '-s', 'crmflow', '--', '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(npm.stderr).toBe('');
    expect(npm.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
});

describe('crmflow schema', () => {
  it('keeps the committed schemas in sync with the model', () => {
    const r = crmflow(['schema', '--check'], { cwd: ROOT });
    expect(r.stdout).toContain('up to date');
    expect(r.code).toBe(0);
  });
  it('reports a stale schema with exit 1', () => {
    const dir = join(tmp, 'stale-schemas');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'process.schema.json'), '{}');
    const r = crmflow(['schema', '--check', '-o', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('process.schema.json is out of date');
  });
});

describe('crmflow validate with fields:', () => {
  it('exits 1 for a field name typo and names the field meant', () => {
    const r = crmflow(['validate'], { cwd: join(FIX, 'unknown-field') });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('processes/route.yaml:14:20');
    expect(r.stdout).toContain('field "amout" is not declared under fields: in crmflow.yaml; did you mean "amount"?');
  });
});

describe('crmflow init', () => {
  // Outside npm (no npm_* variables), with a PATH that has node and the shell tools only.
  const bare = (extraPath: string[] = []) => {
    const env: NodeJS.ProcessEnv = { PATH: [...extraPath, dirname(process.execPath), '/usr/bin', '/bin'].join(':') };
    for (const k of Object.keys(process.env)) if (k.startsWith('npm_')) env[k] = undefined;
    return env;
  };
  const followHint = (stdout: string, env: NodeJS.ProcessEnv, cwd: string) => {
    const hint = /next: (.+)$/m.exec(stdout)?.[1];
    expect(hint, stdout).toBeDefined();
    const clean: NodeJS.ProcessEnv = { ...process.env, ...env, NO_COLOR: '1' };
    for (const k of Object.keys(clean)) if (clean[k] === undefined) delete clean[k];
    return { hint: hint!, run: spawnSync('/bin/sh', ['-c', hint!], { cwd, env: clean, encoding: 'utf8' }) };
  };
  it('says next how to run crmflow in a way that works when followed literally (not on the PATH)', () => {
    const env = bare();
    const r = crmflow(['init', 'my processes'], { cwd: tmp, env });
    expect(r.code, r.stderr).toBe(0);
    const { hint, run } = followHint(r.stdout, env, tmp);
    expect(hint).toBe(`cd 'my processes' && node ${realpathSync(BIN)} validate`);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('valid');
    expect(run.status).toBe(0);
  });
  it('says "crmflow validate" when crmflow on the PATH is this crmflow (npm link, a global install)', () => {
    const linked = join(tmp, 'path-bin');
    mkdirSync(linked, { recursive: true });
    symlinkSync(BIN, join(linked, 'crmflow'));
    const env = bare([linked]);
    const r = crmflow(['init', 'linked'], { cwd: tmp, env });
    const { hint, run } = followHint(r.stdout, env, tmp);
    expect(hint).toBe('cd linked && crmflow validate');
    expect(run.stdout).toContain('valid');
    expect(run.status).toBe(0);
  });
  it('says "npx crmflow validate" when run by npx inside the project that installed it', () => {
    const env = { ...bare(), npm_command: 'exec', npm_config_local_prefix: tmp };
    const r = crmflow(['init', 'by-npx'], { cwd: tmp, env });
    expect(/next: (.+)$/m.exec(r.stdout)?.[1]).toBe('cd by-npx && npx crmflow validate');
  });

  it('scaffolds a project that validates, and refuses to overwrite it', () => {
    const dir = join(tmp, 'new-project');
    const r = crmflow(['init', dir]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'crmflow.yaml'), 'utf8')).toContain('crmflow: 1');
    const v = crmflow(['validate'], { cwd: dir });
    expect(v.stdout).toContain('valid');
    expect(v.stdout).not.toContain('warning');
    expect(v.code).toBe(0);
    // The fields it declares are the columns of the sample data it writes.
    const config = parseYaml(readFileSync(join(dir, 'crmflow.yaml'), 'utf8')) as { fields: Record<string, unknown> };
    const header = readFileSync(join(dir, 'data', 'leads-sample.csv'), 'utf8').split('\n')[0]!.trim().split(',');
    expect(Object.keys(config.fields).sort()).toEqual([...header].sort());
    const again = crmflow(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('nothing was written');
    expect(crmflow(['init', dir, '--force']).code).toBe(0);
  });
});

describe('a reader that closes the pipe early', () => {
  it('ends quietly instead of crashing on EPIPE (crmflow export --help | head)', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'export', '--help'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // Close the read end before the CLI writes: its first write then fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(code).toBe(0);
  });
});
