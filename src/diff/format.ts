/**
 * Turns a `DiffReport` into text for a terminal or Markdown for a pull-request comment.
 * Pure functions: the CLI decides where the text goes.
 */
import type { ChalkInstance } from 'chalk';
import type { Project } from '../model/types.js';
import { diffChart } from './mermaid.js';
import type { CycleTimeChange, DiffFinding, DiffReport, FieldChange, Impact, ProcessDiff, StepDiff } from './types.js';
import { change, describeChange, describeValue, fieldLabel, minutes } from './words.js';

/** At most this many Mermaid diagrams in one comment (GitHub caps a comment at 65,536 characters). */
export const MAX_DIAGRAMS = 20;

/** Process sections stop before the comment passes this size (GitHub's limit is 65,536). */
export const MAX_COMMENT_CHARS = 60_000;

const SIGN = { added: '+', removed: '-', changed: '~', renamed: '→' } as const;

/** At most this many step ids are listed for an added or removed process. */
const MAX_LISTED = 20;

function some(items: string[]): string {
  return items.length <= MAX_LISTED ? items.join(', ') : `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : /s$/.test(word) ? 'es' : 's'}`;
}

/** One line summing the report up: `1 process changed, 1 added · steps +2 −1 ~1 · lint +1 −0`. */
export function summaryLine(report: DiffReport): string {
  const { processes: p, steps: s, lint } = report.summary;
  const parts: string[] = [];
  if (p.changed) parts.push(`${plural(p.changed, 'process')} changed`);
  if (p.added) parts.push(`${p.added} added`);
  if (p.removed) parts.push(`${p.removed} removed`);
  if (!parts.length) parts.push(report.config ? 'no process changed' : 'no changes');
  const out = [parts.join(', ')];
  const st = [s.added && `${s.added} added`, s.removed && `${s.removed} removed`, s.renamed && `${s.renamed} renamed`, s.changed && `${s.changed} changed`].filter(Boolean);
  if (st.length) out.push(`steps: ${st.join(', ')}`);
  if (lint.introduced || lint.resolved) out.push(`findings: ${lint.introduced} introduced, ${lint.resolved} resolved`);
  if (report.config) out.push(`settings changed: ${Object.keys(report.config).join(', ')}`);
  return out.join(' · ');
}

function stepTitle(s: StepDiff): string {
  return s.name !== s.id ? `${s.id}  ${s.name}` : s.id;
}

function finding(f: DiffFinding): string {
  return `${f.severity} ${f.rule}: ${f.message} (${f.file}:${f.line}:${f.column})`;
}

/** The terminal form; `c` colours it (a no-colour chalk gives plain text). */
export function formatText(report: DiffReport, c: ChalkInstance): string {
  const lines: string[] = [c.bold(`crmflow diff ${report.from} → ${report.to}`)];
  if (report.processes.length === 0 && !report.config && !report.lint) {
    lines.push(`no semantic changes between ${report.from} and ${report.to}`);
    return lines.join('\n') + '\n';
  }
  lines.push(summaryLine(report), '');
  const colour = { added: c.green, removed: c.red, changed: c.yellow, renamed: c.cyan };
  for (const p of report.processes) {
    lines.push(colour[p.status](`${SIGN[p.status]} ${c.bold(p.id)}  ${p.name !== p.id ? p.name : ''}`.trimEnd()) + c.dim(`  ${p.status} · ${p.file}`));
    if (p.unreadable) lines.push(`    ${c.red('!')} the file does not read as a process at ${p.unreadable === 'after' ? report.to : report.from}; see the findings`);
    for (const [field, ch] of Object.entries(p.fields ?? {})) lines.push(`    ${c.yellow('~')} ${describeChange(field, ch)}`);
    if (p.status === 'changed') {
      for (const s of p.steps) {
        const head = s.status === 'renamed' ? `${s.id}  ${c.dim(`renamed from ${s.from}`)}` : `${stepTitle(s)}${s.status === 'changed' ? '' : c.dim(`  ${s.type}`)}`;
        lines.push(`    ${colour[s.status](SIGN[s.status])} ${s.status === 'renamed' ? colour.renamed(head) : colour[s.status](head)}`);
        for (const line of stepDetails(s)) lines.push(`        ${line}`);
      }
    } else {
      lines.push(c.dim(`    ${plural(p.steps.length, 'step')}: ${some(p.steps.map((s) => s.id))}`));
    }
    if (p.status === 'changed') {
      if (p.flows.added.length) lines.push(`    ${c.green('flows added')}    ${p.flows.added.map(([a, b]) => `${a} → ${b}`).join(', ')}`);
      if (p.flows.removed.length) lines.push(`    ${c.red('flows removed')}  ${p.flows.removed.map(([a, b]) => `${a} → ${b}`).join(', ')}`);
    }
    for (const f of p.lint.introduced) lines.push(`    ${c.red('new')}            ${finding(f)}`);
    for (const f of p.lint.resolved) lines.push(`    ${c.green('resolved')}       ${finding(f)}`);
    if (p.cycleTime) lines.push(`    cycle time     ${cycleText(p.cycleTime)}`);
    lines.push('');
  }
  for (const i of report.impact ?? []) {
    if (report.processes.some((p) => p.id === i.id) && i.because.every((b) => b === 'process')) continue;
    lines.push(`${c.yellow('~')} ${c.bold(i.id)}  simulated: ${because(i)}`, `    cycle time     ${cycleText(i.cycleTime)}`);
  }
  if (report.impact) lines.push(c.dim(simulationNote(report)));
  for (const line of configChanges(report)) lines.push(`${c.yellow('~')} crmflow.yaml: ${line}`);
  for (const f of report.lint?.introduced ?? []) lines.push(`${c.red('new')}            ${finding(f)}`);
  for (const f of report.lint?.resolved ?? []) lines.push(`${c.green('resolved')}       ${finding(f)}`);
  return lines.join('\n').trimEnd() + '\n';
}

