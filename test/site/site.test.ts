import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/model/load.js';
import { buildSite, type Site } from '../../src/site/build.js';
import { crmflow } from '../cli/helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'portal');

/** Every local link (href, src, xlink:href) of an HTML file, resolved from the site root. */
function links(path: string, html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\s(?:href|src|xlink:href)="([^"]*)"/g)) {
    const raw = m[1]!.replace(/&amp;/g, '&');
    if (/^[a-z]+:/i.test(raw)) continue;
    const [file, frag] = raw.split('#') as [string, string | undefined];
    const target = file === '' ? path : posix.normalize(posix.join(posix.dirname(path), file));
    out.push(frag ? `${target}#${frag}` : target);
  }
  return out;
}

describe('crmflow site (fixture project, no git)', () => {
  let site: Site;
  beforeAll(async () => {
    const project = await loadProject({ cwd: FIXTURE });
    site = await buildSite(project, { history: false, cases: 200 });
  });

  it('writes home, roles, a page per process and per role, and the assets', () => {
    expect([...site.files.keys()]).toEqual([
      'assets/search-index.js',
      'assets/site.css',
      'assets/site.js',
      'index.html',
      'process/quote-approval.html',
      'process/sales.html',
      'role/customer.html',
      'role/director.html',
      'role/idle.html',
      'role/manager.html',
      'role/rep.html',
      'role/system.html',
      'roles.html',
    ]);
  });

  it('every local link and anchor leads somewhere', () => {
    const broken: string[] = [];
    for (const [path, text] of site.files) {
      if (!path.endsWith('.html')) continue;
      for (const l of links(path, text)) {
        const [file, frag] = l.split('#') as [string, string | undefined];
        const target = site.files.get(file);
        if (target === undefined) broken.push(`${path} → ${l}`);
        else if (frag && !target.includes(`id="${frag}"`)) broken.push(`${path} → ${l} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('escapes names everywhere: no markup from a process or role name survives', () => {
    for (const [path, text] of site.files) {
      expect(text, path).not.toContain('<script>alert(1)');
      expect(text, path).not.toContain('<b>&amp;</b>');
    }
    const home = site.files.get('index.html')!;
    expect(home).toContain('Sales &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(site.files.get('role/rep.html')).toContain('<h1>Sales rep &lt;b&gt;&amp;amp;&lt;/b&gt;</h1>');
    expect(site.files.get('assets/search-index.js')).toContain('Sales \\u003cscript>alert(1)\\u003c/script>');
  });

  it('home shows the layer tree with owner, step count, lint status and the KPI against its target', () => {
    const home = site.files.get('index.html')!;
    // sales (core) is the root; quote-approval (operation) sits under it.
    const start = home.indexOf('id="tree"');
    const tree = home.slice(start, home.indexOf('<h2>', start));
    expect(tree.indexOf('process/sales.html')).toBeLessThan(tree.indexOf('process/quote-approval.html'));
    expect(tree).toMatch(/<ul class="tree">\n<li><a href="process\/quote-approval.html">报价审批<\/a>/);
    expect(home).toContain('owner <a href="role/manager.html">销售经理</a> · 5 steps');
    // quote-approval: 1 error (exception-path-missing), 1 warning (sla-without-breach-path).
    expect(home).toContain('6 steps</small> <span class="badge error">1 errors</span> <span class="badge warning">1 warnings</span>');
    expect(home).toContain('<td>Quote approval time</td>');
    expect(home).toContain('p90 ≤ 2d');
  });

  it('process page: inline diagram with drill-down links, step table, findings, simulation heat', () => {
    const sales = site.files.get('process/sales.html')!;
    expect(sales).toContain('<div class="viewport"><svg');
    expect(sales).not.toContain('<?xml');
    expect(sales).toMatch(/<a href="quote-approval.html" xlink:href="quote-approval.html">/);
    expect(sales).toContain('<td>1d → on breach <code>escalate</code></td>');
    const heat = JSON.parse(/<script type="application\/json" id="heat-data">(.*?)<\/script>/.exec(sales)![1]!) as Record<string, number>;
    // qualify is sales's own work; approve is the subprocess whose steps' time it carries.
    expect(Object.keys(heat).sort()).toEqual(expect.arrayContaining(['approve', 'qualify']));
    for (const v of Object.values(heat)) expect(v).toBeGreaterThan(0);

    const qa = site.files.get('process/quote-approval.html')!;
    expect(qa).toContain('<a class="up" href="sales.html#step-approve">↑ Sales &lt;script&gt;alert(1)&lt;/script&gt; / approve</a>');
    expect(qa).toContain('<code>exception-path-missing</code>');
    // Tiers with their bounds and roles; the action's template; fields from the condition and template.
    expect(qa).toContain('case.amount: &lt; 500000: <a href="../role/director.html">Director</a>; <a href="../role/manager.html">销售经理</a>');
    expect(qa).toContain('notify deal-desk <small>“Quote for {case.amount} waits”</small>');
    expect(qa).toMatch(/id="step-check">.*<code>amount<\/code><\/td><\/tr>/);
    expect(qa).toContain('No git history (history not read)');
  });

  it('role page lists the role\'s steps across processes with SLAs', () => {
    const rep = site.files.get('role/rep.html')!;
    expect(rep).toContain('<a href="../process/sales.html#step-qualify">资格审查</a>');
    expect(rep).toContain('<td>R</td><td>1d</td><td><code>escalate</code></td>');
    expect(rep).toMatch(/Simulated utilisation \d+ %/);
  });

  it('the search index holds process and step names, Chinese included', () => {
    const js = site.files.get('assets/search-index.js')!;
    const entries = JSON.parse(js.slice(js.indexOf('=') + 1, js.lastIndexOf(';'))) as string[][];
    expect(entries).toContainEqual(['经理审批', 'process/quote-approval.html#step-manager-approval', '报价审批 · approval', 'manager-approval']);
    expect(entries).toContainEqual(['报价审批', 'process/quote-approval.html', 'operation · quote-approval', 'quote-approval']);
  });

  it('the same project gives the same bytes', async () => {
    const again = await buildSite(await loadProject({ cwd: FIXTURE }), { history: false, cases: 200 });
    expect([...again.files]).toEqual([...site.files]);
  });
});

describe('crmflow site with git history', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crmflow-site-git-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const env = { ...process.env, GIT_AUTHOR_DATE: '2026-03-01T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-01T10:00:00Z', GIT_AUTHOR_NAME: 'Li Wei', GIT_AUTHOR_EMAIL: 'li@example.com', GIT_COMMITTER_NAME: 'Li Wei', GIT_COMMITTER_EMAIL: 'li@example.com' };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'ignore' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'First version');
    const file = join(dir, 'processes', 'quote-approval.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: 经理审批, role: manager, duration: 2h', 'name: 经理审批, role: manager, duration: 3h'));
    git('commit', '-qam', 'Managers take <3h> & more');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists each process file\'s commits and links the newest to its diff', async () => {
    const site = await buildSite(await loadProject({ cwd: dir }), { simulate: false });
    const qa = site.files.get('process/quote-approval.html')!;
    const rows = [...qa.matchAll(/<tr><td>(?:<a href="\.\.\/history\/([0-9a-f]{40})\.html">)?<code>([0-9a-f]{7})<\/code>.*?<td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)];
    expect(rows.map((r) => [Boolean(r[1]), r[3], r[4], r[5]])).toEqual([
      [true, 'Li Wei', '2026-03-01', 'Managers take &lt;3h&gt; &amp; more'],
      // The first commit has no parent to diff against.
      [false, 'Li Wei', '2026-03-01', 'First version'],
    ]);
    const sales = site.files.get('process/sales.html')!;
    expect((sales.match(/history\/[0-9a-f]{40}\.html/g) ?? []).length).toBe(0);
    const diff = site.files.get(`history/${rows[0]![1]}.html`)!;
    expect(diff).toContain('manager-approval');
    expect(diff).toContain('2h');
    expect(diff).toContain('3h');
  });
});

describe('crmflow site and roles on the command line', () => {
  it('site writes the portal and reports what it wrote as JSON', () => {
    const out = mkdtempSync(join(tmpdir(), 'crmflow-site-cli-'));
    try {
      const r = crmflow(['site', '-C', FIXTURE, '-o', out, '--no-history', '--cases', '100', '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout) as { files: string[]; homeBytes: number };
      expect(j.files).toContain('process/sales.html');
      expect(readFileSync(join(out, 'index.html')).length).toBe(j.homeBytes);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('a process file with errors is listed on the home page, the rest is published, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crmflow-site-broken-'));
    try {
      cpSync(FIXTURE, dir, { recursive: true });
      writeFileSync(join(dir, 'processes', 'broken.yaml'), 'crmflow: 1\nid: broken\nname: "<img src=x>"\nsteps: [\n');
      const r = crmflow(['site', '-o', 'out', '--no-history', '--no-simulate'], { cwd: dir });
      expect(r.code).toBe(1);
      const home = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
      expect(home).toContain('<h2>Files with errors (not in the portal)</h2>');
      expect(home).toMatch(/<li><code>processes\/broken.yaml:\d+:\d+<\/code> /);
      expect(home).not.toContain('<img');
      expect(home).toContain('process/sales.html');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('site without -o is a usage error (exit 2)', () => {
    const r = crmflow(['site', '-C', FIXTURE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--output');
  });

  it('roles --format csv prints the matrix; an unknown format exits 2', () => {
    const r = crmflow(['roles', '-C', FIXTURE, '--format', 'csv', '--no-simulate']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toBe('role,role_name,headcount,utilisation,process,process_name,step,step_name,type,raci,sla,breach');
    const bad = crmflow(['roles', '-C', FIXTURE, '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown format "xml" for roles');
  });
});
