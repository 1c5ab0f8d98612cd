/**
 * Turns a `DiffReport` into text for a terminal or Markdown for a pull-request comment.
 * Pure functions: the CLI decides where the text goes.
 */
import type { ChalkInstance } from 'chalk';
import type { Project } from '../model/types.js';
import { diffChart } from './mermaid.js';
import type { CycleTimeChange, DiffFinding, DiffReport, FieldChange, Impact, ProcessDiff, StepDiff } from './types.js';
import { change, describeChange, describeValue, fieldLabel, minutes } from './words.js';
import { CATALOGS, localize, t, type Lang, type MessageId } from '../i18n/index.js';

type Params = Record<string, string | number>;

/** Message `id` in `lang`; `.one`/`.other` picked by `n` when `count` is given. */
function say(lang: Lang, id: string, params: Params = {}): string {
  return t(lang, id as MessageId, params);
}

function counted(lang: Lang, base: string, n: number, params: Params = {}): string {
  return say(lang, `${base}.${n === 1 ? 'one' : 'other'}`, { n, ...params });
}

/** A list joined the way `lang` joins lists. */
function joined(lang: Lang, items: readonly string[]): string {
  return items.join(lang === 'en' ? ', ' : '，');
}

/** At most this many Mermaid diagrams in one comment (GitHub caps a comment at 65,536 characters). */
export const MAX_DIAGRAMS = 20;

/** Process sections stop before the comment passes this size (GitHub's limit is 65,536). */
export const MAX_COMMENT_CHARS = 60_000;

const SIGN = { added: '+', removed: '-', changed: '~', renamed: '→' } as const;

/** At most this many step ids are listed for an added or removed process. */
const MAX_LISTED = 20;

function some(items: string[], lang: Lang): string {
  return items.length <= MAX_LISTED ? joined(lang, items) : say(lang, 'diff.more', { list: joined(lang, items.slice(0, MAX_LISTED)), n: items.length - MAX_LISTED });
}

/** One line summing the report up: `1 process changed, 1 added · steps +2 −1 ~1 · lint +1 −0`. */
export function summaryLine(report: DiffReport, lang: Lang = 'en'): string {
  const { processes: p, steps: s, lint } = report.summary;
  const parts: string[] = [];
  if (p.changed) parts.push(say(lang, 'diff.processesChanged', { processes: counted(lang, 'diff.process', p.changed) }));
  if (p.added) parts.push(say(lang, 'diff.added', { n: p.added }));
  if (p.removed) parts.push(say(lang, 'diff.removed', { n: p.removed }));
  if (!parts.length) parts.push(say(lang, report.config ? 'diff.noProcessChanged' : 'diff.noChanges'));
  const out = [joined(lang, parts)];
  const st = (['added', 'removed', 'renamed', 'changed'] as const).filter((k) => s[k]).map((k) => say(lang, `diff.${k}`, { n: s[k] }));
  if (st.length) out.push(say(lang, 'diff.steps', { list: joined(lang, st) }));
  if (lint.introduced || lint.resolved) out.push(say(lang, 'diff.findings', { introduced: lint.introduced, resolved: lint.resolved }));
  if (report.config) out.push(say(lang, 'diff.settingsChanged', { list: joined(lang, Object.keys(report.config).map((k) => fieldLabel(k, lang))) }));
  return out.join(' · ');
}

function stepTitle(s: StepDiff): string {
  return s.name !== s.id ? `${s.id}  ${s.name}` : s.id;
}

function finding(f: DiffFinding, lang: Lang): string {
  return `${say(lang, `severity.${f.severity}`)} ${f.rule}: ${localize(f.message, lang)} (${f.file}:${f.line}:${f.column})`;
}