/** `p50 3.5d → 7.4d (+111%, significant), p90 …`: a change is never shown without its verdict. */
export function cycleText(ct: CycleTimeChange): string {
  return `${cycleFigure(ct, 'p50')}, ${cycleFigure(ct, 'p90')}`;
}

/** One figure before → after with its change and whether it is significant. */
export function cycleFigure(ct: CycleTimeChange, k: 'p50' | 'p90', label = true): string {
  const head = `${label ? `${k} ` : ''}${minutes(ct.before?.[k])} → ${minutes(ct.after?.[k])}`;
  if (!ct.before || !ct.after) return head;
  return `${head} (${change(ct.before[k], ct.after[k]) || '±0%'}, ${verdict(ct.significant?.[k])})`;
}

function verdict(sig: boolean | null | undefined): string {
  return sig === true ? 'significant' : sig === false ? 'not significant' : 'not tested: 1 run';
}

/** Why a process was simulated: `its subprocess credit-check and crmflow.yaml roles.legal changed`. */
export function because(i: Impact): string {
  if (i.because[0] === 'added' || i.because[0] === 'removed') return `process ${i.because[0]}`;
  const parts = i.because.map((b) => (b === 'process' ? 'the process' : b.startsWith('subprocess ') ? `called ${b}` : b));
  return `${parts.join(', ')} changed`;
}

/** How the simulations were compared. */
export function simulationNote(report: DiffReport): string {
  const runs = report.impact?.[0]?.cycleTime.runs ?? 1;
  return runs > 1
    ? `Simulated ${runs} runs a side on common random numbers (same data, seeds and per-case draws); significant: Welch's t-test over the runs, 5 % level.`
    : 'Simulated one run a side: no change can be told from noise; use --runs 2 or more.';
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
}

