/** The quarterly review as Markdown (for a wiki page, an issue or a slide). Pure. */
import { code, md, processBullets } from './format.js';
import type { ReviewProcess, ReviewReport } from './review.js';
import { change, minutes } from './words.js';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '–');

function ctCell(p: ReviewProcess): string {
  const ct = p.change?.cycleTime;
  if (!ct) return '–';
  return `${minutes(ct.before?.p90)} → ${minutes(ct.after?.p90)} ${change(ct.before?.p90, ct.after?.p90)}`.trim();
}

/** The review report as Markdown: summary first, then one section per process. */
export function formatReviewMarkdown(r: ReviewReport): string {
  const s = r.summary;
  const out: string[] = [`# Process review: ${md(r.since)} → ${md(r.until)}`, ''];
  out.push(
    `${s.commits} commit${s.commits === 1 ? '' : 's'} by ${s.authors.length} author${s.authors.length === 1 ? '' : 's'} changed the processes, ` +
      `from ${r.from ? `${code(r.from.commit.slice(0, 7))} (${day(r.from.date)})` : 'the first commit'} to ${code(r.to.commit.slice(0, 7))} (${day(r.to.date)}).`,
    '',
  );
  out.push('## Summary', '');
  const pc = s.processes;
  out.push(`- **Processes:** ${pc.added} added, ${pc.removed} removed, ${pc.changed} changed${pc.unchanged ? `, ${pc.unchanged} edited and back to where they were` : ''}.`);
  out.push(`- **Findings:** ${s.lint.introduced} introduced, ${s.lint.resolved} resolved.`);
  if (s.mostChanged.length) out.push(`- **Changed most:** ${s.mostChanged.map((m) => `${code(m.id)} (${m.commits} commit${m.commits === 1 ? '' : 's'}, ${m.stepChanges} step and flow change${m.stepChanges === 1 ? '' : 's'})`).join(', ')}.`);
  const moved = (list: typeof s.slower) => list.map((m) => `${code(m.id)} p90 ${minutes(m.before.p90)} → ${minutes(m.after.p90)} (${change(m.before.p90, m.after.p90)})`).join(', ');
  if (s.slower.length) out.push(`- **Slower:** ${moved(s.slower)}.`);
  if (s.faster.length) out.push(`- **Faster:** ${moved(s.faster)}.`);
  out.push('');
  if (r.processes.length === 0) {
    out.push('No process changed in this period.');
    return out.join('\n') + '\n';
  }
  const withCt = r.processes.some((p) => p.trend);
  out.push(`| Process | Net change | Commits | Steps | Findings |${withCt ? ' Cycle time p90 |' : ''}`, `|---|---|---|---|---|${withCt ? '---|' : ''}`);
  for (const p of r.processes) {
    const steps = p.change ? (p.change.status === 'changed' ? String(p.change.steps.length) : `${p.change.steps.length} ${p.change.status}`) : '–';
    const lint = p.lint.introduced.length || p.lint.resolved.length ? `+${p.lint.introduced.length} −${p.lint.resolved.length}` : '–';
    out.push(`| ${code(p.id)} ${p.name !== p.id ? md(p.name) : ''} | ${p.status} | ${p.commits.length} | ${steps} | ${lint} |${withCt ? ` ${ctCell(p)} |` : ''}`);
  }
  out.push('');
  for (const p of r.processes) {
    out.push(`## ${code(p.id)}${p.name !== p.id ? ` ${md(p.name)}` : ''}`, '', `${p.status} · ${p.layer} · ${code(p.file)}`, '');
    if (p.commits.length) {
      out.push('| Commit | Date | Author | Subject |', '|---|---|---|---|');
      for (const c of p.commits) out.push(`| ${code(c.hash.slice(0, 7))} | ${day(c.date)} | ${md(c.author)} | ${md(c.subject)} |`);
      out.push('');
    }
    if (p.change) out.push('**Net change over the period:**', '', ...processBullets(p.change), '');
    else out.push('No net change: the commits of the period cancel out.', '');
    if (p.trend?.length) {
      out.push('**Simulated cycle time after each commit:**', '', '| Commit | Date | p50 | p90 |', '|---|---|---|---|');
      for (const t of p.trend) out.push(`| ${t.commit === 'start' ? 'start of period' : code(t.commit)} | ${day(t.date)} | ${minutes(t.p50)} | ${minutes(t.p90)} |`);
      out.push('');
    }
  }
  return out.join('\n').trimEnd() + '\n';
}
