/**
 * render: crmflow SVG vs mermaid-cli (mmdc driving Debian's Chromium) on the same 40-step
 * process — crmflow's own Mermaid export is mmdc's input — for one diagram and for twenty.
 * Also counts distinct output hashes across runs: crmflow must be byte-identical.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG, processYaml } from './generate.mjs';
import { alternate, chromium, crmflow, fmtMs, fmtX, hasCommand, log, node, PEERS, sha, workDir } from './common.mjs';

// Issue 16: one diagram ≥ 5× faster than mmdc, twenty ≥ 10×.
const GOALS = { 1: 5, 20: 10 };
const LIMITS = "What limits crmflow here: every run is a cold render (`--no-cache`). With one diagram the work is a chain: Node starts and loads the CLI and the project (~0.35 s) while elkjs loads on its own thread; then ELK's first layout runs mostly in V8's interpreter on that thread (~0.3 s; 0.25 s on an idle core) while the main thread waits; then the main thread routes the edges (~0.17 s), writes and exits (~0.1 s). V8's background compiler threads (four, Node's default) compete with both on two cores, so render raises V8's tier-up budget (`--interrupt-budget=1000000`): fewer TurboFan compilations, one diagram ~18 % faster. `node --v8-pool-size=1` still makes it ~5 % faster, but it can only be given on node's command line or in NODE_OPTIONS. With twenty diagrams ELK lays out the next diagram while the main thread routes the last, and each thread routes half of every diagram's arrangements. mmdc's Chromium CPU is not in the table, so its CPU column understates it.";
const STEPS = 40;

function svgsIn(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.svg')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
}

export async function bench() {
  const title = `render: crmflow vs mermaid-cli on a ${STEPS}-step process`;
  const command = 'npm run bench:compare:render';
  const pending = (why) => ({ name: 'render', title, command, lines: [why], summary: [{ comparison: 'render', crmflow: '–', peer: '–', result: 'skipped', goal: '≥ 5× (one) / 10× (twenty) faster, byte-identical', met: why }] });
  if (!hasCommand('render')) return pending('Pending: crmflow render is not in this build yet.');
  const browser = chromium();
  if (!browser) {
    log('render: skipped mmdc — no Chromium (install Debian\'s package: apt-get install chromium)');
    return pending('Skipped: mmdc needs Chromium and /usr/bin/chromium is absent (`apt-get install chromium`).');
  }
  const dir = workDir('render');
  const mmdc = join(PEERS, 'node_modules', '@mermaid-js', 'mermaid-cli', 'src', 'cli.js');
  const puppeteerConfig = join(dir, 'puppeteer.json');
  writeFileSync(puppeteerConfig, JSON.stringify({ executablePath: browser, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] }));
  const env = { PUPPETEER_EXECUTABLE_PATH: browser, PUPPETEER_SKIP_DOWNLOAD: '1' };

  const rows = [];
  const summary = [];
  for (const count of [1, 20]) {
    const project = join(dir, `project-${count}`);
    mkdirSync(join(project, 'processes', 'operation'), { recursive: true });
    writeFileSync(join(project, 'crmflow.yaml'), CONFIG);
    for (let i = 0; i < count; i++) writeFileSync(join(project, 'processes', 'operation', `big-${i + 1}.yaml`), processYaml(`big-${i + 1}`, STEPS - 3, 40 + i));
    // mmdc's input: crmflow's own Mermaid export of the same processes (`export --format mermaid`).
    const diagrams = [];
    for (let i = 0; i < count; i++) {
      const mm = await crmflow(['export', `big-${i + 1}`, '--format', 'mermaid'], { cwd: project });
      if (mm.code !== 0 || !/^\s*(flowchart|graph)\b/.test(mm.stdout)) throw new Error(`crmflow export --format mermaid failed: ${mm.stderr.slice(0, 400)}`);
      diagrams.push(mm.stdout);
    }
    const input = join(dir, count === 1 ? 'in-1.mmd' : `in-${count}.md`);
    // Twenty diagrams go to mmdc as one Markdown file: one browser start for all, its fastest way.
    writeFileSync(input, count === 1 ? diagrams[0] : diagrams.map((d) => '```mermaid\n' + d.trim() + '\n```\n').join('\n'));
    const crmOut = join(dir, `crm-out-${count}`);
    const mmOut = join(dir, `mmdc-out-${count}`);
    const a = {
      run: async () => {
        rmSync(crmOut, { recursive: true, force: true });
        // --no-cache: every run lays out afresh (a cold render), never from .crmflow/cache/.
        const r = await crmflow(['render', '--no-cache', '-o', crmOut], { cwd: project });
        if (r.code !== 0) throw new Error(`crmflow render exit ${r.code}: ${r.stderr.slice(0, 400)}`);
        const svgs = svgsIn(crmOut);
        if (svgs.length !== count) throw new Error(`crmflow wrote ${svgs.length} SVGs, expected ${count}`);
        return { ...r, hash: sha(svgs.join('\n')) };
      },
    };
    const b = {
      run: async () => {
        rmSync(mmOut, { recursive: true, force: true });
        mkdirSync(mmOut);
        const out = join(mmOut, count === 1 ? 'out.svg' : 'out.md');
        const r = await node([mmdc, '-q', '-p', puppeteerConfig, '-i', input, '-o', out, '-e', 'svg'], { cwd: dir, env });
        if (r.code !== 0) throw new Error(`mmdc exit ${r.code}: ${r.stderr.slice(0, 400)}`);
        const svgs = svgsIn(mmOut);
        if (svgs.length !== count) throw new Error(`mmdc wrote ${svgs.length} SVGs, expected ${count}`);
        return { ...r, hash: sha(svgs.join('\n')) };
      },
    };
    log(`render: timing ${count} diagram(s) …`);
    const t = await alternate(a, b);
    const ratio = t.b.ms / t.a.ms;
    const hashesA = new Set(t.a.results.map((r) => r.hash)).size;
    const hashesB = new Set(t.b.results.map((r) => r.hash)).size;
    rows.push(`| ${count} | crmflow \`render --no-cache -o dir\` | ${fmtMs(t.a.ms)} | ${fmtMs(t.a.cpuMs)} | ${t.a.all.map(Math.round).join(', ')} | ${hashesA} of ${t.a.results.length} | ${t.a.results[0].peakRssMb?.toFixed(0)} MB |`);
    rows.push(`| ${count} | mmdc 11 + Chromium ${count === 1 ? '(`.mmd`)' : '(one `.md`, 20 blocks)'} | ${fmtMs(t.b.ms)} | ${fmtMs(t.b.cpuMs)}¹ | ${t.b.all.map(Math.round).join(', ')} | ${hashesB} of ${t.b.results.length} | ${t.b.results[0].peakRssMb?.toFixed(0)} MB¹ |`);
    const goal = GOALS[count];
    const met = ratio >= goal && hashesA === 1;
    summary.push({
      comparison: `render, ${count} diagram${count > 1 ? 's' : ''} of ${STEPS} steps`,
      crmflow: fmtMs(t.a.ms),
      peer: `mmdc ${fmtMs(t.b.ms)}`,
      result: `${fmtX(ratio)} faster; distinct outputs ${hashesA} vs ${hashesB}`,
      goal: `≥ ${goal}×, 1 hash`,
      met: met ? 'yes' : `no (${fmtX(ratio)}${hashesA !== 1 ? `, ${hashesA} hashes` : ''})`,
    });
  }
  return {
    name: 'render',
    title,
    command,
    lines: [
      `A generated ${STEPS}-step operation process (5 roles as lanes, decisions, approvals with rejection loops, waits, an SLA). mmdc renders crmflow's own Mermaid export of it (\`crmflow render --format mermaid\`), with Debian's Chromium (\`PUPPETEER_EXECUTABLE_PATH\`, no browser download).`,
      '',
      '| diagrams | tool | median wall | median CPU | runs, wall (ms) | distinct output hashes | peak RSS |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
      '¹ of the `node` process only: Chromium runs in child processes that `/usr/bin/time` does not count, so mmdc\'s CPU and memory are understated.',
      '',
      ...summary.map((s) => `- ${s.comparison}: crmflow ${s.result} (goal ${s.goal}: ${s.met}).`),
      ...(summary.every((s) => s.met === 'yes') ? [] : ['', LIMITS]),
    ],
    summary,
  };
}