/** The pull-request comment: a summary table, then per process its changes and a Mermaid diagram. */
export function formatMarkdown(report: DiffReport, ctx: MarkdownContext): string {
  const h = '#'.repeat(ctx.level ?? 2);
  const out: string[] = [`${h} Process changes: ${code(report.from)} → ${code(report.to)}`, ''];
  if (report.processes.length === 0 && !report.config && !report.lint) {
    out.push(`No semantic changes to the processes between ${code(report.from)} and ${code(report.to)}.`);
    return out.join('\n') + '\n';
  }
  out.push(summaryLine(report), '');
  if (report.processes.length) {
    const withCycle = report.processes.some((p) => p.cycleTime);
    out.push(`| Process | Change | Steps | Flows | Findings |${withCycle ? ' Cycle time p50 | Cycle time p90 |' : ''}`);
    out.push(`|---|---|---|---|---|${withCycle ? '---|---|' : ''}`);
    for (const p of report.processes) {
      const count = (st: StepDiff['status']) => p.steps.filter((s) => s.status === st).length;
      const steps =
        p.status === 'changed'
          ? [count('added') && `+${count('added')}`, count('removed') && `−${count('removed')}`, count('changed') && `~${count('changed')}`, count('renamed') && `${count('renamed')} renamed`].filter(Boolean).join(' ') || '–'
          : `${p.steps.length} ${p.status}`;
      const flows = p.status === 'changed' && (p.flows.added.length || p.flows.removed.length) ? `+${p.flows.added.length} −${p.flows.removed.length}` : '–';
      const lint = p.lint.introduced.length || p.lint.resolved.length ? `${lintBadge(p.lint.introduced)} new, ${p.lint.resolved.length} resolved` : '–';
      const ct = (k: 'p50' | 'p90') => (p.cycleTime ? cycleFigure(p.cycleTime, k, false) : '–');
      out.push(`| ${code(p.id)} ${md(p.name !== p.id ? p.name : '')} | ${statusWord(p.status)} | ${steps} | ${flows} | ${lint} |${withCycle ? ` ${ct('p50')} | ${ct('p90')} |` : ''}`);
    }
    out.push('');
  }
  if (report.config || report.lint) {
    out.push('**Project settings (crmflow.yaml):**', '', ...configChanges(report).map((l) => `- ${md(l)}`), ...findingBullets(report.lint ?? { introduced: [], resolved: [] }), '');
  }
  if (report.impact) {
    out.push('**Simulated impact:**', '');
    if (!report.impact.length) out.push('- no process model changed, so nothing was simulated');
    for (const i of report.impact) out.push(`- ${code(i.id)} (${md(because(i))}): ${md(cycleText(i.cycleTime))}`);
    out.push('', `<sub>${md(simulationNote(report))}</sub>`, '');
  }
  let diagrams = 0;
  let size = out.join('\n').length;
  let shown = 0;
  for (const p of report.processes) {
    const section = [`${h}# ${statusEmoji(p.status)} ${code(p.id)}${p.name !== p.id ? ` ${md(p.name)}` : ''}`, '', `${statusWord(p.status)} · ${p.layer} · ${code(p.file)}`, ''];
    section.push(...processBullets(p), '');
    const chart: string[] = [];
    if (diagrams < MAX_DIAGRAMS && !p.unreadable) {
      const c = diffChart(p, ctx.before.processes.get(p.id), ctx.after.processes.get(p.id), { neighbourhood: true });
      chart.push('```mermaid', c.text, '```', '');
      const notes: string[] = [];
      if (c.drawn < c.total) notes.push(`the changed steps and one step before and after each: ${c.drawn} of ${c.total} steps, … where the process goes on`);
      if (c.cut) notes.push(`${plural(c.cut, 'more changed step')} not drawn, to stay under GitHub's 500 flows a chart; run \`crmflow diff --svg\` for the whole picture`);
      if (notes.length) chart.push(`<sub>Chart: ${notes.join('; ')}.</sub>`, '');
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
      const note = '_… the list goes on; run `crmflow diff` locally for every change._';
      while (section.length > 4 && section.join('\n').length + note.length + 2 > room) section.pop();
      section.push(note, '');
    }
    length = section.join('\n').length + 1;
    size += length;
    shown++;
    out.push(...section);
  }
  if (shown < report.processes.length) out.push(`_${report.processes.length - shown} more changed processes are in the table above only; run \`crmflow diff\` locally for the details._`, '');
  if (diagrams > 0) out.push('<sub>Diagram: green = added, red dashed = removed, amber = changed or renamed.' + (diagrams < shown ? ` Diagrams shown for the first ${diagrams} processes.` : '') + ' Made by crmflow diff.</sub>');
  return out.join('\n').trimEnd() + '\n';
}

/** Changes to crmflow.yaml, one phrase each: `role sales-manager: headcount 1 → 2`. */
export function configChanges(report: DiffReport): string[] {
  const out: string[] = [];
  for (const [key, ch] of Object.entries(report.config ?? {})) {
    if (key === 'kpis') {
      out.push(...kpiChanges(ch));
      continue;
    }
    if (key !== 'roles' && key !== 'calendars') {
      out.push(describeChange(key, ch));
      continue;
    }
    const what = key === 'roles' ? 'role' : 'calendar';
    const before = (ch.before ?? {}) as Record<string, Record<string, unknown>>;
    const after = (ch.after ?? {}) as Record<string, Record<string, unknown>>;
    for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (!(id in before)) out.push(`${what} ${id} added`);
      else if (!(id in after)) out.push(`${what} ${id} removed`);
      else {
        for (const f of new Set([...Object.keys(before[id]!), ...Object.keys(after[id]!)])) {
          const b = before[id]![f] ?? null;
          const a = after[id]![f] ?? null;
          if (JSON.stringify(b) !== JSON.stringify(a)) out.push(`${what} ${id}: ${describeChange(f, { before: b, after: a })}`);
        }
      }
    }
  }
  return out;
}

type Kpi = { id: string; name?: string } & Record<string, unknown>;

