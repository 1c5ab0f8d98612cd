/**
 * The conformance report as text (terminal) and Markdown (a handout, a PR comment). JSON is the
 * report object itself.
 */
import type { ChalkInstance } from 'chalk';
import { t, type Lang } from '../i18n/index.js';
import stringWidth from 'string-width';
import type { ConformanceReport, Deviation } from './index.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const fit = (x: number) => x.toFixed(3);

function timestampsNote(r: ConformanceReport, lang: Lang): string {
  return t(lang, r.timestamps === 'start-end' ? 'conf.startEnd' : 'conf.oneStamp');
}

function stepLabel(r: ConformanceReport, key: string | undefined): string {
  if (key === undefined) return '';
  const s = r.steps.find((x) => x.step === key);
  return s && s.name !== key ? `${s.name} (${key})` : key;
}

/** One line per deviation, in the user's words. */
export function describeDeviation(r: ConformanceReport, d: Deviation, lang: Lang = 'en'): string {
  const p = { n: d.at + 1, step: stepLabel(r, d.step), activity: d.activity ?? '' };
  if (d.kind === 'skipped') return t(lang, 'conf.dev.skipped', p);
  if (d.kind === 'wrong-order') return t(lang, 'conf.dev.wrongOrder', p);
  return t(lang, d.step === undefined ? 'conf.dev.noStep' : 'conf.dev.inserted', p);
}

export interface FormatOptions {
  /** Deviations listed at most (all are counted). */
  maxDeviations?: number;
  minFitness?: number;
}

function gate(r: ConformanceReport, min: number | undefined, lang: Lang): string | undefined {
  if (min === undefined) return undefined;
  const low = Math.min(r.fitness.tokenReplay, r.fitness.alignment);
  return t(lang, low < min ? 'conf.below' : 'conf.atLeast', { min });
}

export function conformText(r: ConformanceReport, c: ChalkInstance, options: FormatOptions = {}, lang: Lang = 'en'): string {
  const max = options.maxDeviations ?? 20;
  const lines: string[] = [];
  lines.push(c.bold(t(lang, 'conf.title', { process: r.process, log: r.log })));
  lines.push(t(lang, 'conf.counts', { cases: r.cases, events: r.events, timestamps: timestampsNote(r, lang) }));
  const g = gate(r, options.minFitness, lang);
  const low = Math.min(r.fitness.tokenReplay, r.fitness.alignment);
  const colour = options.minFitness !== undefined && low < options.minFitness ? c.red : c.green;
  lines.push(t(lang, 'conf.fitness', { replay: colour(fit(r.fitness.tokenReplay)), alignment: colour(fit(r.fitness.alignment)), gate: g ? (lang === 'en' ? ` (${g})` : `（${g}）`) : '' }));
  lines.push(t(lang, 'conf.fitting', { n: r.fittingCases, total: r.cases, pct: pct(r.cases ? r.fittingCases / r.cases : 1) }));
  if (r.unaligned.length) lines.push(c.yellow(t(lang, 'conf.unaligned', { n: r.unaligned.length, cases: r.unaligned.slice(0, 5).join(', ') })));
  lines.push('');
  const rows = r.steps.map((s) => [s.name, String(s.observed), String(s.skipped), String(s.inserted), String(s.wrongOrder), String(s.reworked)]);
  const head = HEAD.map((id) => t(lang, id));
  const widths = head.map((h, i) => Math.max(stringWidth(h), ...rows.map((row) => stringWidth(row[i]!))));
  const fill = (x: string, n: number) => ' '.repeat(Math.max(0, n - stringWidth(x)));
  const row = (cells: string[]) => cells.map((x, i) => (i === 0 ? x + fill(x, widths[i]!) : fill(x, widths[i]!) + x)).join('  ').trimEnd();
  lines.push(c.bold(row(head)));
  for (const r2 of rows) lines.push(row(r2));
  if (r.deviations.length) {
    lines.push('', c.bold(t(lang, 'conf.deviations', { n: r.deviations.length, first: r.deviations.length > max ? t(lang, 'conf.first', { n: max }) : '' })));
    for (const d of r.deviations.slice(0, max)) lines.push(`  ${d.case}: ${describeDeviation(r, d, lang)}`);
  }
  if (r.unmapped.length) {
    lines.push('', c.bold(t(lang, 'conf.unmapped')));
    for (const u of r.unmapped) lines.push(`  "${u.activity}"  ${u.count === 1 && lang === 'en' ? '1 event' : t(lang, 'conf.events', { n: u.count })}`);
    lines.push(c.dim(t(lang, 'conf.unmappedHint')));
  }
  for (const a of r.ambiguous) lines.push(c.yellow(t(lang, 'conf.ambiguous', { activity: a.activity, steps: a.steps.join(', ') })));
  return lines.join('\n');
}

const HEAD = ['conf.step', 'conf.observed', 'conf.skipped', 'conf.inserted', 'conf.wrongOrder', 'conf.reworked'] as const;

const md = (s: string) => s.replace(/\|/g, '\\|');

export function conformMarkdown(r: ConformanceReport, options: FormatOptions = {}, lang: Lang = 'en'): string {
  const max = options.maxDeviations ?? 50;
  const out: string[] = [];
  out.push(`## ${t(lang, 'conf.title', { process: r.process, log: md(r.log) })}`, '');
  out.push(`${t(lang, 'conf.counts', { cases: r.cases, events: r.events, timestamps: timestampsNote(r, lang) })}${lang === 'en' ? '.' : '。'}`, '');
  const g = gate(r, options.minFitness, lang);
  out.push(`| ${t(lang, 'conf.md.measure')} | ${t(lang, 'conf.md.value')} |`, '|---|---:|');
  out.push(`| ${t(lang, 'conf.md.replay')} | ${fit(r.fitness.tokenReplay)} |`, `| ${t(lang, 'conf.md.alignment')} | ${fit(r.fitness.alignment)} |`);
  out.push(`| ${t(lang, 'conf.md.fitting')} | ${t(lang, 'conf.md.of', { n: r.fittingCases, total: r.cases, pct: pct(r.cases ? r.fittingCases / r.cases : 1) })} |`);
  if (g) out.push(`| ${t(lang, 'conf.md.gate')} | ${g} |`);
  out.push('', `| ${HEAD.map((id) => (id === 'conf.step' && lang === 'en' ? 'step' : t(lang, id))).join(' | ')} |`, '|---|---:|---:|---:|---:|---:|');
  for (const s of r.steps) out.push(`| ${md(s.name)} | ${s.observed} | ${s.skipped} | ${s.inserted} | ${s.wrongOrder} | ${s.reworked} |`);
  if (r.deviations.length) {
    out.push('', `### ${t(lang, 'conf.deviationsMd', { n: r.deviations.length, first: r.deviations.length > max ? t(lang, 'conf.first', { n: max }) : '' })}`, '');
    for (const d of r.deviations.slice(0, max)) out.push(`- \`${md(d.case)}\`: ${md(describeDeviation(r, d, lang))}`);
  }
  if (r.unmapped.length) {
    out.push('', `### ${t(lang, 'conf.unmappedMd')}`, '', `| ${t(lang, 'conf.md.activity')} | ${t(lang, 'conf.md.events')} |`, '|---|---:|');
    for (const u of r.unmapped) out.push(`| ${md(u.activity)} | ${u.count} |`);
  }
  return out.join('\n');
}
