/**
 * The responsibility matrix: every step each role does across all processes, with its SLA
 * and the role's simulated utilisation. Pure data; `crmflow roles` and the portal's role
 * pages turn it into Markdown, CSV or HTML.
 */
import { durationIn, t, type Lang, type MessageId } from '../i18n/index.js';
import { roleDescription, roleName } from '../i18n/roles.js';
import { stepName } from '../model/graph.js';
import { approversOf, levelApprovers } from '../model/approvers.js';
import type { Project, Step } from '../model/types.js';
import type { SimulationReport } from '../simulate/types.js';

/**
 * RACI letters as crmflow can know them from the files: R does the step, A approves it (an
 * approval step, or an approval tier) or owns the process (`owner:`, no step).
 */
export type Raci = 'R' | 'A';

export interface Duty {
  process: string;
  processName: string;
  /** Empty for the process-owner row. */
  step: string;
  stepName: string;
  type: Step['type'] | 'owner';
  raci: Raci;
  /** `8h`, or empty. */
  sla: string;
  /** The step a breach moves the case to, or empty. */
  breach: string;
}

export interface RoleDuties {
  role: string;
  name: string;
  headcount: number | null;
  builtIn: boolean;
  description: string;
  /**
   * The highest simulated utilisation (0–1) over the simulations given (each top process with
   * everything it calls), or null when there is none: the busiest the role gets.
   */
  utilisation: number | null;
  /** The simulation the utilisation comes from. */
  utilisationIn: string | null;
  duties: Duty[];
}

/** The matrix, roles by id; roles nobody uses are kept (an unused role is worth seeing). */
export function responsibilityMatrix(project: Project, simulations: readonly SimulationReport[] = []): RoleDuties[] {
  const byRole = new Map<string, Duty[]>();
  const add = (role: string, d: Duty) => (byRole.get(role) ?? byRole.set(role, []).get(role)!).push(d);
  const processes = [...project.processes.values()].sort((a, b) => a.id.localeCompare(b.id));
  for (const p of processes) {
    const processName = p.name ?? p.id;
    if (p.owner) add(p.owner, { process: p.id, processName, step: '', stepName: '', type: 'owner', raci: 'A', sla: '', breach: '' });
    for (const s of p.steps) {
      const base = { process: p.id, processName, step: s.id, stepName: stepName(s), type: s.type, sla: '', breach: '' };
      if ('sla' in s && s.sla) Object.assign(base, { sla: s.sla.within, breach: s.sla.breach ?? '' });
      const roles = new Set<string>();
      if ('role' in s && s.role) roles.add(s.role);
      for (const r of approversOf(s).roles) roles.add(r);
      if (s.type === 'approval' && s.tiers) for (const l of s.tiers.levels) for (const r of levelApprovers(l).roles) roles.add(r);
      for (const r of roles) add(r, { ...base, raci: s.type === 'approval' ? 'A' : 'R' });
    }
  }
  const ids = new Set([...project.roles.keys(), ...byRole.keys()]);
  return [...ids].sort().map((id) => {
    const role = project.roles.get(id);
    let utilisation: number | null = null;
    let utilisationIn: string | null = null;
    for (const sim of simulations) {
      const r = sim.roles.find((x) => x.role === id);
      if (r && (utilisation === null || r.utilisation > utilisation)) {
        utilisation = r.utilisation;
        utilisationIn = sim.process;
      }
    }
    return {
      role: id,
      name: role?.name ?? id,
      headcount: role && !role.builtIn ? (role.headcount ?? 1) : null,
      builtIn: role?.builtIn ?? false,
      description: role?.description ?? '',
      utilisation,
      utilisationIn,
      duties: byRole.get(id) ?? [],
    };
  });
}

/** Percent with no decimals, `—` when unknown. */
export function percent(x: number | null): string {
  return x === null ? '—' : `${Math.round(x * 100)} %`;
}

/** Markdown text: no line breaks, Markdown and HTML specials escaped. */
function md(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|#&]/g, (ch) => `\\${ch}`);
}

/** The matrix as Markdown: one section per role with a table of its duties. */
export function matrixMarkdown(matrix: readonly RoleDuties[], lang: Lang = 'en'): string {
  const w = (id: MessageId, params: Record<string, string | number> = {}) => t(lang, id, params);
  const out = [`# ${w('roles.title')}`, '', w('roles.explain'), ''];
  for (const r of matrix) {
    out.push(`## ${md(roleName(r.role, r.name, lang))} (\`${r.role}\`)`, '');
    const use = percent(r.utilisation);
    const facts = [r.builtIn ? w('roles.builtIn') : w('roles.headcount', { n: r.headcount ?? 1 }), w('roles.utilisation', { value: r.utilisationIn ? w('roles.simulating', { value: use, process: r.utilisationIn }) : use })];
    out.push(facts.join(' · '), '');
    const description = roleDescription(r.role, r.description ?? undefined, lang);
    if (description) out.push(md(description), '');
    if (!r.duties.length) {
      out.push(w('roles.noSteps'), '');
      continue;
    }
    const cols: MessageId[] = ['roles.colProcess', 'roles.colStep', 'roles.colRaci', 'roles.colSla', 'roles.colBreach'];
    out.push(`| ${cols.map((c) => w(c)).join(' | ')} |`, '| --- | --- | --- | --- | --- |');
    for (const d of r.duties) {
      const step = d.type === 'owner' ? `*${w('roles.owner')}*` : `${md(d.stepName)} (\`${d.step}\`)`;
      out.push(`| ${md(d.processName)} | ${step} | ${d.raci} | ${d.sla ? durationIn(lang, d.sla) : '—'} | ${d.breach ? `\`${d.breach}\`` : '—'} |`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export const CSV_COLUMNS = ['role', 'role_name', 'headcount', 'utilisation', 'process', 'process_name', 'step', 'step_name', 'type', 'raci', 'sla', 'breach'] as const;

/**
 * One CSV field (RFC 4180). A value a spreadsheet would run as a formula (`=`, `+`, `-`, `@`
 * first) gets a leading apostrophe: names come from anyone who can open a pull request.
 */
export function csvField(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The matrix as CSV, one row per duty (a role without duties gets one row with empty step). */
export function matrixCsv(matrix: readonly RoleDuties[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of matrix) {
    const head = [r.role, r.name, r.headcount, r.utilisation === null ? null : Math.round(r.utilisation * 1000) / 1000];
    const duties = r.duties.length ? r.duties : [null];
    for (const d of duties) {
      const rest = d ? [d.process, d.processName, d.step, d.stepName, d.type, d.raci, d.sla, d.breach] : ['', '', '', '', '', '', '', ''];
      lines.push([...head, ...rest].map(csvField).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