/** The terminal form; `c` colours it (a no-colour chalk gives plain text). */
export function formatText(report: DiffReport, c: ChalkInstance, lang: Lang = 'en'): string {
  const lines: string[] = [c.bold(`crmflow diff ${report.from} → ${report.to}`)];
  if (report.processes.length === 0 && !report.config && !report.lint) {
    lines.push(say(lang, 'diff.noSemantic', { from: report.from, to: report.to }));
    return lines.join('\n') + '\n';
  }
  lines.push(summaryLine(report, lang), '');
  // Labels in a column: pad to the widest one, counting a CJK character as two columns.
  const label = (id: string) => say(lang, id);
  const width = (text: string) => [...text].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const pad = (text: string, n = 15) => text + ' '.repeat(Math.max(1, n - width(text)));
  const colour = { added: c.green, removed: c.red, changed: c.yellow, renamed: c.cyan };
  for (const p of report.processes) {
    lines.push(colour[p.status](`${SIGN[p.status]} ${c.bold(p.id)}  ${p.name !== p.id ? p.name : ''}`.trimEnd()) + c.dim(`  ${say(lang, `diff.status.${p.status}`)} · ${p.file}`));
    if (p.unreadable) lines.push(`    ${c.red('!')} ${say(lang, 'diff.unreadable', { rev: p.unreadable === 'after' ? report.to : report.from })}`);
    for (const [field, ch] of Object.entries(p.fields ?? {})) lines.push(`    ${c.yellow('~')} ${describeChange(field, ch, lang)}`);
    if (p.status === 'changed') {
      for (const s of p.steps) {
        const head = s.status === 'renamed' ? `${s.id}  ${c.dim(say(lang, 'diff.renamedFrom', { step: s.from ?? '' }))}` : `${stepTitle(s)}${s.status === 'changed' ? '' : c.dim(`  ${stepType(s.type, lang)}`)}`;
        lines.push(`    ${colour[s.status](SIGN[s.status])} ${s.status === 'renamed' ? colour.renamed(head) : colour[s.status](head)}`);
        for (const line of stepDetails(s, lang)) lines.push(`        ${line}`);
      }
    } else {
      lines.push(c.dim(`    ${say(lang, 'diff.stepsList', { steps: counted(lang, 'diff.step', p.steps.length), list: some(p.steps.map((s) => s.id), lang) })}`));
    }
    if (p.status === 'changed') {
      if (p.flows.added.length) lines.push(`    ${c.green(pad(label('diff.flowsAdded')))}${joined(lang, p.flows.added.map(([a, b]) => `${a} → ${b}`))}`);
      if (p.flows.removed.length) lines.push(`    ${c.red(pad(label('diff.flowsRemoved')))}${joined(lang, p.flows.removed.map(([a, b]) => `${a} → ${b}`))}`);
    }
    for (const f of p.lint.introduced) lines.push(`    ${c.red(pad(label('diff.new')))}${finding(f, lang)}`);
    for (const f of p.lint.resolved) lines.push(`    ${c.green(pad(label('diff.resolved')))}${finding(f, lang)}`);
    if (p.cycleTime) lines.push(`    ${pad(label('diff.cycleTime'))}${cycleText(p.cycleTime, lang)}`);
    lines.push('');
  }
  for (const i of report.impact ?? []) {
    if (report.processes.some((p) => p.id === i.id) && i.because.every((b) => b === 'process')) continue;
    lines.push(`${c.yellow('~')} ${c.bold(i.id)}  ${say(lang, 'diff.simulated', { why: because(i, lang) })}`, `    ${pad(label('diff.cycleTime'))}${cycleText(i.cycleTime, lang)}`);
  }
  if (report.impact) lines.push(c.dim(simulationNote(report, lang)));
  for (const line of configChanges(report, lang)) lines.push(`${c.yellow('~')} crmflow.yaml: ${line}`);
  for (const f of report.lint?.introduced ?? []) lines.push(`${c.red(pad(label('diff.new')))}${finding(f, lang)}`);
  for (const f of report.lint?.resolved ?? []) lines.push(`${c.green(pad(label('diff.resolved')))}${finding(f, lang)}`);
  return lines.join('\n').trimEnd() + '\n';
}

