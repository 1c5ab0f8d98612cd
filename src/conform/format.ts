/**
 * The conformance report as text (terminal) and Markdown (a handout, a PR comment). JSON is the
 * report object itself.
 */
import type { ChalkInstance } from 'chalk';
import type { ConformanceReport, Deviation } from './index.js';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const fit = (x: number) => x.toFixed(3);

function timestampsNote(r: ConformanceReport): string {
  return r.timestamps === 'start-end'
    ? 'start and end times per event'
    : 'one timestamp per event (e.g. stage-entry times): a "duration" would mix waiting and work';
}

function stepLabel(r: ConformanceReport, key: string | undefined): string {
  if (key === undefined) return '';
  const s = r.steps.find((x) => x.step === key);
  return s && s.name !== key ? `${s.name} (${key})` : key;
}

/** One line per deviation, in the user's words. */
export function describeDeviation(r: ConformanceReport, d: Deviation): string {
  const where = `at event ${d.at + 1}`;
  if (d.kind === 'skipped') return `skipped "${stepLabel(r, d.step)}" (due before event ${d.at + 1})`;
  if (d.kind === 'wrong-order') return `"${d.activity}" in the wrong order ${where} (step ${stepLabel(r, d.step)})`;
  return d.step === undefined ? `"${d.activity}" ${where} is no step of the process` : `"${d.activity}" inserted ${where}: the process does not allow it there (step ${stepLabel(r, d.step)})`;
}

export interface FormatOptions {
  /** Deviations listed at most (all are counted). */
  maxDeviations?: number;
  minFitness?: number;
}

function gate(r: ConformanceReport, min: number | undefined): string | undefined {
  if (min === undefined) return undefined;
  const low = Math.min(r.fitness.tokenReplay, r.fitness.alignment);
  return low < min ? `below --min-fitness ${min}` : `at least --min-fitness ${min}`;
}

export function conformText(r: ConformanceReport, c: ChalkInstance, options: FormatOptions = {}): string {
  const max = options.maxDeviations ?? 20;
  const lines: string[] = [];
  lines.push(c.bold(`Conformance of ${r.process} to ${r.log}`));
  lines.push(`${r.cases} cases, ${r.events} events; ${timestampsNote(r)}`);
  const g = gate(r, options.minFitness);
  const low = Math.min(r.fitness.tokenReplay, r.fitness.alignment);
  const colour = options.minFitness !== undefined && low < options.minFitness ? c.red : c.green;
  lines.push(`Fitness: token replay ${colour(fit(r.fitness.tokenReplay))}, alignments ${colour(fit(r.fitness.alignment))}${g ? ` (${g})` : ''}`);
  lines.push(`Fitting cases: ${r.fittingCases} of ${r.cases} (${pct(r.cases ? r.fittingCases / r.cases : 1)})`);
  if (r.unaligned.length) lines.push(c.yellow(`${r.unaligned.length} case(s) too large to align, left out of the alignment figures: ${r.unaligned.slice(0, 5).join(', ')}`));
  lines.push('');
  const rows = r.steps.map((s) => [s.name, String(s.observed), String(s.skipped), String(s.inserted), String(s.wrongOrder), String(s.reworked)]);
  const head = ['Step', 'observed', 'skipped', 'inserted', 'wrong order', 'reworked'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const row = (cells: string[]) => cells.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  lines.push(c.bold(row(head)));
  for (const r2 of rows) lines.push(row(r2));
  if (r.deviations.length) {
    lines.push('', c.bold(`Deviations (${r.deviations.length}${r.deviations.length > max ? `, first ${max}` : ''}):`));
    for (const d of r.deviations.slice(0, max)) lines.push(`  ${d.case}: ${describeDeviation(r, d)}`);
  }
  if (r.unmapped.length) {
    lines.push('', c.bold('Activities no step stands for (each occurrence counts as inserted):'));
    for (const u of r.unmapped) lines.push(`  "${u.activity}"  ${u.count} event${u.count === 1 ? '' : 's'}`);
    lines.push(c.dim('  name them in a step with activity: "<name>" (or a list) if a step stands for them'));
  }
  for (const a of r.ambiguous) lines.push(c.yellow(`"${a.activity}" matches several steps (${a.steps.join(', ')}); the first is used — add activity: to one of them`));
  return lines.join('\n');
}

const md = (s: string) => s.replace(/\|/g, '\\|');

export function conformMarkdown(r: ConformanceReport, options: FormatOptions = {}): string {
  const max = options.maxDeviations ?? 50;
  const out: string[] = [];
  out.push(`## Conformance of ${r.process} to ${md(r.log)}`, '');
  out.push(`${r.cases} cases, ${r.events} events; ${timestampsNote(r)}.`, '');
  const g = gate(r, options.minFitness);
  out.push('| measure | value |', '|---|---:|');
  out.push(`| token-replay fitness | ${fit(r.fitness.tokenReplay)} |`, `| alignment fitness | ${fit(r.fitness.alignment)} |`);
  out.push(`| fitting cases | ${r.fittingCases} of ${r.cases} (${pct(r.cases ? r.fittingCases / r.cases : 1)}) |`);
  if (g) out.push(`| gate | ${g} |`);
  out.push('', '| step | observed | skipped | inserted | wrong order | reworked |', '|---|---:|---:|---:|---:|---:|');
  for (const s of r.steps) out.push(`| ${md(s.name)} | ${s.observed} | ${s.skipped} | ${s.inserted} | ${s.wrongOrder} | ${s.reworked} |`);
  if (r.deviations.length) {
    out.push('', `### Deviations (${r.deviations.length}${r.deviations.length > max ? `, first ${max}` : ''})`, '');
    for (const d of r.deviations.slice(0, max)) out.push(`- \`${md(d.case)}\`: ${md(describeDeviation(r, d))}`);
  }
  if (r.unmapped.length) {
    out.push('', '### Activities no step stands for', '', '| activity | events |', '|---|---:|');
    for (const u of r.unmapped) out.push(`| ${md(u.activity)} | ${u.count} |`);
  }
  return out.join('\n');
}