/** KPIs by id: `KPI contract-cycle (Contract cycle time) removed`, `KPI x: target p90 5d → 3d`. */
function kpiChanges(ch: FieldChange): string[] {
  const list = (v: unknown) => new Map(((Array.isArray(v) ? v : []) as Kpi[]).map((k) => [k.id, k]));
  const before = list(ch.before);
  const after = list(ch.after);
  const out: string[] = [];
  const title = (k: Kpi) => `KPI ${k.id}${k.name ? ` (${k.name})` : ''}`;
  for (const [id, k] of before) if (!after.has(id)) out.push(`${title(k)} removed`);
  for (const [id, k] of after) {
    const old = before.get(id);
    if (!old) out.push(`${title(k)} added`);
    else {
      for (const f of new Set([...Object.keys(old), ...Object.keys(k)])) {
        const b = old[f] ?? null;
        const a = k[f] ?? null;
        if (JSON.stringify(b) !== JSON.stringify(a)) out.push(`KPI ${id}: ${describeChange(f, { before: flat(b), after: flat(a) })}`);
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
export function processBullets(p: ProcessDiff): string[] {
  const out: string[] = [];
  if (p.unreadable) out.push(`- :x: the file does not read as a process on the ${p.unreadable} side; see the findings`);
  for (const [field, ch] of Object.entries(p.fields ?? {})) out.push(`- process ${md(describeChange(field, ch))}`);
  if (p.status === 'changed') {
    for (const s of p.steps) {
      const what = s.status === 'renamed' ? `${code(s.from!)} → ${code(s.id)}` : code(s.id);
      const name = s.name !== s.id ? ` ${md(s.name)}` : '';
      const fields = stepDetails(s).map(md);
      out.push(`- **${s.status}** ${what}${name}${s.status === 'added' || s.status === 'removed' ? ` (${s.type})` : ''}${fields.length ? `: ${fields.join('; ')}` : ''}`);
    }
    if (p.flows.added.length) out.push(`- **flows added:** ${p.flows.added.map(([a, b]) => code(`${a} → ${b}`)).join(', ')}`);
    if (p.flows.removed.length) out.push(`- **flows removed:** ${p.flows.removed.map(([a, b]) => code(`${a} → ${b}`)).join(', ')}`);
  } else {
    out.push(`- **${p.status}** with ${plural(p.steps.length, 'step')}: ${some(p.steps.map((s) => code(s.id)))}`);
  }
  out.push(...findingBullets(p.lint));
  if (p.cycleTime) out.push(`- **simulated cycle time:** ${md(cycleText(p.cycleTime))}`);
  return out;
}

/**
 * The lines under a step: for a changed step each field before → after; for an added one what
 * it sets (`role legal`, `SLA 8h (measured only)`) and where it connects; a split says into what.
 */
export function stepDetails(s: StepDiff): string[] {
  if (s.status !== 'added') {
    const out = Object.entries(s.fields ?? {}).map(([f, ch]) => describeChange(f, ch));
    if (s.splitInto) out.unshift(`split into ${s.splitInto.join(', ')}`);
    return out;
  }
  // Connections are said once, below, in step words rather than as next/on/branches.
  const skip = new Set(['next', 'join']);
  const out = Object.entries(s.fields ?? {})
    .filter(([f]) => !skip.has(f) || !s.connects)
    .map(([f, ch]) => `${fieldLabel(f)} ${describeValue(f, ch.after)}`);
  if (s.splitFrom) out.unshift(`split from ${s.splitFrom}`);
  if (s.connects) out.push(`from ${s.connects.from.join(', ') || 'nowhere'} · to ${s.connects.to.join(', ') || 'nowhere'}`);
  return out;
}

/** Markdown bullets for findings introduced and resolved. */
function findingBullets(lint: ProcessDiff['lint']): string[] {
  return [
    ...lint.introduced.map((f) => `- :warning: new ${f.severity} ${code(f.rule)}: ${md(f.message)} (${code(`${f.file}:${f.line}`)})`),
    ...lint.resolved.map((f) => `- :white_check_mark: resolved ${f.severity} ${code(f.rule)}: ${md(f.message)}`),
  ];
}

export function lintBadge(introduced: DiffFinding[]): string {
  const errors = introduced.filter((f) => f.severity === 'error').length;
  return errors ? `${introduced.length} (${errors} error${errors === 1 ? '' : 's'})` : String(introduced.length);
}

function statusWord(s: ProcessDiff['status']): string {
  return s;
}

function statusEmoji(s: ProcessDiff['status']): string {
  return s === 'added' ? '🟢' : s === 'removed' ? '🔴' : '🟡';
}
