/**
 * `--chart out.svg`: the cycle-time histogram and the bottleneck list as one SVG file,
 * written by hand (a few rectangles and labels need no charting library).
 */
import { minutesIn } from '../i18n/duration.js';
import { t, type Lang } from '../i18n/index.js';
import { escapeXml } from '../model/escape.js';
import { bottlenecks, histogramRows } from './format.js';
import type { SimulationReport } from './types.js';


export function chartSvg(r: SimulationReport, lang: Lang = 'en'): string {
  const formatDuration = (m: number) => minutesIn(lang, m);
  const hist = histogramRows(r, lang);
  const top = bottlenecks(r, 10);
  const W = 900;
  const histH = 260;
  const rowH = 22;
  const H = 60 + histH + 70 + top.length * rowH + 20;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(`<text x="20" y="28" font-size="16" font-weight="bold">${escapeXml(t(lang, 'chart.title', { process: r.process, n: r.cases.toLocaleString('en-US') }))}</text>`);
  parts.push(`<text x="20" y="46" fill="#555">${escapeXml(t(lang, 'chart.stats', { mean: formatDuration(r.cycleTime.mean), p50: formatDuration(r.cycleTime.p50), p90: formatDuration(r.cycleTime.p90), p95: formatDuration(r.cycleTime.p95) }))}</text>`);
  const max = Math.max(1, ...hist.map((h) => h.count));
  const x0 = 20;
  const y0 = 60;
  const bw = hist.length ? (W - 40) / hist.length : 0;
  hist.forEach((h, i) => {
    const bh = Math.round(((histH - 40) * h.count) / max);
    const x = x0 + i * bw;
    parts.push(`<rect x="${x.toFixed(1)}" y="${y0 + histH - 40 - bh}" width="${Math.max(1, bw - 3).toFixed(1)}" height="${bh}" fill="#3b82f6"><title>${escapeXml(h.label)}: ${h.count}</title></rect>`);
    parts.push(`<text x="${(x + bw / 2).toFixed(1)}" y="${y0 + histH - 24}" text-anchor="middle" font-size="10" fill="#333">${escapeXml(h.label.replace('≤ ', ''))}</text>`);
  });
  let y = y0 + histH + 20;
  parts.push(`<text x="20" y="${y}" font-size="16" font-weight="bold">${escapeXml(t(lang, 'chart.where'))}</text>`);
  y += 16;
  const maxShare = Math.max(0.0001, ...top.map((s) => s.share));
  for (const s of top) {
    y += rowH;
    const w = Math.round(((W - 420) * s.share) / maxShare);
    parts.push(`<text x="20" y="${y - 6}" fill="#333">${escapeXml(`${s.process}/${s.step}`)}</text>`);
    parts.push(`<rect x="330" y="${y - 18}" width="${w}" height="16" fill="#f59e0b"><title>${escapeXml(t(lang, 'chart.tip', { wait: formatDuration(s.waiting.mean), work: formatDuration(s.working.mean) }))}</title></rect>`);
    parts.push(`<text x="${336 + w}" y="${y - 6}" fill="#333">${(s.share * 100).toFixed(1)} %</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
