/** The quarterly review as Markdown (for a wiki page, an issue or a slide). Pure. */
import { CATALOGS, t, type Lang, type MessageId } from '../i18n/index.js';
import { because, code, configChanges, cycleFigure, cycleText, findingBullets, md, processBullets, verdict } from './format.js';
import type { Moved, ReviewCommit, ReviewProcess, ReviewReport } from './review.js';
import { change, minutes } from './words.js';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '–');
const moment = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '–');

type Params = Record<string, string | number>;

/** The review report as Markdown: summary first, then crmflow.yaml, then one section per process. */
export function formatReviewMarkdown(r: ReviewReport, lang: Lang = 'en'): string {
  const w = (id: string, params: Params = {}) => t(lang, id as MessageId, params);
  const counted = (base: string, n: number, params: Params = {}) => w(`${base}.${n === 1 ? 'one' : 'other'}`, { n, ...params });
  const list = (items: readonly string[]) => items.join(lang === 'en' ? ', ' : '，');
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const stop = lang === 'en' ? '.' : '。';
  const ctCell = (p: ReviewProcess) => (p.cycleTime ? cycleFigure(p.cycleTime, 'p90', false, lang) : '–');
  const commitTable = (commits: ReviewCommit[]) => [
    row(['review.colCommit', 'review.colDate', 'review.colAuthor', 'review.colSubject'].map((c) => w(c))),
    '|---|---|---|---|',
    ...commits.map((c) => `| ${code(c.hash.slice(0, 7))}${c.merge ? ` ${w('review.merge')}` : ''} | ${day(c.date)} | ${md(c.author)} | ${md(c.subject)} |`),
  ];
  const s = r.summary;
  const out: string[] = [`# ${w('review.title', { since: md(r.since), until: md(r.until) })}`, ''];
  const zone = `**${md(r.timeZone)}**`;
  const bounds =
    r.period.start || r.period.end
      ? w('review.period', { start: r.period.start ? moment(r.period.start) : md(r.since), end: r.period.end ? w('review.exclusive', { end: moment(r.period.end) }) : md(r.until), zone })
      : w('review.dates', { zone });
  out.push(
    w('review.branch', { bounds, branch: code(r.branch) }),
    '',
    w('review.sentence', {
      commits: counted('review.commits', s.commits),
      merges: s.merges ? w('review.mergesParen', { merges: counted('review.merges', s.merges) }) : '',
      authors: counted('review.authors', s.authors.length),
      from: r.from ? `${code(r.from.commit.slice(0, 7))} (${day(r.from.date)})` : w('review.firstCommit'),
      to: `${code(r.to.commit.slice(0, 7))} (${day(r.to.date)})`,
    }),
    '',
  );
  out.push(`## ${w('review.summary')}`, '');
  const pc = s.processes;
  out.push(`- **${w('review.processes')}** ${w('review.processCounts', { added: pc.added, removed: pc.removed, changed: pc.changed, unchanged: pc.unchanged ? w('review.unchanged', { n: pc.unchanged }) : '' })}`);
  if (s.authors.length) out.push(`- **${w('review.authorsLabel')}** ${list(s.authors.map(md))}${stop}`);
  out.push(`- **${w('review.findings')}** ${w('review.findingCounts', { introduced: s.lint.introduced, resolved: s.lint.resolved })}`);
  const configLines = r.config ? configChanges({ config: r.config.fields }, lang) : [];
  if (configLines.length) out.push(`- **${w('review.settingsLabel')}** ${configLines.map(md).join(lang === 'en' ? '; ' : '；')}${stop}`);
  if (s.mostChanged.length)
    out.push(`- **${w('review.changedMost')}** ${list(s.mostChanged.map((m) => w('review.mostItem', { id: code(m.id), commits: counted('review.commits', m.commits), changes: counted('review.stepChanges', m.stepChanges) })))}${stop}`);
  const moved = (items: Moved[]) =>
    list(
      items.map(
        (m) =>
          `${code(m.id)} p90 ${minutes(m.before.p90, lang)} → ${minutes(m.after.p90, lang)} (${[change(m.before.p90, m.after.p90), ...(m.significant === true ? [] : [verdict(m.significant, lang)])].join(lang === 'en' ? ', ' : '，')})`,
      ),
    );
  if (s.slower.length) out.push(`- **${w('review.slower')}** ${moved(s.slower)}${stop}`);
  if (s.faster.length) out.push(`- **${w('review.faster')}** ${moved(s.faster)}${stop}`);
  out.push('');
  if (r.processes.length === 0 && !r.config) {
    out.push(w('review.noProcessChanged'));
    return out.join('\n') + '\n';
  }
  if (r.processes.length) {
    const withCt = r.processes.some((p) => p.trend);
    const cols = ['diff.md.colProcess', 'review.colNetChange', 'review.colCommits', 'diff.md.colSteps', 'diff.md.colFindings', ...(withCt ? ['review.colP90'] : [])];
    out.push(row(cols.map((c) => w(c))), `|---|---|---|---|---|${withCt ? '---|' : ''}`);
    for (const p of r.processes) {
      const steps = p.change ? (p.change.status === 'changed' ? String(p.change.steps.length) : w('diff.md.stepsStatus', { n: p.change.steps.length, status: w(`diff.status.${p.change.status}`) })) : '–';
      const lint = p.lint.introduced.length || p.lint.resolved.length ? `+${p.lint.introduced.length} −${p.lint.resolved.length}` : '–';
      out.push(`| ${code(p.id)} ${p.name !== p.id ? md(p.name) : ''} | ${status(p.status, lang)} | ${p.commits.length} | ${steps} | ${lint} |${withCt ? ` ${ctCell(p)} |` : ''}`);
    }
    out.push('');
  }
  if (r.config) {
    out.push(`## ${w('review.settingsHeading', { file: '`crmflow.yaml`' })}`, '');
    if (r.config.commits.length) out.push(...commitTable(r.config.commits), '');
    if (configLines.length) out.push(`**${w('review.netChange')}**`, '', ...configLines.map((c) => `- ${md(c)}`), '');
    else out.push(w('review.cancelOut'), '');
    const bullets = findingBullets(r.config.lint, lang, false);
    if (bullets.length) out.push(...bullets, '');
  }
  for (const p of r.processes) {
    out.push(`## ${code(p.id)}${p.name !== p.id ? ` ${md(p.name)}` : ''}`, '', `${status(p.status, lang)} · ${w(`layer.${p.layer}`)} · ${code(p.file)}`, '');
    if (p.commits.length) out.push(...commitTable(p.commits), '');
    if (p.change) out.push(`**${w('review.netChange')}**`, '', ...processBullets(p.change, lang), '');
    else if (p.commits.length) out.push(w('review.cancelOutOwn'), '');
    if (p.because && p.cycleTime)
      out.push(`**${w('review.simulatedBecause', { why: md(because({ id: p.id, name: p.name, because: p.because, cycleTime: p.cycleTime }, lang)) })}** ${md(cycleText(p.cycleTime, lang))}`, '');
    if (p.trend?.length) {
      out.push(`**${w('review.trend')}**`, '', row(['review.colCommit', 'review.colLanded', 'review.colWhat'].map((c) => w(c)).concat(['p50', 'p90'])), '|---|---|---|---|---|');
      for (const tr of p.trend) {
        out.push(`| ${tr.commit === 'start' ? w('review.startOfPeriod') : code(tr.commit)} | ${day(tr.date)} | ${md(list(tr.because ?? []))} | ${minutes(tr.p50, lang)} | ${minutes(tr.p90, lang)} |`);
      }
      out.push('');
    }
  }
  return out.join('\n').trimEnd() + '\n';
}

/** A process's status word (`changed`, `added`, …); a status the catalog does not know as it is. */
function status(s: string, lang: Lang): string {
  const id = `diff.status.${s}`;
  return id in CATALOGS.en ? t(lang, id as MessageId) : s;
}
