/**
 * Turns a simulation report into a terminal report, a Markdown workshop handout and a
 * baseline-versus-scenario comparison. Pure functions: the CLI prints what they return.
 */
import { formatDuration } from '../model/duration.js';
import { replicationOf, significant } from './combine.js';
import type { ConditionError, Replication, SimulationReport } from './types.js';

/** Colour functions (a chalk instance fits); identity when left out. */
export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}
const plain: Paint = { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id };
function id(s: string): string {
  return s;
}

const num = (n: number) => n.toLocaleString('en-US');
const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;
const dur = (m: number) => formatDuration(m);
const pm = (v: number | undefined, f: (x: number) => string) => (v !== undefined && v > 0 ? ` ±${f(v)}` : '');

function bar(x: number, width: number): string {
  const filled = Math.max(0, Math.min(width, Math.round(x * width)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
function padStart(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

/** Histogram rows with bins doubling in width (the report's bins grow by √2). */
export function histogramRows(r: SimulationReport): Array<{ label: string; count: number }> {
  const rows: Array<{ upTo: number; count: number }> = [];
  for (const b of r.histogram) {
    const last = rows[rows.length - 1];
    // Merge each odd √2 bin into the following power of two.
    const exp = Math.round(2 * Math.log2(Math.max(1, b.upTo)));
    if (last && exp % 2 === 0 && last.upTo < b.upTo && Math.round(2 * Math.log2(Math.max(1, last.upTo))) % 2 === 1) {
      last.upTo = b.upTo;
      last.count += b.count;
    } else rows.push({ upTo: b.upTo, count: b.count });
  }
  return rows.map((x) => ({ label: `≤ ${dur(x.upTo)}`, count: x.count }));
}

/** The busiest steps by share of cycle time, then the rest as counted. */
export function bottlenecks(r: SimulationReport, n = 10): SimulationReport['steps'] {
  return [...r.steps].filter((s) => s.count > 0 && s.approver === undefined).sort((a, b) => b.share - a.share || a.step.localeCompare(b.step)).slice(0, n);
}

/** The per-approver rows of a multi-approver step. */
function approverRows(r: SimulationReport, s: SimulationReport['steps'][number]): SimulationReport['steps'] {
  return r.steps.filter((a) => a.approver !== undefined && a.process === s.process && a.step === s.step && (a.count > 0 || (a.withdrawn ?? 0) > 0));
}

/** The terminal report. */
/** `outcomes:` of crmflow.yaml: outcome id → the name readers see. */
export type OutcomeNames = Partial<Record<string, { name: string }>>;

/** `已结案 (resolved)` when the outcome has a name, else the id. */
function outcomeLabel(id: string, names: OutcomeNames): string {
  const name = names[id]?.name;
  return name && name !== id ? `${name} (${id})` : id;
}

export function textReport(r: SimulationReport, paint: Paint = plain, outcomeNames: OutcomeNames = {}): string {
  const c = paint;
  const L: string[] = [];
  const ci = r.ci95;
  L.push(
    c.bold(`${r.process}`) +
      c.dim(` — ${num(r.cases)} cases${r.runs > 1 ? ` in ${r.runs} runs` : ''}, seed ${r.seed}${r.warmup ? `, warm-up ${num(r.warmup)}` : ''}, ${r.window.start.slice(0, 10)} → ${r.window.end.slice(0, 10)}`),
  );
  L.push('');
  const ct = r.cycleTime;
  L.push(
    `${pad('Cycle time', 13)}mean ${c.bold(dur(ct.mean))}${pm(ci?.cycleTime.mean, dur)}   p50 ${dur(ct.p50)}${pm(ci?.cycleTime.p50, dur)}   p90 ${c.bold(dur(ct.p90))}${pm(ci?.cycleTime.p90, dur)}   p95 ${dur(ct.p95)}   max ${dur(ct.max)}`,
  );
  L.push(`${pad('Throughput', 13)}${r.throughput} cases/day${pm(ci?.throughput, String)}    Efficiency ${pct(r.efficiency)}${pm(ci?.efficiency, (x) => pct(x))} ${c.dim('(value-added work / cycle time)')}`);
  const total = Object.values(r.outcomes).reduce((a, b) => a + b, 0);
  L.push(`${pad('Outcomes', 13)}${Object.entries(r.outcomes).map(([k, v]) => `${outcomeLabel(k, outcomeNames)} ${num(v)} (${pct(total ? v / total : 0)})`).join('   ') || 'none'}`);
  if (r.stopped.cases > 0) L.push(`${pad('Stopped', 13)}${c.red(`${num(r.stopped.cases)} cases`)} ${c.dim('(see warnings)')}`);
  const busiest = [...r.roles].sort((a, b) => b.utilisation - a.utilisation)[0];
  if (busiest && busiest.utilisation > 0) {
    const queue = r.steps.filter((s) => s.role === busiest.role && s.count > 0).sort((a, b) => b.waiting.mean * b.count - a.waiting.mean * a.count)[0];
    L.push(
      `${pad('Bottleneck', 13)}${c.bold(busiest.role)} ${pct(busiest.utilisation)} busy` +
        (queue ? c.dim(`; its longest queue is ${queue.process}/${queue.step} (mean wait ${dur(queue.waiting.mean)})`) : ''),
    );
  }

  const hist = histogramRows(r);
  if (hist.length) {
    L.push('', c.bold('Cycle time histogram'));
    const max = Math.max(...hist.map((h) => h.count));
    const w = Math.max(...hist.map((h) => h.label.length));
    for (const h of hist) L.push(`  ${padStart(h.label, w)} ${c.cyan(bar(max ? h.count / max : 0, 30))} ${num(h.count)}`);
  }

  const top = bottlenecks(r);
  if (top.length) {
    L.push('', c.bold('Where the time goes') + c.dim(' (share of cycle time; waiting = queue, off-hours and waits)'));
    const names = top.map((s) => `${s.process}/${s.step}`);
    const w = Math.max(...names.map((n) => n.length));
    const maxShare = Math.max(...top.map((s) => s.share), 0.0001);
    top.forEach((s, i) => {
      L.push(
        `  ${pad(names[i]!, w)} ${c.yellow(bar(s.share / maxShare, 20))} ${padStart(pct(s.share), 7)}  wait ${pad(dur(s.waiting.mean), 6)} work ${pad(dur(s.working.mean), 6)} ${c.dim(`×${num(s.count)}${s.role ? `  ${s.role}` : ''}`)}`,
      );
      // A multi-approver step: each approver's own queue and work, and the requests withdrawn.
      for (const a of approverRows(r, s)) {
        L.push(
          `  ${pad(`  · ${a.approver}`, w)} ${' '.repeat(29)}wait ${pad(dur(a.waiting.mean), 6)} work ${pad(dur(a.working.mean), 6)} ${c.dim(`×${num(a.count)}${a.withdrawn ? `  ${num(a.withdrawn)} withdrawn` : ''}`)}`,
        );
      }
    });
  }

  if (r.roles.length) {
    L.push('', c.bold('Roles') + c.dim(` (utilisation of their working hours from the first to the last arrival, ${r.utilisationWindow.start.slice(0, 10)} → ${r.utilisationWindow.end.slice(0, 10)})`));
    const roles = [...r.roles].sort((a, b) => b.utilisation - a.utilisation || a.role.localeCompare(b.role));
    const w = Math.max(...roles.map((x) => x.role.length + String(x.headcount).length + 3));
    for (const x of roles) {
      const color = x.utilisation >= 0.85 ? c.red : x.utilisation >= 0.7 ? c.yellow : c.green;
      L.push(`  ${pad(`${x.role} (${x.headcount})`, w)} ${color(bar(x.utilisation, 20))} ${padStart(pct(x.utilisation), 7)}${pm(x.utilisationCi95, (v) => pct(v))}`);
    }
  }

  if (r.pools?.length) {
    L.push('', c.bold('Pools') + c.dim(' (cases waiting to be claimed, time-weighted)'));
    const w = Math.max(...r.pools.map((p) => p.process.length + p.step.length + 1));
    for (const p of r.pools) {
      L.push(
        `  ${pad(`${p.process}/${p.step}`, w)} size mean ${p.size.mean} p90 ${p.size.p90} max ${p.size.max}   in pool mean ${dur(p.timeInPool.mean)} p90 ${dur(p.timeInPool.p90)}   ${num(p.claims)} claims, ${num(p.recycles)} recycled ${c.dim(`(${p.claimedBy}${p.limit !== null ? `, limit ${p.limit} each` : ''})`)}`,
      );
    }
  }

  if (r.slas.length) {
    L.push('', c.bold('SLAs'));
    const w = Math.max(...r.slas.map((s) => s.process.length + s.step.length + 1));
    for (const s of r.slas) {
      const color = s.rate > 0.1 ? c.red : s.rate > 0.02 ? c.yellow : c.green;
      L.push(`  ${pad(`${s.process}/${s.step}`, w)} within ${pad(`${s.within} ${c.dim(`(${s.unit})`)}`, 5)} ${color(`breached ${num(s.breached)} of ${num(s.entered)} (${pct(s.rate)})`)}${pm(s.rateCi95, (v) => pct(v))}${s.interrupting ? '' : c.dim('  measured only')}`);
    }
  }

  if (r.kpis.length) {
    L.push('', c.bold('KPIs'));
    const w = Math.max(...r.kpis.map((k) => k.id.length));
    for (const k of r.kpis) {
      const mark = k.value === null ? c.dim('·') : k.met ? c.green('✓') : c.red('✗');
      const value = k.value === null ? 'no case reached it' : `${k.statistic} ${dur(k.value)}${pm(k.valueCi95, dur)}`;
      L.push(`  ${mark} ${pad(k.id, w)} ${pad(value, 16)} target ${k.statistic} ${dur(k.target)} ${c.dim(`(${num(k.count)} cases)`)}`);
    }
  }

  if (r.conditionErrors?.length) L.push('', conditionErrorsText(r.conditionErrors, c).trimEnd());

  if (r.warnings.length) {
    L.push('', c.bold('Warnings'));
    for (const w of r.warnings) L.push(`  ${c.yellow('!')} ${w}`);
  }
  return L.join('\n') + '\n';
}

/** Conditions that failed on data rows: step, condition, rows and the first error. */
export function conditionErrorsText(errors: ConditionError[], paint: Paint = plain): string {
  const c = paint;
  const L = [c.bold('Condition errors') + c.dim(' (those cases followed the branch probabilities)')];
  for (const e of errors) {
    L.push(`  ${c.red('✖')} ${e.process}/${e.step}: ${JSON.stringify(e.condition)} failed on ${num(e.rows)} row${e.rows === 1 ? '' : 's'}`);
    L.push(`      ${c.dim(e.firstError)}`);
  }
  return L.join('\n') + '\n';
}

/** The same as a Markdown table. */
export function conditionErrorsMarkdown(errors: ConditionError[]): string {
  const L = ['## Condition errors', '', 'Those cases followed the branch probabilities.', '', '| Step | Condition | Rows | First error |', '|---|---|---:|---|'];
  for (const e of errors) L.push(`| ${mdText(`${e.process}/${e.step}`)} | ${mdText(e.condition)} | ${num(e.rows)} | ${mdText(e.firstError)} |`);
  return L.join('\n') + '\n';
}

/** A Markdown handout for a workshop: the same figures as tables. */
/** User text in a Markdown table cell: markup characters escaped, one line. */
export function mdText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]{}()<>#+!|~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

export function markdownReport(r: SimulationReport, outcomeNames: OutcomeNames = {}): string {
  const L: string[] = [];
  const ci = r.ci95;
  L.push(`# Simulation: ${mdText(r.process)}`, '');
  L.push(`${num(r.cases)} cases${r.runs > 1 ? ` in ${r.runs} runs (± is the 95 % confidence interval)` : ''}, seed ${r.seed}, simulated ${r.window.start.slice(0, 10)} to ${r.window.end.slice(0, 10)}.`, '');
  L.push('| Figure | Value |', '|---|---|');
  const ct = r.cycleTime;
  L.push(`| Cycle time, mean | ${dur(ct.mean)}${pm(ci?.cycleTime.mean, dur)} |`);
  L.push(`| Cycle time, p50 / p90 / p95 | ${dur(ct.p50)} / ${dur(ct.p90)}${pm(ci?.cycleTime.p90, dur)} / ${dur(ct.p95)} |`);
  L.push(`| Longest case | ${dur(ct.max)} |`);
  L.push(`| Throughput | ${r.throughput} cases/day |`);
  L.push(`| Process cycle efficiency | ${pct(r.efficiency)} |`);
  for (const [k, v] of Object.entries(r.outcomes)) L.push(`| Outcome *${mdText(outcomeLabel(k, outcomeNames))}* | ${num(v)} |`);
  if (r.stopped.cases) L.push(`| Stopped (runaway loop or dead end) | ${num(r.stopped.cases)} |`);
  L.push('', '## Where the time goes', '', '| Step | Role | Cases | Waiting (mean / p90) | Working (mean / p90) | Share of cycle time |', '|---|---|---:|---|---|---:|');
  for (const s of bottlenecks(r, 15)) {
    L.push(`| ${mdText(`${s.process}/${s.step}`)} | ${mdText(s.role ?? '')} | ${num(s.count)} | ${dur(s.waiting.mean)} / ${dur(s.waiting.p90)} | ${dur(s.working.mean)} / ${dur(s.working.p90)} | ${pct(s.share)} |`);
    for (const a of approverRows(r, s)) {
      L.push(`| ${mdText(`  · ${a.approver}`)} | ${mdText(a.role ?? '')} | ${num(a.count)}${a.withdrawn ? ` (+${num(a.withdrawn)} withdrawn)` : ''} | ${dur(a.waiting.mean)} / ${dur(a.waiting.p90)} | ${dur(a.working.mean)} / ${dur(a.working.p90)} | |`);
    }
  }
  if (r.pools?.length) {
    L.push('', '## Pools', '', '| Pool | Claimed by | Size mean / p90 / max | Time in pool (mean / p90) | Claims | Recycled |', '|---|---|---|---|---:|---:|');
    for (const p of r.pools) L.push(`| ${mdText(`${p.process}/${p.step}`)} | ${mdText(p.claimedBy)}${p.limit !== null ? ` (limit ${p.limit})` : ''} | ${p.size.mean} / ${p.size.p90} / ${p.size.max} | ${dur(p.timeInPool.mean)} / ${dur(p.timeInPool.p90)} | ${num(p.claims)} | ${num(p.recycles)} |`);
  }
  if (r.roles.length) {
    L.push('', '## Roles', '', `Utilisation of their working hours from the first to the last arrival (${r.utilisationWindow.start.slice(0, 10)} to ${r.utilisationWindow.end.slice(0, 10)}).`, '', '| Role | Headcount | Utilisation |', '|---|---:|---:|');
    for (const x of [...r.roles].sort((a, b) => b.utilisation - a.utilisation)) L.push(`| ${mdText(x.name)} | ${x.headcount} | ${pct(x.utilisation)}${pm(x.utilisationCi95, (v) => pct(v))} |`);
  }
  if (r.slas.length) {
    L.push('', '## SLAs', '', '| Step | Within | Breached | Rate |', '|---|---|---:|---:|');
    for (const s of r.slas) L.push(`| ${mdText(`${s.process}/${s.step}`)} | ${s.within} (${mdText(s.unit)}) | ${num(s.breached)} of ${num(s.entered)} | ${pct(s.rate)} |`);
  }
  if (r.kpis.length) {
    L.push('', '## KPIs', '', '| KPI | Simulated | Target | Met |', '|---|---|---|---|');
    for (const k of r.kpis) L.push(`| ${mdText(k.name)} | ${k.value === null ? '–' : `${k.statistic} ${dur(k.value)}`} | ${k.statistic} ${dur(k.target)} | ${k.value === null ? '–' : k.met ? 'yes' : '**no**'} |`);
  }
  if (r.conditionErrors?.length) L.push('', conditionErrorsMarkdown(r.conditionErrors).trimEnd());
  if (r.warnings.length) {
    L.push('', '## Warnings', '');
    for (const w of r.warnings) L.push(`- ${mdText(w)}`);
  }
  return L.join('\n') + '\n';
}

/** One compared figure. */
export interface Difference {
  figure: string;
  baseline: number | null;
  scenario: number | null;
  /** scenario − baseline. */
  change: number | null;
  unit: 'minutes' | 'ratio' | 'per-day';
  /**
   * Welch's t-test at 5 % over the runs (both sides on common random numbers); null with a
   * single run, which every output shows as "not tested".
   */
  significant: boolean | null;
}

/** The headline figures of two reports side by side. */
export function differences(base: SimulationReport, scen: SimulationReport): Difference[] {
  const out: Difference[] = [];
  const runsOf = (r: SimulationReport, f: (x: Replication) => number | null | undefined) =>
    (r.replications ?? [replicationOf(r)]).map(f).filter((v): v is number => typeof v === 'number');
  const add = (figure: string, unit: Difference['unit'], b: number | null, s: number | null, sig?: boolean) =>
    (b !== null || s !== null) &&
    out.push({ figure, baseline: b, scenario: s, change: b !== null && s !== null ? Math.round((s - b) * 10000) / 10000 : null, unit, significant: sig ?? null });
  for (const k of ['mean', 'p50', 'p90', 'p95'] as const) {
    add(`cycleTime.${k}`, 'minutes', base.cycleTime[k], scen.cycleTime[k], significant(runsOf(base, (x) => x.cycleTime[k]), runsOf(scen, (x) => x.cycleTime[k])));
  }
  add('throughput', 'per-day', base.throughput, scen.throughput, significant(runsOf(base, (x) => x.throughput), runsOf(scen, (x) => x.throughput)));
  add('efficiency', 'ratio', base.efficiency, scen.efficiency, significant(runsOf(base, (x) => x.efficiency), runsOf(scen, (x) => x.efficiency)));
  base.roles.forEach((r, i) => {
    const j = scen.roles.findIndex((x) => x.role === r.role);
    const sig = j < 0 ? undefined : significant(runsOf(base, (x) => x.utilisation[i]), runsOf(scen, (x) => x.utilisation[j]));
    add(`roles.${r.role}.utilisation`, 'ratio', r.utilisation, scen.roles[j]?.utilisation ?? null, sig);
  });
  base.slas.forEach((r, i) => {
    const j = scen.slas.findIndex((x) => x.process === r.process && x.step === r.step);
    const sig = j < 0 ? undefined : significant(runsOf(base, (x) => x.slaRate[i]), runsOf(scen, (x) => x.slaRate[j]));
    add(`slas.${r.process}/${r.step}.rate`, 'ratio', r.rate, scen.slas[j]?.rate ?? null, sig);
  });
  base.kpis.forEach((k, i) => {
    const j = scen.kpis.findIndex((x) => x.id === k.id);
    const sig = j < 0 ? undefined : significant(runsOf(base, (x) => x.kpi[i]), runsOf(scen, (x) => x.kpi[j]));
    add(`kpis.${k.id}.${k.statistic}`, 'minutes', k.value, scen.kpis[j]?.value ?? null, sig);
  });
  return out;
}

/** How a difference is flagged in every output: a change is never shown without one. */
export function verdict(d: Pick<Difference, 'significant'>): string {
  return d.significant === null ? 'not tested (1 run)' : d.significant ? 'significant' : 'not significant';
}

/** The line under a comparison that says how it was made. */
function method(base: SimulationReport): string {
  return base.runs > 1
    ? `${base.runs} runs each on common random numbers (same arrivals, data rows and per-case draws); significant: Welch's t-test over the runs, 5 % level`
    : 'one run each: no change can be told from noise; run 2 or more (--runs)';
}

/** Baseline and scenario side by side, with the change and whether it is significant. */
export function compareText(base: SimulationReport, scen: SimulationReport, label: string, paint: Paint = plain): string {
  const c = paint;
  const diffs = differences(base, scen);
  const fmt = (d: Difference, v: number | null) => (v === null ? '–' : d.unit === 'minutes' ? dur(v) : d.unit === 'ratio' ? pct(v) : String(v));
  const rows = diffs.map((d) => {
    const change = d.change === null ? '–' : `${d.change > 0 ? '+' : d.change < 0 ? '−' : '±'}${fmt(d, Math.abs(d.change))}`;
    return [d.figure, fmt(d, d.baseline), fmt(d, d.scenario), change, d.change === null ? '' : verdict(d)];
  });
  const head = ['figure', 'baseline', label, 'change', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((x, i) => (i === 0 ? pad(x, widths[i]!) : padStart(x, widths[i]!))).join('  ').trimEnd();
  const L = [c.bold(`${base.process}: baseline vs ${label}`) + c.dim(` — ${num(base.cases)} cases each, seed ${base.seed}`), c.dim(method(base)), '', c.bold(line(head))];
  rows.forEach((r, i) => {
    const d = diffs[i]!;
    // Only a significant change is coloured better or worse; the rest may be noise.
    const better = !d.significant || d.change === null || d.change === 0 ? undefined : d.figure === 'throughput' || d.figure === 'efficiency' ? d.change > 0 : d.change < 0;
    const txt = line(r);
    L.push(better === undefined ? c.dim(txt) : better ? c.green(txt) : c.red(txt));
  });
  return L.join('\n') + '\n';
}

/** Markdown version of the comparison. */
export function compareMarkdown(base: SimulationReport, scen: SimulationReport, label: string): string {
  const diffs = differences(base, scen);
  const fmt = (d: Difference, v: number | null) => (v === null ? '–' : d.unit === 'minutes' ? dur(v) : d.unit === 'ratio' ? pct(v) : String(v));
  const L = [`# ${mdText(base.process)}: baseline vs ${mdText(label)}`, '', `${mdText(method(base))}.`, '', '| Figure | Baseline | Scenario | Change | Significant |', '|---|---:|---:|---:|---|'];
  for (const d of diffs) {
    const flag = d.change === null ? '–' : d.significant === null ? 'not tested (1 run)' : d.significant ? 'yes' : 'no';
    L.push(`| ${mdText(d.figure)} | ${fmt(d, d.baseline)} | ${fmt(d, d.scenario)} | ${d.change === null ? '–' : (d.change > 0 ? '+' : '') + fmt(d, d.change).replace(/^-?/, d.change < 0 ? '−' : '')} | ${flag} |`);
  }
  return L.join('\n') + '\n';
}
