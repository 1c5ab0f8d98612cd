/**
 * The GitHub Action cannot run here; the scripts it calls can. action/run.sh runs the real
 * CLI on the portal fixture, action/sticky-comment.mjs talks to a fake GitHub API.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT } from '../cli/helpers.js';

const FIXTURE = join(ROOT, 'test', 'site', 'fixtures', 'portal');
const RUN = join(ROOT, 'action', 'run.sh');

function runSh(mode: string, env: Record<string, string>, cwd: string) {
  const wrapper = join(tmp, 'crmflow');
  writeFileSync(wrapper, `#!/usr/bin/env bash\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
  const r = spawnSync('bash', [RUN, mode], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CRMFLOW: wrapper, ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'crmflow-action-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('action/run.sh', () => {
  it('lint writes SARIF, prints annotations and passes the exit code on as an output', () => {
    const out = join(tmp, 'lint');
    const ghOutput = join(tmp, 'lint-output');
    const r = runSh('lint', { WORKDIR: FIXTURE, OUT: out, GITHUB_OUTPUT: ghOutput }, tmp);
    expect(r.code).toBe(0);
    const sarif = JSON.parse(readFileSync(join(out, 'crmflow.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((x) => x.ruleId).sort()).toEqual(['exception-path-missing', 'sla-without-breach-path']);
    // GitHub workflow commands: one annotation per finding.
    expect(r.stdout).toMatch(/^::error file=(?:.*\/)?processes\/quote-approval.yaml,line=16/m);
    expect(r.stdout).toMatch(/^::warning file=(?:.*\/)?processes\/quote-approval.yaml,line=15/m);
    expect(readFileSync(ghOutput, 'utf8')).toBe(`sarif=${join(out, 'crmflow.sarif')}\nlint-exit-code=1\n`);
  });

  it('site builds the portal where asked, relative to the workspace', () => {
    const r = runSh('site', { WORKDIR: FIXTURE, SITE: 'portal', GITHUB_OUTPUT: join(tmp, 'site-output') }, tmp);
    expect(r.code).toBe(0);
    expect(existsSync(join(tmp, 'portal', 'index.html'))).toBe(true);
    expect(readFileSync(join(tmp, 'site-output'), 'utf8')).toBe(`site=${join(tmp, 'portal')}\n`);
  });

  it('diff writes the Markdown comment of base against head; without BASE it stops', () => {
    const repo = join(tmp, 'repo');
    cpSync(FIXTURE, repo, { recursive: true });
    const env = { ...process.env, GIT_AUTHOR_NAME: 'A', GIT_AUTHOR_EMAIL: 'a@example.com', GIT_COMMITTER_NAME: 'A', GIT_COMMITTER_EMAIL: 'a@example.com' };
    const git = (...a: string[]) => execFileSync('git', a, { cwd: repo, env, encoding: 'utf8' }).trim();
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD');
    const file = join(repo, 'processes', 'sales.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: Escalate', 'name: Escalate to the manager'));
    git('commit', '-qam', 'head');
    const head = git('rev-parse', 'HEAD');
    const out = join(tmp, 'diff');
    const r = runSh('diff', { WORKDIR: repo, OUT: out, BASE: base, HEAD: head }, repo);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const md = readFileSync(join(out, 'crmflow-diff.md'), 'utf8');
    expect(md).toContain('Escalate to the manager');
    expect(md).toMatch(/p90/);
    const missing = runSh('diff', { WORKDIR: repo, OUT: out, HEAD: head }, repo);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('BASE');
  });
});

interface Call {
  method: string;
  url: string;
  body: string;
  auth: string | undefined;
}

describe('action/sticky-comment.mjs', () => {
  let server: Server;
  let api: string;
  const calls: Call[] = [];
  let comments: { id: number; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        calls.push({ method: req.method!, url: req.url!, body, auth: req.headers.authorization });
        res.setHeader('content-type', 'application/json');
        if (req.method === 'GET') return res.end(JSON.stringify(comments));
        if (req.method === 'POST') {
          const c = { id: 100 + comments.length, body: JSON.parse(body).body as string };
          comments.push(c);
          res.statusCode = 201;
          return res.end(JSON.stringify(c));
        }
        const id = Number(req.url!.split('/').pop());
        const c = comments.find((x) => x.id === id)!;
        c.body = JSON.parse(body).body;
        return res.end(JSON.stringify(c));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    api = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  // Asynchronous: the fake API answers from this same process.
  const run = (file: string, event: unknown) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const eventPath = join(tmp, 'event.json');
      writeFileSync(eventPath, JSON.stringify(event));
      const child = spawn(process.execPath, [join(ROOT, 'action', 'sticky-comment.mjs'), file], {
        env: { ...process.env, GITHUB_TOKEN: 't0ken', GITHUB_REPOSITORY: 'acme/processes', GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: api },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += c));
      child.stderr.on('data', (c) => (stderr += c));
      child.on('close', (code) => resolve({ code, stdout: stdout.trim(), stderr }));
    });

  it('creates one comment, then updates that same comment on the next push', async () => {
    comments = [{ id: 1, body: 'someone else' }];
    const md = join(tmp, 'c.md');
    writeFileSync(md, '## crmflow diff\n\nfirst\n');
    expect(await run(md, { pull_request: { number: 7 } })).toMatchObject({ code: 0, stdout: 'created comment 101' });
    writeFileSync(md, '## crmflow diff\n\nsecond\n');
    expect(await run(md, { pull_request: { number: 7 } })).toMatchObject({ code: 0, stdout: 'updated comment 101' });
    expect(comments).toEqual([
      { id: 1, body: 'someone else' },
      { id: 101, body: '<!-- crmflow-diff -->\n## crmflow diff\n\nsecond\n' },
    ]);
    expect(calls.map((c) => `${c.method} ${c.url.split('?')[0]}`)).toEqual([
      'GET /repos/acme/processes/issues/7/comments',
      'POST /repos/acme/processes/issues/7/comments',
      'GET /repos/acme/processes/issues/7/comments',
      'PATCH /repos/acme/processes/issues/comments/101',
    ]);
    expect(calls.every((c) => c.auth === 'Bearer t0ken')).toBe(true);
  });

  it('does nothing outside a pull request', async () => {
    const md = join(tmp, 'c.md');
    const before = calls.length;
    expect(await run(md, { ref: 'refs/heads/main' })).toMatchObject({ code: 0, stdout: 'no comment: not a pull request event' });
    expect(calls.length).toBe(before);
  });
});

describe('action.yml, the workflow and the pre-commit hooks', () => {
  it('the action has the lint, diff and site inputs and calls only modes run.sh knows', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; runs: { using: string; steps: { run?: string; uses?: string }[] } };
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['lint', 'diff', 'site']));
    const modes = action.runs.steps.flatMap((s) => [...(s.run ?? '').matchAll(/action\/run\.sh" (\w+)/g)].map((m) => m[1]));
    expect(modes.sort()).toEqual(['diff', 'lint', 'site']);
    expect(action.runs.steps.map((s) => s.uses).filter(Boolean)).toEqual(expect.arrayContaining(['github/codeql-action/upload-sarif@v3', 'actions/upload-artifact@v4']));
  });

  it('the repository workflow runs the action on the example project', () => {
    const wf = parse(readFileSync(join(ROOT, '.github', 'workflows', 'crmflow.yml'), 'utf8')) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
    const step = Object.values(wf.jobs).flatMap((j) => j.steps).find((s) => s.uses === './')!;
    expect(step.with).toMatchObject({ lint: true, site: 'site' });
    expect(existsSync(join(ROOT, 'crmflow.yaml'))).toBe(true);
  });

  it('pre-commit hooks validate and lint on process files and crmflow.yaml only', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string }[];
    expect(hooks.map((h) => [h.id, h.entry])).toEqual([
      ['crmflow-validate', 'crmflow validate'],
      ['crmflow-lint', 'crmflow lint'],
    ]);
    for (const h of hooks) {
      const re = new RegExp(h.files);
      expect(['processes/core/lead-to-cash.yaml', 'processes/x.yml', 'crmflow.yaml'].filter((f) => re.test(f))).toHaveLength(3);
      expect(['README.md', 'src/crmflow.yaml', 'data/leads.csv', 'processes/notes.md'].filter((f) => re.test(f))).toEqual([]);
      // The same files as the glob the issue names: processes/** and crmflow.yaml (YAML only).
      const glob = picomatch(['processes/**/*.{yaml,yml}', 'crmflow.yaml']);
      for (const f of ['processes/a/b/c.yaml', 'crmflow.yaml', 'x/crmflow.yaml']) expect(re.test(f)).toBe(glob(f));
    }
  });
});
