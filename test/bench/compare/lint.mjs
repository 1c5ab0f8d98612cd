/**
 * lint: crmflow on 1,000 generated processes vs bpmnlint (recommended config) on the same
 * processes exported to BPMN by crmflow. Both end to end: one CLI run over all files.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG, processYaml } from './generate.mjs';
import { alternate, crmflow, fmtMs, fmtX, hasCommand, log, node, PEERS, workDir } from './common.mjs';

export const COUNT = Number(process.env.BENCH_LINT_PROCESSES ?? 1000);
const GOAL = 5;

export async function bench() {
  const title = `lint: crmflow vs bpmnlint on ${COUNT.toLocaleString('en')} processes`;
  const command = 'npm run bench:compare:lint';
  if (!hasCommand('lint') || !hasCommand('export')) {
    const missing = ['lint', 'export'].filter((c) => !hasCommand(c)).join(', ');
    log(`lint: skipped — crmflow ${missing} not in this build`);
    return { name: 'lint', title, command, lines: [`Pending: crmflow ${missing} is not in this build yet.`], summary: [{ comparison: 'lint', crmflow: '–', peer: '–', result: 'pending', goal: `≥ ${GOAL}× faster`, met: 'pending' }] };
  }
  const dir = workDir('lint');
  const project = join(dir, 'project');
  mkdirSync(join(project, 'processes', 'operation'), { recursive: true });
  writeFileSync(join(project, 'crmflow.yaml'), CONFIG);
  let steps = 0;
  for (let i = 0; i < COUNT; i++) {
    const n = 6 + (i % 15); // 6–20 body steps, 11 on average
    steps += n + 3;
    writeFileSync(join(project, 'processes', 'operation', `p${String(i).padStart(4, '0')}.yaml`), processYaml(`p${String(i).padStart(4, '0')}`, n, 1000 + i));
  }
  log(`lint: ${COUNT} processes, ${steps} steps generated; exporting them to BPMN with crmflow export --all …`);
  const bpmnDir = join(dir, 'bpmn');
  const ex = await crmflow(['export', '--all', '-o', bpmnDir], { cwd: project });
  if (ex.code !== 0) throw new Error(`crmflow export --all failed (${ex.code}): ${ex.stderr.slice(0, 500)}`);
  const bpmnFiles = readdirSync(bpmnDir).filter((f) => f.endsWith('.bpmn'));
  if (bpmnFiles.length !== COUNT) throw new Error(`expected ${COUNT} BPMN files, got ${bpmnFiles.length}`);
  writeFileSync(join(bpmnDir, '.bpmnlintrc'), '{ "extends": "bpmnlint:recommended" }\n');
  const bpmnlint = join(PEERS, 'node_modules', 'bpmnlint', 'bin', 'bpmnlint.js');

  const a = {
    run: async () => {
      const r = await crmflow(['lint', '--format', 'json'], { cwd: project });
      if (r.code !== 0 && r.code !== 1) throw new Error(`crmflow lint exit ${r.code}: ${r.stderr.slice(0, 500)}`);
      return r;
    },
  };
  const b = {
    run: async () => {
      const r = await node([bpmnlint, '*.bpmn'], { cwd: bpmnDir });
      if (r.code !== 0 && r.code !== 1) throw new Error(`bpmnlint exit ${r.code}: ${r.stderr.slice(0, 500)}`);
      return r;
    },
  };
  log('lint: timing crmflow lint and bpmnlint alternately …');
  const t = await alternate(a, b);
  const ratio = t.b.ms / t.a.ms;
  const cpuRatio = t.b.cpuMs / t.a.cpuMs;
  const cf = JSON.parse(t.a.results[0].stdout);
  const peerProblems = /(\d+) problems?/.exec(t.b.results[0].stdout)?.[1] ?? '?';
  const met = ratio >= GOAL;
  return {
    name: 'lint',
    title,
    command,
    lines: [
      `${COUNT} generated operation processes (${steps} steps; tasks, approvals, decisions, waits, SLAs, loops), exported once with \`crmflow export --all\`.`,
      '',
      '| tool | command | median wall | median CPU (user+sys) | runs, wall (ms) | problems reported | peak RSS |',
      '|---|---|---|---|---|---|---|',
      `| crmflow | \`crmflow lint --format json\` | ${fmtMs(t.a.ms)} | ${fmtMs(t.a.cpuMs)} | ${t.a.all.map(Math.round).join(', ')} | ${cf.errorCount} errors, ${cf.warningCount} warnings | ${t.a.results[0].peakRssMb?.toFixed(0) ?? '?'} MB |`,
      `| bpmnlint 11 (recommended) | \`bpmnlint '*.bpmn'\` | ${fmtMs(t.b.ms)} | ${fmtMs(t.b.cpuMs)} | ${t.b.all.map(Math.round).join(', ')} | ${peerProblems} | ${t.b.results[0].peakRssMb?.toFixed(0) ?? '?'} MB |`,
      '',
      `crmflow is **${fmtX(ratio)} faster** end to end in wall time (goal ≥ ${GOAL}×: ${met ? 'met' : `missed by a factor of ${(GOAL / ratio).toFixed(1)}`}); ${fmtX(cpuRatio)} in CPU time.`,
      ...(met ? [] : ['', `What limits crmflow here: a CPU profile of \`crmflow lint\` on these files (taken 2026-11-23) puts 55 % of its time in the \`yaml\` library's \`parseDocument\` (parsing with source positions, in \`src/model/source.ts\`), 12 % in garbage collection and 6 % in the lint rules themselves: loading 1,000 YAML files, not linting them, is the cost; bpmnlint reads XML with a streaming SAX parser.`]),
    ],
    summary: [{ comparison: `lint, ${COUNT} processes`, crmflow: fmtMs(t.a.ms), peer: `bpmnlint ${fmtMs(t.b.ms)}`, result: `${fmtX(ratio)} faster (CPU ${fmtX(cpuRatio)})`, goal: `≥ ${GOAL}×`, met: met ? 'yes' : `no (${fmtX(ratio)})` }],
  };
}