/** `p50 3.5d → 7.4d (+111%, significant), p90 …`: a change is never shown without its verdict. */
export function cycleText(ct: CycleTimeChange, lang: Lang = 'en'): string {
  return joined(lang, [cycleFigure(ct, 'p50', true, lang), cycleFigure(ct, 'p90', true, lang)]);
}

/** One figure before → after with its change and whether it is significant. */
export function cycleFigure(ct: CycleTimeChange, k: 'p50' | 'p90', label = true, lang: Lang = 'en'): string {
  const head = `${label ? `${k} ` : ''}${minutes(ct.before?.[k], lang)} → ${minutes(ct.after?.[k], lang)}`;
  if (!ct.before || !ct.after) return head;
  return `${head} (${joined(lang, [change(ct.before[k], ct.after[k]) || '±0%', verdict(ct.significant?.[k], lang)])})`;
}

/** Whether a change is significant, in words. */
export function verdict(sig: boolean | null | undefined, lang: Lang = 'en'): string {
  return say(lang, sig === true ? 'diff.significant' : sig === false ? 'diff.notSignificant' : 'diff.notTested');
}

/** A step type (`approval`) in `lang`; a type the catalog does not know as written. */
export function stepType(type: string, lang: Lang = 'en'): string {
  const id = `stepType.${type}`;
  return id in CATALOGS.en ? say(lang, id) : type;
}

/** Why a process was simulated: `its subprocess credit-check and crmflow.yaml roles.legal changed`. */
export function because(i: Impact, lang: Lang = 'en'): string {
  if (i.because[0] === 'added' || i.because[0] === 'removed') return say(lang, 'diff.because.addedRemoved', { status: say(lang, `diff.status.${i.because[0]}`) });
  const parts = i.because.map((b) =>
    b === 'process' ? say(lang, 'diff.because.process') : b.startsWith('subprocess ') ? say(lang, 'diff.because.called', { what: `${say(lang, 'stepType.subprocess')} ${b.slice('subprocess '.length)}` }) : b,
  );
  return say(lang, 'diff.because.changed', { list: joined(lang, parts) });
}

/** How the simulations were compared. */
export function simulationNote(report: DiffReport, lang: Lang = 'en'): string {
  const runs = report.impact?.[0]?.cycleTime.runs ?? 1;
  return runs > 1 ? say(lang, 'diff.noteRuns', { runs }) : say(lang, 'diff.noteOneRun');
}

/** Escapes Markdown in free text (names, messages) so it shows as written. */
export function md(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`);
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const t = text.replace(/[\r\n]+/g, ' ');
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}

export interface MarkdownContext {
  before: Project;
  after: Project;
  /** A heading level for the title (2 = `##`). */
  level?: number;
  /** The language of the comment's own words (default English); names and ids stay as written. */
  lang?: Lang;
}

