/**
 * Turns a simulation report into a terminal report, a Markdown workshop handout and a
 * baseline-versus-scenario comparison. Pure functions: the CLI prints what they return.
 */
import stringWidth from 'string-width';
import { localize, t, type Lang, type MessageId } from '../i18n/index.js';
import { minutesIn } from '../i18n/duration.js';
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

// Padded by display width, so Chinese labels line up too.
function pad(s: string, n: number): string {
  const w = stringWidth(s);
  return w >= n ? s : s + ' '.repeat(n - w);
}
function padStart(s: string, n: number): string {
  const w = stringWidth(s);
  return w >= n ? s : ' '.repeat(n - w) + s;
}

/** The words of a report in `lang`: messages and durations. */
function wordsIn(lang: Lang) {
  return { tr: (id: MessageId, params: Record<string, string | number> = {}) => t(lang, id, params), dur: (m: number) => minutesIn(lang, m) };
}

/** A simulation warning in `lang` (a worker thread's warnings were remembered when they came back). */
export function warningIn(lang: Lang, text: string): string {
  return localize(text, lang);
}

/** An SLA's `within:` as the user wrote it (`8h` → `8 小时`), keeping its unit. */
function writtenIn(lang: Lang, text: string): string {
  if (lang === 'en') return text;
  return text.replace(/^(-?[\d.,]+)([wdhm])$/, (whole, n: string, unit: 'w' | 'd' | 'h' | 'm') => t(lang, `unit.${unit}`, { n }));
}

/** The SLA's clock: `hours`, `calendar days`, `working hours, workdays`. */
function clockIn(lang: Lang, unit: string): string {
  if (lang === 'en') return unit;
  const word = (w: string) => (['minutes', 'hours', 'days', 'weeks', 'time'].includes(w) ? t(lang, `sim.unit.${w}` as MessageId) : w);
  const working = /^working (\w+), (.+)$/.exec(unit);
  if (working) return t(lang, 'sim.unit.working', { unit: word(working[1]!), calendar: working[2]! });
  const calendar = /^calendar (\w+)$/.exec(unit);
  if (calendar) return t(lang, 'sim.unit.calendar', { unit: word(calendar[1]!) });
  return word(unit);
}

