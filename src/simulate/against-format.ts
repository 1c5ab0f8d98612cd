/** `simulate --against` as text or Markdown, and as an SVG chart (`--chart`). */
import stringWidth from 'string-width';
import { minutesIn } from '../i18n/duration.js';
import { t, type Lang } from '../i18n/index.js';
import { escapeXml } from '../model/escape.js';
import type { AgainstReport } from './against.js';

const minutes = (x: number | null, lang: Lang = 'en') => (x === null ? '—' : lang !== 'en' ? minutesIn(lang, x) : x >= 90 ? `${(x / 60).toFixed(1)}h` : `${x.toFixed(1)}m`);

export function againstText(a: AgainstReport, markdown: boolean, lang: Lang = 'en'): string {
  const head = t(lang, 'against.head', { log: a.log, cases: a.cases, simulated: a.simulatedCases, timestamps: t(lang, a.timestamps === 'start-end' ? 'against.startEnd' : 'against.oneStamp') });
  const figures = [t(lang, 'against.cycleDistance', { d: a.cycleTimeDistance.toFixed(2) }), t(lang, 'against.ngram', { d: a.ngram3Distance.toFixed(3) })];
  const rows = a.steps.map((s) => [s.step, s.log.perCase.toFixed(2), s.simulated.perCase.toFixed(2), minutes(s.log.meanDuration, lang), minutes(s.simulated.meanDuration, lang)]);
  const header = (['against.step', 'against.perCaseLog', 'against.perCaseSim', 'against.meanLog', 'against.meanSim'] as const).map((id) => t(lang, id));
  if (markdown) {
    return [`## ${head}`, '', ...figures.map((f) => `- ${f}`), '', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i]!))));
  const fill = (c: string, n: number) => ' '.repeat(Math.max(0, n - stringWidth(c)));
  const line = (r: string[]) => '  ' + r.map((c, i) => (i === 0 ? c + fill(c, widths[i]!) : fill(c, widths[i]!) + c)).join('  ');
  return [head, ...figures.map((f) => `  ${f}`), '', line(header), ...rows.map(line)].join('\n');
}

/** Cycle-time histograms (1-hour bins, share of cases) of the log and the simulation, overlaid, and per-step mean durations as paired bars. */
export function againstSvg(a: AgainstReport, lang: Lang = 'en'): string {
  const W = 720;
  const H1 = 220;
  const bins = (xs: number[], n: number) => {
    const out = new Array<number>(n).fill(0);
    for (const x of xs) out[Math.min(n - 1, Math.floor(x))]! += 1 / Math.max(1, xs.length);
    return out;
  };
  const all = [...a.cycleTimes.log, ...a.cycleTimes.simulated].sort((x, y) => x - y);
  const n = Math.max(1, Math.min(200, Math.ceil(all[Math.floor(all.length * 0.99)] ?? 1) + 1));
  const lb = bins(a.cycleTimes.log, n);
  const sb = bins(a.cycleTimes.simulated, n);
  const top = Math.max(...lb, ...sb, 1e-9);
  const x0 = 50;
  const bw = (W - x0 - 20) / n;
  const y = (v: number) => 30 + (H1 - 50) * (1 - v / top);
  const path = (b: number[]) => b.map((v, i) => `${i === 0 ? 'M' : 'L'}${(x0 + i * bw).toFixed(1)},${y(v).toFixed(1)}L${(x0 + (i + 1) * bw).toFixed(1)},${y(v).toFixed(1)}`).join('');
  const steps = a.steps.filter((s) => s.log.meanDuration !== null || s.simulated.meanDuration !== null);
  const most = Math.max(1e-9, ...steps.flatMap((s) => [s.log.meanDuration ?? 0, s.simulated.meanDuration ?? 0]));
  const rowH = 22;
  const H = H1 + 40 + steps.length * rowH + 20;
  const labelW = 230;
  const bar = (v: number | null) => ((v ?? 0) / most) * (W - labelW - 80);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${x0}" y="18" font-size="13">${escapeXml(t(lang, 'against.chartTitle', { log: a.log, d: a.cycleTimeDistance.toFixed(2), g: a.ngram3Distance.toFixed(3) }))}</text>`,
    `<line x1="${x0}" y1="${H1 - 20}" x2="${W - 20}" y2="${H1 - 20}" stroke="#888"/>`,
    `<path d="${path(lb)}" fill="none" stroke="#1f77b4" stroke-width="2"/>`,
    `<path d="${path(sb)}" fill="none" stroke="#ff7f0e" stroke-width="2" stroke-dasharray="4 2"/>`,
    `<text x="${x0}" y="${H1 - 5}">0</text><text x="${W - 40}" y="${H1 - 5}">${n} h</text>`,
    `<text x="${W - 200}" y="40" fill="#1f77b4">${escapeXml(t(lang, 'against.legendLog'))}</text><text x="${W - 120}" y="40" fill="#ff7f0e">${escapeXml(t(lang, 'against.legendSim'))}</text>`,
    `<text x="10" y="${H1 + 25}" font-size="13">${escapeXml(t(lang, 'against.chartSteps'))}</text>`,
  ];
  steps.forEach((s, i) => {
    const yy = H1 + 40 + i * rowH;
    parts.push(`<text x="10" y="${yy + 12}">${escapeXml(s.step.slice(0, 36))}</text>`);
    parts.push(`<rect x="${labelW}" y="${yy}" width="${bar(s.log.meanDuration).toFixed(1)}" height="8" fill="#1f77b4"/>`);
    parts.push(`<rect x="${labelW}" y="${yy + 9}" width="${bar(s.simulated.meanDuration).toFixed(1)}" height="8" fill="#ff7f0e"/>`);
    parts.push(`<text x="${labelW + Math.max(bar(s.log.meanDuration), bar(s.simulated.meanDuration)) + 6}" y="${yy + 13}">${minutes(s.log.meanDuration, lang)} / ${minutes(s.simulated.meanDuration, lang)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