/** The pull-request comment: a summary table, then per process its changes and a Mermaid diagram. */
export function formatMarkdown(report: DiffReport, ctx: MarkdownContext): string {
  const h = '#'.repeat(ctx.level ?? 2);
  const lang = ctx.lang ?? 'en';
  const w = (id: string, params: Params = {}) => say(lang, id, params);
  const out: string[] = [`${h} ${w('diff.md.title', { from: code(report.from), to: code(report.to) })}`, ''];
  if (report.processes.length === 0 && !report.config && !report.lint) {
    out.push(w('diff.md.noSemantic', { from: code(report.from), to: code(report.to) }));
    return out.join('\n') + '\n';
  }
  out.push(summaryLine(report, lang), '');
  if (report.processes.length) {
    const withCycle = report.processes.some((p) => p.cycleTime);
    const cols = ['diff.md.colProcess', 'diff.md.colChange', 'diff.md.colSteps', 'diff.md.colFlows', 'diff.md.colFindings', ...(withCycle ? ['diff.md.colP50', 'diff.md.colP90'] : [])];
    out.push(`| ${cols.map((c) => w(c)).join(' | ')} |`);
    out.push(`|---|---|---|---|---|${withCycle ? '---|---|' : ''}`);
    for (const p of report.processes) {
      const count = (st: StepDiff['status']) => p.steps.filter((s) => s.status === st).length;
      const steps =
        p.status === 'changed'
          ? [count('added') && `+${count('added')}`, count('removed') && `−${count('removed')}`, count('changed') && `~${count('changed')}`, count('renamed') && w('diff.renamed', { n: count('renamed') })].filter(Boolean).join(' ') || '–'
          : w('diff.md.stepsStatus', { n: p.steps.length, status: w(`diff.status.${p.status}`) });
      const flows = p.status === 'changed' && (p.flows.added.length || p.flows.removed.length) ? `+${p.flows.added.length} −${p.flows.removed.length}` : '–';
      const lint = p.lint.introduced.length || p.lint.resolved.length ? w('diff.md.lintCell', { introduced: lintBadge(p.lint.introduced, lang), resolved: p.lint.resolved.length }) : '–';
      const ct = (k: 'p50' | 'p90') => (p.cycleTime ? cycleFigure(p.cycleTime, k, false, lang) : '–');
      out.push(`| ${code(p.id)} ${md(p.name !== p.id ? p.name : '')} | ${w(`diff.status.${p.status}`)} | ${steps} | ${flows} | ${lint} |${withCycle ? ` ${ct('p50')} | ${ct('p90')} |` : ''}`);
    }
    out.push('');
  }
  if (report.config || report.lint) {
    out.push(`**${w('diff.md.settings')}**`, '', ...configChanges(report, lang).map((l) => `- ${md(l)}`), ...findingBullets(report.lint ?? { introduced: [], resolved: [] }, lang), '');
  }
  if (report.impact) {
    out.push(`**${w('diff.md.impact')}**`, '');
    if (!report.impact.length) out.push(`- ${w('diff.md.nothingSimulated')}`);
    for (const i of report.impact) out.push(`- ${code(i.id)} (${md(because(i, lang))}): ${md(cycleText(i.cycleTime, lang))}`);
    out.push('', `<sub>${md(simulationNote(report, lang))}</sub>`, '');
  }
  let diagrams = 0;
  let size = out.join('\n').length;
  let shown = 0;
  for (const p of report.processes) {
    const section = [`${h}# ${statusEmoji(p.status)} ${code(p.id)}${p.name !== p.id ? ` ${md(p.name)}` : ''}`, '', `${w(`diff.status.${p.status}`)} · ${w(`layer.${p.layer}`)} · ${code(p.file)}`, ''];
    section.push(...processBullets(p, lang), '');
    const chart: string[] = [];
    if (diagrams < MAX_DIAGRAMS && !p.unreadable) {
      const c = diffChart(p, ctx.before.processes.get(p.id), ctx.after.processes.get(p.id), { neighbourhood: true, lang });
      chart.push('```mermaid', c.text, '```', '');
      const notes: string[] = [];
      if (c.drawn < c.total) notes.push(w('diff.md.neighbourhood', { drawn: c.drawn, total: c.total }));
      if (c.cut) notes.push(counted(lang, 'diff.md.cut', c.cut, { command: '`crmflow diff --svg`' }));
      if (notes.length) chart.push(`<sub>${w('diff.md.chart', { notes: notes.join(lang === 'en' ? '; ' : '；') })}</sub>`, '');
    }
    const room = MAX_COMMENT_CHARS - size;
    let length = section.join('\n').length + 1;
    // Stay under GitHub's comment limit; the rest is in the summary table above.
    if (length + (chart.join('\n').length + 1) <= room) {
      section.push(...chart);
      if (chart.length) diagrams++;
    } else if (shown > 0) break;
    else if (length > room) {
      // Even the first section alone is too long: cut its list and say so.
      const note = `_… ${w('diff.md.listGoesOn', { command: '`crmflow diff`' })}_`;
      while (section.length > 4 && section.join('\n').length + note.length + 2 > room) section.pop();
      section.push(note, '');
    }
    length = section.join('\n').length + 1;
    size += length;
    shown++;
    out.push(...section);
  }
  if (shown < report.processes.length) out.push(`_${w('diff.md.moreProcesses', { n: report.processes.length - shown, command: '`crmflow diff`' })}_`, '');
  if (diagrams > 0) out.push(`<sub>${[w('diff.md.legend'), ...(diagrams < shown ? [w('diff.md.legendFirst', { n: diagrams })] : []), w('diff.md.madeBy')].join(' ')}</sub>`);
  return out.join('\n').trimEnd() + '\n';
}