/** Histogram rows with bins doubling in width (the report's bins grow by √2). */
export function histogramRows(r: SimulationReport, lang: Lang = 'en'): Array<{ label: string; count: number }> {
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
  return rows.map((x) => ({ label: `≤ ${minutesIn(lang, x.upTo)}`, count: x.count }));
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

export function textReport(r: SimulationReport, paint: Paint = plain, outcomeNames: OutcomeNames = {}, lang: Lang = 'en'): string {
  const c = paint;
  const { tr, dur } = wordsIn(lang);
  const L: string[] = [];
  const ci = r.ci95;
  L.push(
    c.bold(`${r.process}`) +
      c.dim(
        ` — ${tr('sim.header', { cases: num(r.cases), runs: r.runs > 1 ? tr('sim.inRuns', { n: r.runs }) : '', seed: r.seed, warmup: r.warmup ? tr('sim.warmup', { n: num(r.warmup) }) : '', start: r.window.start.slice(0, 10), end: r.window.end.slice(0, 10) })}`,
      ),
  );
  L.push('');
  const ct = r.cycleTime;
  L.push(
    `${pad(tr('sim.cycleTime'), 13)}${tr('sim.mean')} ${c.bold(dur(ct.mean))}${pm(ci?.cycleTime.mean, dur)}   p50 ${dur(ct.p50)}${pm(ci?.cycleTime.p50, dur)}   p90 ${c.bold(dur(ct.p90))}${pm(ci?.cycleTime.p90, dur)}   p95 ${dur(ct.p95)}   ${tr('sim.max')} ${dur(ct.max)}`,
  );
  L.push(`${pad(tr('sim.throughput'), 13)}${tr('sim.perDay', { n: r.throughput })}${pm(ci?.throughput, String)}    ${tr('sim.efficiency')} ${pct(r.efficiency)}${pm(ci?.efficiency, (x) => pct(x))} ${c.dim(tr('sim.efficiencyNote'))}`);
  const total = Object.values(r.outcomes).reduce((a, b) => a + b, 0);
  L.push(`${pad(tr('sim.outcomes'), 13)}${Object.entries(r.outcomes).map(([k, v]) => `${outcomeLabel(k, outcomeNames)} ${num(v)} (${pct(total ? v / total : 0)})`).join('   ') || tr('sim.none')}`);
  if (r.stopped.cases > 0) L.push(`${pad(tr('sim.stopped'), 13)}${c.red(tr('sim.cases', { n: num(r.stopped.cases) }))} ${c.dim(tr('sim.seeWarnings'))}`);
  const busiest = [...r.roles].sort((a, b) => b.utilisation - a.utilisation)[0];
  if (busiest && busiest.utilisation > 0) {
    const queue = r.steps.filter((s) => s.role === busiest.role && s.count > 0).sort((a, b) => b.waiting.mean * b.count - a.waiting.mean * a.count)[0];
    L.push(
      `${pad(tr('sim.bottleneck'), 13)}${tr('sim.busy', { role: c.bold(busiest.role), pct: pct(busiest.utilisation) })}` +
        (queue ? c.dim(tr('sim.longestQueue', { step: `${queue.process}/${queue.step}`, wait: dur(queue.waiting.mean) })) : ''),
    );
  }

  const hist = histogramRows(r, lang);
  if (hist.length) {
    L.push('', c.bold(tr('sim.histogram')));
    const max = Math.max(...hist.map((h) => h.count));
    const w = Math.max(...hist.map((h) => stringWidth(h.label)));
    for (const h of hist) L.push(`  ${padStart(h.label, w)} ${c.cyan(bar(max ? h.count / max : 0, 30))} ${num(h.count)}`);
  }

  const top = bottlenecks(r);
  if (top.length) {
    L.push('', c.bold(tr('sim.whereTime')) + c.dim(tr('sim.whereTimeNote')));
    const names = top.map((s) => `${s.process}/${s.step}`);
    const w = Math.max(...names.map((n) => stringWidth(n)));
    const maxShare = Math.max(...top.map((s) => s.share), 0.0001);
    top.forEach((s, i) => {
      L.push(
        `  ${pad(names[i]!, w)} ${c.yellow(bar(s.share / maxShare, 20))} ${padStart(pct(s.share), 7)}  ${tr('sim.wait')} ${pad(dur(s.waiting.mean), 6)} ${tr('sim.work')} ${pad(dur(s.working.mean), 6)} ${c.dim(`×${num(s.count)}${s.role ? `  ${s.role}` : ''}`)}`,
      );
      // A multi-approver step: each approver's own queue and work, and the requests withdrawn.
      for (const a of approverRows(r, s)) {
        L.push(
          `  ${pad(`  · ${a.approver}`, w)} ${' '.repeat(29)}${tr('sim.wait')} ${pad(dur(a.waiting.mean), 6)} ${tr('sim.work')} ${pad(dur(a.working.mean), 6)} ${c.dim(`×${num(a.count)}${a.withdrawn ? `  ${tr('sim.withdrawn', { n: num(a.withdrawn) })}` : ''}`)}`,
        );
      }
    });
  }

  if (r.roles.length) {
    L.push('', c.bold(tr('sim.roles')) + c.dim(tr('sim.rolesNote', { start: r.utilisationWindow.start.slice(0, 10), end: r.utilisationWindow.end.slice(0, 10) })));
    const roles = [...r.roles].sort((a, b) => b.utilisation - a.utilisation || a.role.localeCompare(b.role));
    const w = Math.max(...roles.map((x) => x.role.length + String(x.headcount).length + 3));
    for (const x of roles) {
      const color = x.utilisation >= 0.85 ? c.red : x.utilisation >= 0.7 ? c.yellow : c.green;
      L.push(`  ${pad(`${x.role} (${x.headcount})`, w)} ${color(bar(x.utilisation, 20))} ${padStart(pct(x.utilisation), 7)}${pm(x.utilisationCi95, (v) => pct(v))}`);
    }
  }

  if (r.pools?.length) {
    L.push('', c.bold(tr('sim.pools')) + c.dim(tr('sim.poolsNote')));
    const w = Math.max(...r.pools.map((p) => p.process.length + p.step.length + 1));
    for (const p of r.pools) {
      L.push(
        `  ${pad(`${p.process}/${p.step}`, w)} ${tr('sim.poolLine', { mean: p.size.mean, p90: p.size.p90, max: p.size.max, inMean: dur(p.timeInPool.mean), inP90: dur(p.timeInPool.p90), claims: num(p.claims), recycles: num(p.recycles) })} ${c.dim(`(${p.claimedBy}${p.limit !== null ? tr('sim.poolLimit', { n: p.limit }) : ''})`)}`,
      );
    }
  }

  if (r.slas.length) {
    L.push('', c.bold(tr('sim.slas')));
    const w = Math.max(...r.slas.map((s) => s.process.length + s.step.length + 1));
    for (const s of r.slas) {
      const color = s.rate > 0.1 ? c.red : s.rate > 0.02 ? c.yellow : c.green;
      L.push(
        `  ${pad(`${s.process}/${s.step}`, w)} ${tr('sim.within')} ${pad(`${writtenIn(lang, s.within)} ${c.dim(`(${clockIn(lang, s.unit)})`)}`, 5)} ${color(tr('sim.breached', { n: num(s.breached), total: num(s.entered), pct: pct(s.rate) }))}${pm(s.rateCi95, (v) => pct(v))}${s.interrupting ? '' : c.dim(`  ${tr('sim.measuredOnly')}`)}`,
      );
    }
  }

  if (r.kpis.length) {
    L.push('', c.bold(tr('sim.kpis')));
    const w = Math.max(...r.kpis.map((k) => k.id.length));
    for (const k of r.kpis) {
      const mark = k.value === null ? c.dim('·') : k.met ? c.green('✓') : c.red('✗');
      const value = k.value === null ? tr('sim.noCase') : `${k.statistic} ${dur(k.value)}${pm(k.valueCi95, dur)}`;
      L.push(`  ${mark} ${pad(k.id, w)} ${pad(value, 16)} ${tr('sim.target')} ${k.statistic} ${dur(k.target)} ${c.dim(tr('sim.casesParen', { n: num(k.count) }))}`);
    }
  }

  if (r.conditionErrors?.length) L.push('', conditionErrorsText(r.conditionErrors, c, lang).trimEnd());

  if (r.warnings.length) {
    L.push('', c.bold(tr('sim.warnings')));
    for (const w of r.warnings) L.push(`  ${c.yellow('!')} ${warningIn(lang, w)}`);
  }
  return L.join('\n') + '\n';
}

/** Conditions that failed on data rows: step, condition, rows and the first error. */
export function conditionErrorsText(errors: ConditionError[], paint: Paint = plain, lang: Lang = 'en'): string {
  const c = paint;
  const { tr } = wordsIn(lang);
  const L = [c.bold(tr('sim.conditionErrors')) + c.dim(tr('sim.conditionErrorsNote'))];
  for (const e of errors) {
    L.push(`  ${c.red('✖')} ${tr(e.rows === 1 ? 'sim.failedOn.one' : 'sim.failedOn.other', { step: `${e.process}/${e.step}`, condition: JSON.stringify(e.condition), n: num(e.rows) })}`);
    L.push(`      ${c.dim(e.firstError)}`);
  }
  return L.join('\n') + '\n';
}

/** The same as a Markdown table. */
export function conditionErrorsMarkdown(errors: ConditionError[], lang: Lang = 'en'): string {
  const { tr } = wordsIn(lang);
  const L = [`## ${tr('sim.conditionErrors')}`, '', tr('sim.conditionErrorsMd'), '', `| ${['sim.md.step', 'sim.md.condition', 'sim.md.rows', 'sim.md.firstError'].map((i) => tr(i as MessageId)).join(' | ')} |`, '|---|---|---:|---|'];
  for (const e of errors) L.push(`| ${mdText(`${e.process}/${e.step}`)} | ${mdText(e.condition)} | ${num(e.rows)} | ${mdText(e.firstError)} |`);
  return L.join('\n') + '\n';
}

/** A Markdown handout for a workshop: the same figures as tables. */
/** User text in a Markdown table cell: markup characters escaped, one line. */
export function mdText(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]{}()<>#+!|~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

export function markdownReport(r: SimulationReport, outcomeNames: OutcomeNames = {}, lang: Lang = 'en'): string {
  const { tr, dur } = wordsIn(lang);
  const L: string[] = [];
  const ci = r.ci95;
  L.push(`# ${tr('sim.md.title', { process: mdText(r.process) })}`, '');
  L.push(tr('sim.md.intro', { cases: num(r.cases), runs: r.runs > 1 ? tr('sim.md.inRuns', { n: r.runs }) : '', seed: r.seed, start: r.window.start.slice(0, 10), end: r.window.end.slice(0, 10) }), '');
  L.push(`| ${tr('sim.md.figure')} | ${tr('sim.md.value')} |`, '|---|---|');
  const ct = r.cycleTime;
  L.push(`| ${tr('sim.md.cycleMean')} | ${dur(ct.mean)}${pm(ci?.cycleTime.mean, dur)} |`);
  L.push(`| ${tr('sim.md.cycleQuantiles')} | ${dur(ct.p50)} / ${dur(ct.p90)}${pm(ci?.cycleTime.p90, dur)} / ${dur(ct.p95)} |`);
  L.push(`| ${tr('sim.md.longest')} | ${dur(ct.max)} |`);
  L.push(`| ${tr('sim.throughput')} | ${tr('sim.perDay', { n: r.throughput })} |`);
  L.push(`| ${tr('sim.md.efficiency')} | ${pct(r.efficiency)} |`);
  for (const [k, v] of Object.entries(r.outcomes)) L.push(`| ${tr('sim.md.outcome', { outcome: `*${mdText(outcomeLabel(k, outcomeNames))}*` })} | ${num(v)} |`);
  if (r.stopped.cases) L.push(`| ${tr('sim.md.stopped')} | ${num(r.stopped.cases)} |`);
  const head = (...ids: MessageId[]) => `| ${ids.map((i) => tr(i)).join(' | ')} |`;
  L.push('', `## ${tr('sim.whereTime')}`, '', head('sim.md.step', 'sim.md.role', 'sim.md.cases', 'sim.md.waiting', 'sim.md.working', 'sim.md.share'), '|---|---|---:|---|---|---:|');
  for (const s of bottlenecks(r, 15)) {
    L.push(`| ${mdText(`${s.process}/${s.step}`)} | ${mdText(s.role ?? '')} | ${num(s.count)} | ${dur(s.waiting.mean)} / ${dur(s.waiting.p90)} | ${dur(s.working.mean)} / ${dur(s.working.p90)} | ${pct(s.share)} |`);
    for (const a of approverRows(r, s)) {
      L.push(`| ${mdText(`  · ${a.approver}`)} | ${mdText(a.role ?? '')} | ${num(a.count)}${a.withdrawn ? tr('sim.withdrawnMd', { n: num(a.withdrawn) }) : ''} | ${dur(a.waiting.mean)} / ${dur(a.waiting.p90)} | ${dur(a.working.mean)} / ${dur(a.working.p90)} | |`);
    }
  }
  if (r.pools?.length) {
    L.push('', `## ${tr('sim.pools')}`, '', head('sim.md.pool', 'sim.md.claimedBy', 'sim.md.poolSize', 'sim.md.timeInPool', 'sim.md.claims', 'sim.md.recycled'), '|---|---|---|---|---:|---:|');
    for (const p of r.pools) L.push(`| ${mdText(`${p.process}/${p.step}`)} | ${mdText(p.claimedBy)}${p.limit !== null ? tr('sim.md.limit', { n: p.limit }) : ''} | ${p.size.mean} / ${p.size.p90} / ${p.size.max} | ${dur(p.timeInPool.mean)} / ${dur(p.timeInPool.p90)} | ${num(p.claims)} | ${num(p.recycles)} |`);
  }
  if (r.roles.length) {
    L.push('', `## ${tr('sim.roles')}`, '', tr('sim.md.rolesIntro', { start: r.utilisationWindow.start.slice(0, 10), end: r.utilisationWindow.end.slice(0, 10) }), '', head('sim.md.role', 'sim.md.headcount', 'sim.md.utilisation'), '|---|---:|---:|');
    for (const x of [...r.roles].sort((a, b) => b.utilisation - a.utilisation)) L.push(`| ${mdText(x.name)} | ${x.headcount} | ${pct(x.utilisation)}${pm(x.utilisationCi95, (v) => pct(v))} |`);
  }
  if (r.slas.length) {
    L.push('', `## ${tr('sim.slas')}`, '', head('sim.md.step', 'sim.md.within', 'sim.md.breached', 'sim.md.rate'), '|---|---|---:|---:|');
    for (const s of r.slas) L.push(`| ${mdText(`${s.process}/${s.step}`)} | ${writtenIn(lang, s.within)} (${mdText(clockIn(lang, s.unit))}) | ${tr('sim.md.of', { n: num(s.breached), total: num(s.entered) })} | ${pct(s.rate)} |`);
  }
  if (r.kpis.length) {
    L.push('', `## ${tr('sim.kpis')}`, '', head('sim.md.kpi', 'sim.md.simulated', 'sim.md.target', 'sim.md.met'), '|---|---|---|---|');
    for (const k of r.kpis) L.push(`| ${mdText(k.name)} | ${k.value === null ? '–' : `${k.statistic} ${dur(k.value)}`} | ${k.statistic} ${dur(k.target)} | ${k.value === null ? '–' : k.met ? tr('sim.md.yes') : tr('sim.md.no')} |`);
  }
  if (r.conditionErrors?.length) L.push('', conditionErrorsMarkdown(r.conditionErrors, lang).trimEnd());
  if (r.warnings.length) {
    L.push('', `## ${tr('sim.warnings')}`, '');
    for (const w of r.warnings) L.push(`- ${mdText(warningIn(lang, w))}`);
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
export function verdict(d: Pick<Difference, 'significant'>, lang: Lang = 'en'): string {
  return t(lang, d.significant === null ? 'cmp.notTested' : d.significant ? 'cmp.significant' : 'cmp.notSignificant');
}

/** The line under a comparison that says how it was made. */
function method(base: SimulationReport, lang: Lang): string {
  return base.runs > 1 ? t(lang, 'cmp.methodRuns', { runs: base.runs }) : t(lang, 'cmp.methodOne');
}

/**
 * A figure's name for readers of `lang`: `cycleTime.p50` → `周期时间 p50`. English keeps the
 * JSON path (it is also what --format json says).
 */
export function figureIn(lang: Lang, figure: string): string {
  if (lang === 'en') return figure;
  let m: RegExpExecArray | null;
  const stat = (x: string) => (x === 'mean' ? t(lang, 'sim.mean') : x);
  if ((m = /^cycleTime\.(\w+)$/.exec(figure))) return t(lang, 'fig.cycleTime', { stat: stat(m[1]!) });
  if (figure === 'throughput') return t(lang, 'fig.throughput');
  if (figure === 'efficiency') return t(lang, 'fig.efficiency');
  if ((m = /^roles\.(.+)\.utilisation$/.exec(figure))) return t(lang, 'fig.utilisation', { role: m[1]! });
  if ((m = /^slas\.(.+)\.rate$/.exec(figure))) return t(lang, 'fig.slaRate', { step: m[1]! });
  if ((m = /^kpis\.(.+)\.(\w+)$/.exec(figure))) return t(lang, 'fig.kpi', { kpi: m[1]!, stat: stat(m[2]!) });
  return figure;
}

/** Baseline and scenario side by side, with the change and whether it is significant. */
export function compareText(base: SimulationReport, scen: SimulationReport, label: string, paint: Paint = plain, lang: Lang = 'en'): string {
  const c = paint;
  const { tr, dur } = wordsIn(lang);
  const diffs = differences(base, scen);
  const fmt = (d: Difference, v: number | null) => (v === null ? '–' : d.unit === 'minutes' ? dur(v) : d.unit === 'ratio' ? pct(v) : String(v));
  const rows = diffs.map((d) => {
    const change = d.change === null ? '–' : `${d.change > 0 ? '+' : d.change < 0 ? '−' : '±'}${fmt(d, Math.abs(d.change))}`;
    return [figureIn(lang, d.figure), fmt(d, d.baseline), fmt(d, d.scenario), change, d.change === null ? '' : verdict(d, lang)];
  });
  const head = [tr('cmp.figure'), tr('cmp.baseline'), label, tr('cmp.change'), ''];
  const widths = head.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]!))));
  const line = (r: string[]) => r.map((x, i) => (i === 0 ? pad(x, widths[i]!) : padStart(x, widths[i]!))).join('  ').trimEnd();
  const L = [c.bold(tr('cmp.title', { process: base.process, label })) + c.dim(tr('cmp.each', { cases: num(base.cases), seed: base.seed })), c.dim(method(base, lang)), '', c.bold(line(head))];
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
export function compareMarkdown(base: SimulationReport, scen: SimulationReport, label: string, lang: Lang = 'en'): string {
  const { tr, dur } = wordsIn(lang);
  const diffs = differences(base, scen);
  const fmt = (d: Difference, v: number | null) => (v === null ? '–' : d.unit === 'minutes' ? dur(v) : d.unit === 'ratio' ? pct(v) : String(v));
  const end = lang === 'en' ? '.' : '。';
  const L = [`# ${tr('cmp.title', { process: mdText(base.process), label: mdText(label) })}`, '', `${mdText(method(base, lang))}${end}`, '', `| ${(['cmp.md.figure', 'cmp.md.baseline', 'cmp.md.scenario', 'cmp.md.change', 'cmp.md.significant'] as const).map((i) => tr(i)).join(' | ')} |`, '|---|---:|---:|---:|---|'];
  for (const d of diffs) {
    const flag = d.change === null ? '–' : d.significant === null ? tr('cmp.notTested') : d.significant ? tr('cmp.yes') : tr('cmp.no');
    L.push(`| ${mdText(figureIn(lang, d.figure))} | ${fmt(d, d.baseline)} | ${fmt(d, d.scenario)} | ${d.change === null ? '–' : (d.change > 0 ? '+' : '') + fmt(d, d.change).replace(/^-?/, d.change < 0 ? '−' : '')} | ${flag} |`);
  }
  return L.join('\n') + '\n';
}
