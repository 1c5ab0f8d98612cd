/** The quarterly review as Markdown (for a wiki page, an issue or a slide). Pure. */
import { because, code, cycleFigure, md, processBullets } from './format.js';
import type { Moved, ReviewCommit, ReviewProcess, ReviewReport } from './review.js';
import { change, minutes } from './words.js';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '–');
const moment = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '–');

function ctCell(p: ReviewProcess): string {
  return p.cycleTime ? cycleFigure(p.cycleTime, 'p90', false) : '–';
}

function commitTable(commits: ReviewCommit[]): string[] {
  const out = ['| Commit | Date | Author | Subject |', '|---|---|---|---|'];
  for (const c of commits) out.push(`| ${code(c.hash.slice(0, 7))}${c.merge ? ' (merge)' : ''} | ${day(c.date)} | ${md(c.author)} | ${md(c.subject)} |`);
  return out;
}

/** The review report as Markdown: summary first, then crmflow.yaml, then one section per process. */
export function formatReviewMarkdown(r: ReviewReport): string {
  const s = r.summary;
  const out: string[] = [`# Process review: ${md(r.since)} → ${md(r.until)}`, ''];
  const bounds =
    r.period.start || r.period.end
      ? `Period ${r.period.start ? moment(r.period.start) : md(r.since)} to ${r.period.end ? `${moment(r.period.end)} (exclusive)` : md(r.until)}, time zone **${md(r.timeZone)}**`
      : `Dates in time zone **${md(r.timeZone)}**`;
  out.push(
    `${bounds}; branch ${code(r.branch)}, following its first-parent history (a commit counts from when it landed on the branch).`,
    '',
    `${s.commits} commit${s.commits === 1 ? '' : 's'}${s.merges ? ` (${s.merges} merge${s.merges === 1 ? '' : 's'})` : ''} by ${s.authors.length} author${s.authors.length === 1 ? '' : 's'} changed the processes or crmflow.yaml, ` +
      `from ${r.from ? `${code(r.from.commit.slice(0, 7))} (${day(r.from.date)})` : 'the first commit'} to ${code(r.to.commit.slice(0, 7))} (${day(r.to.date)}).`,
    '',
  );
  out.push('## Summary', '');
  const pc = s.processes;
  out.push(`- **Processes:** ${pc.added} added, ${pc.removed} removed, ${pc.changed} changed${pc.unchanged ? `, ${pc.unchanged} with no net change of their own` : ''}.`);
  if (s.authors.length) out.push(`- **Authors:** ${s.authors.map(md).join(', ')}.`);
  out.push(`- **Findings:** ${s.lint.introduced} introduced, ${s.lint.resolved} resolved.`);
  if (r.config?.changes.length) out.push(`- **Settings (crmflow.yaml):** ${r.config.changes.map(md).join('; ')}.`);
  if (s.mostChanged.length) out.push(`- **Changed most:** ${s.mostChanged.map((m) => `${code(m.id)} (${m.commits} commit${m.commits === 1 ? '' : 's'}, ${m.stepChanges} step and flow change${m.stepChanges === 1 ? '' : 's'})`).join(', ')}.`);
  const moved = (list: Moved[]) =>
    list.map((m) => `${code(m.id)} p90 ${minutes(m.before.p90)} → ${minutes(m.after.p90)} (${change(m.before.p90, m.after.p90)}${m.significant === false ? ', not significant' : m.significant === null ? ', not tested: 1 run' : ''})`).join(', ');
  if (s.slower.length) out.push(`- **Slower:** ${moved(s.slower)}.`);
  if (s.faster.length) out.push(`- **Faster:** ${moved(s.faster)}.`);
  out.push('');
  if (r.processes.length === 0 && !r.config) {
    out.push('No process changed in this period.');
    return out.join('\n') + '\n';
  }
  if (r.processes.length) {
    const withCt = r.processes.some((p) => p.trend);
    out.push(`| Process | Net change | Commits | Steps | Findings |${withCt ? ' Cycle time p90 (start → end) |' : ''}`, `|---|---|---|---|---|${withCt ? '---|' : ''}`);
    for (const p of r.processes) {
      const steps = p.change ? (p.change.status === 'changed' ? String(p.change.steps.length) : `${p.change.steps.length} ${p.change.status}`) : '–';
      const lint = p.lint.introduced.length || p.lint.resolved.length ? `+${p.lint.introduced.length} −${p.lint.resolved.length}` : '–';
      out.push(`| ${code(p.id)} ${p.name !== p.id ? md(p.name) : ''} | ${p.status} | ${p.commits.length} | ${steps} | ${lint} |${withCt ? ` ${ctCell(p)} |` : ''}`);
    }
    out.push('');
  }
  if (r.config) {
    out.push('## Settings (`crmflow.yaml`)', '');
    if (r.config.commits.length) out.push(...commitTable(r.config.commits), '');
    if (r.config.changes.length) out.push('**Net change over the period:**', '', ...r.config.changes.map((c) => `- ${md(c)}`), '');
    else out.push('No net change: the commits of the period cancel out.', '');
    for (const f of r.config.lint.introduced) out.push(`- :warning: new ${f.severity} ${code(f.rule)}: ${md(f.message)}`);
    for (const f of r.config.lint.resolved) out.push(`- :white_check_mark: resolved ${f.severity} ${code(f.rule)}: ${md(f.message)}`);
    if (r.config.lint.introduced.length || r.config.lint.resolved.length) out.push('');
  }
  for (const p of r.processes) {
    out.push(`## ${code(p.id)}${p.name !== p.id ? ` ${md(p.name)}` : ''}`, '', `${p.status} · ${p.layer} · ${code(p.file)}`, '');
    if (p.commits.length) out.push(...commitTable(p.commits), '');
    if (p.change) out.push('**Net change over the period:**', '', ...processBullets(p.change), '');
    else if (p.commits.length) out.push('No net change of its own: the commits of the period cancel out.', '');
    if (p.because && p.cycleTime) out.push(`**Simulated, because ${md(because({ id: p.id, name: p.name, because: p.because, cycleTime: p.cycleTime }))}:** ${md(`${cycleFigure(p.cycleTime, 'p50')}, ${cycleFigure(p.cycleTime, 'p90')}`)}`, '');
    if (p.trend?.length) {
      out.push('**Simulated cycle time after each commit on the branch that changed its model:**', '', '| Commit | Landed | What changed | p50 | p90 |', '|---|---|---|---|---|');
      for (const t of p.trend) {
        out.push(`| ${t.commit === 'start' ? 'start of period' : code(t.commit)} | ${day(t.date)} | ${md(t.because?.join(', ') ?? '')} | ${minutes(t.p50)} | ${minutes(t.p90)} |`);
      }
      out.push('');
    }
  }
  return out.join('\n').trimEnd() + '\n';
}