/** Changes to crmflow.yaml, one phrase each: `role sales-manager: headcount 1 → 2`. */
export function configChanges(report: Pick<DiffReport, 'config'>, lang: Lang = 'en'): string[] {
  const out: string[] = [];
  for (const [key, ch] of Object.entries(report.config ?? {})) {
    if (key === 'kpis') {
      out.push(...kpiChanges(ch, lang));
      continue;
    }
    if (key !== 'roles' && key !== 'calendars') {
      out.push(describeChange(key, ch, lang));
      continue;
    }
    const whatOf = (id: string) => t(lang, key === 'roles' ? 'diff.role' : 'diff.calendar', { id });
    const before = (ch.before ?? {}) as Record<string, Record<string, unknown>>;
    const after = (ch.after ?? {}) as Record<string, Record<string, unknown>>;
    for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!(id in before)) out.push(t(lang, 'diff.thingAdded', { what: whatOf(id) }));
      else if (!(id in after)) out.push(t(lang, 'diff.thingRemoved', { what: whatOf(id) }));
      else {
        for (const f of new Set([...Object.keys(before[id]!), ...Object.keys(after[id]!)])) {
          const b = before[id]![f] ?? null;
          const a = after[id]![f] ?? null;
          if (JSON.stringify(b) !== JSON.stringify(a)) out.push(t(lang, 'diff.thingChange', { what: whatOf(id), change: describeChange(f, { before: b, after: a }, lang) }));
        }
      }
    }
  }
  return out;
}

type Kpi = { id: string; name?: string } & Record<string, unknown>;

/** KPIs by id: `KPI contract-cycle (Contract cycle time) removed`, `KPI x: target p90 5d → 3d`. */
function kpiChanges(ch: FieldChange, lang: Lang): string[] {
  const list = (v: unknown) => new Map(((Array.isArray(v) ? v : []) as Kpi[]).map((k) => [k.id, k]));
  const before = list(ch.before);
  const after = list(ch.after);
  const out: string[] = [];
  const title = (k: Kpi) => (k.name ? t(lang, 'diff.kpiNamed', { id: k.id, name: k.name }) : t(lang, 'diff.kpi', { id: k.id }));
  for (const [id, k] of before) if (!after.has(id)) out.push(t(lang, 'diff.thingRemoved', { what: title(k) }));
  for (const [id, k] of after) {
    const old = before.get(id);
    if (!old) out.push(t(lang, 'diff.thingAdded', { what: title(k) }));
    else {
      for (const f of new Set([...Object.keys(old), ...Object.keys(k)])) {
        const b = old[f] ?? null;
        const a = k[f] ?? null;
        if (JSON.stringify(b) !== JSON.stringify(a)) out.push(t(lang, 'diff.thingChange', { what: t(lang, 'diff.kpi', { id }), change: describeChange(f, { before: flat(b), after: flat(a) }, lang) }));
      }
    }
  }
  return out;
}

/** `{ p90: 5d }` as `p90 5d`. */
function flat(v: unknown): unknown {
  return v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v).map(([k, x]) => `${k} ${String(x)}`).join(', ') : v;
}

/** The Markdown bullet list of one process's changes (steps, flows, findings, cycle time). */
export function processBullets(p: ProcessDiff, lang: Lang = 'en'): string[] {
  const w = (id: string, params: Params = {}) => say(lang, id, params);
  const out: string[] = [];
  if (p.unreadable) out.push(`- :x: ${w('diff.md.unreadable', { side: w(`diff.md.side.${p.unreadable}`) })}`);
  for (const [field, ch] of Object.entries(p.fields ?? {})) out.push(`- ${w('diff.md.process', { change: md(describeChange(field, ch, lang)) })}`);
  if (p.status === 'changed') {
    for (const s of p.steps) {
      const what = s.status === 'renamed' ? `${code(s.from!)} → ${code(s.id)}` : code(s.id);
      const name = s.name !== s.id ? ` ${md(s.name)}` : '';
      const fields = stepDetails(s, lang).map(md);
      const colon = lang === 'en' ? ': ' : '：';
      out.push(`- **${w(`diff.status.${s.status}`)}** ${what}${name}${s.status === 'added' || s.status === 'removed' ? ` (${stepType(s.type, lang)})` : ''}${fields.length ? `${colon}${fields.join(lang === 'en' ? '; ' : '；')}` : ''}`);
    }
    if (p.flows.added.length) out.push(`- **${w('diff.md.flowsAdded')}** ${joined(lang, p.flows.added.map(([a, b]) => code(`${a} → ${b}`)))}`);
    if (p.flows.removed.length) out.push(`- **${w('diff.md.flowsRemoved')}** ${joined(lang, p.flows.removed.map(([a, b]) => code(`${a} → ${b}`)))}`);
  } else {
    out.push(`- ${w('diff.md.withSteps', { status: `**${w(`diff.status.${p.status}`)}**`, steps: counted(lang, 'diff.step', p.steps.length), list: some(p.steps.map((s) => code(s.id)), lang) })}`);
  }
  out.push(...findingBullets(p.lint, lang));
  if (p.cycleTime) out.push(`- **${w('diff.md.simulatedCycle')}** ${md(cycleText(p.cycleTime, lang))}`);
  return out;
}

/**
 * The lines under a step: for a changed step each field before → after; for an added one what
 * it sets (`role legal`, `SLA 8h (measured only)`) and where it connects; a split says into what.
 */
export function stepDetails(s: StepDiff, lang: Lang = 'en'): string[] {
  if (s.status !== 'added') {
    const out = Object.entries(s.fields ?? {}).map(([f, ch]) => describeChange(f, ch, lang));
    if (s.splitInto) out.unshift(say(lang, 'diff.splitInto', { list: joined(lang, s.splitInto) }));
    return out;
  }
  // Connections are said once, below, in step words rather than as next/on/branches.
  const skip = new Set(['next', 'join']);
  const out = Object.entries(s.fields ?? {})
    .filter(([f]) => !skip.has(f) || !s.connects)
    .map(([f, ch]) => `${fieldLabel(f, lang)} ${describeValue(f, ch.after, lang)}`);
  if (s.splitFrom) out.unshift(say(lang, 'diff.splitFrom', { step: s.splitFrom }));
  const nowhere = say(lang, 'diff.nowhere');
  if (s.connects) out.push(say(lang, 'diff.connects', { from: joined(lang, s.connects.from) || nowhere, to: joined(lang, s.connects.to) || nowhere }));
  return out;
}

/** Markdown bullets for findings introduced and resolved. */
export function findingBullets(lint: ProcessDiff['lint'], lang: Lang = 'en', where = true): string[] {
  const params = (f: DiffFinding) => ({ severity: say(lang, `severity.${f.severity}`), rule: code(f.rule), message: md(localize(f.message, lang)) });
  return [
    ...lint.introduced.map((f) => `- :warning: ${say(lang, 'diff.md.newFinding', params(f))}${where ? ` (${code(`${f.file}:${f.line}`)})` : ''}`),
    ...lint.resolved.map((f) => `- :white_check_mark: ${say(lang, 'diff.md.resolvedFinding', params(f))}`),
  ];
}

export function lintBadge(introduced: DiffFinding[], lang: Lang = 'en'): string {
  const errors = introduced.filter((f) => f.severity === 'error').length;
  return errors ? counted(lang, 'diff.md.errorsBadge', errors, { all: introduced.length }) : String(introduced.length);
}

function statusEmoji(s: ProcessDiff['status']): string {
  return s === 'added' ? '🟢' : s === 'removed' ? '🔴' : '🟡';
}
