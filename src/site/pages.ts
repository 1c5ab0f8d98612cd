/**
 * The portal's pages as strings: home (layer tree, KPIs), one page per process, one per role,
 * one per commit diff. Every name from a file goes through escapeXml; the same data gives the
 * same bytes (sorted everywhere, no build time).
 */
import { escapeXml as h } from '../model/escape.js';
import { approversOf, levelApprovers } from '../model/approvers.js';
import { fieldsOf } from '../model/cel.js';
import { describeDuration, formatDuration } from '../model/duration.js';
import { processLinks, stepName } from '../model/graph.js';
import type { Finding, Process, Project, Step } from '../model/types.js';
import type { LayerNode } from '../render/index.js';
import type { SimulationReport } from '../simulate/types.js';
import { commitsOf, type History } from './history.js';
import { percent, type RoleDuties } from './matrix.js';
import type { Words } from './words.js';

export interface SiteData {
  project: Project;
  tree: LayerNode[];
  findings: Finding[];
  simulations: Map<string, SimulationReport>;
  history: History;
  matrix: RoleDuties[];
  lang: string;
  w: Words;
  title: string;
  /** Files that did not load (shown on the home page, not linked). */
  broken: { file: string; line: number; column: number; message: string }[];
}

/** JSON safe inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function page(d: SiteData, base: string, title: string, body: string, head = ''): string {
  const w = d.w;
  return `<!doctype html>
<html lang="${h(d.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<link rel="stylesheet" href="${base}assets/site.css">
${head}</head>
<body data-base="${base}">
<header><a class="brand" href="${base}index.html">${h(d.title)}</a> <a href="${base}index.html">${h(w.processes)}</a> <a href="${base}roles.html">${h(w.roles)}</a>
<div class="search"><input id="search" type="search" placeholder="${h(w.search)}" aria-label="${h(w.search)}" autocomplete="off"><ul id="results" data-none="${h(w.noMatch)}"></ul></div></header>
<main>
${body}
</main>
<script src="${base}assets/search-index.js"></script>
<script src="${base}assets/site.js"></script>
</body>
</html>
`;
}

const processHref = (id: string) => `process/${id}.html`;
const roleHref = (id: string) => `role/${id}.html`;

function lintBadge(d: SiteData, findings: readonly Finding[]): string {
  const e = findings.filter((f) => f.severity === 'error').length;
  const wn = findings.length - e;
  if (!findings.length) return `<span class="badge ok">${h(d.w.lintClean)}</span>`;
  return [e ? `<span class="badge error">${e} ${h(d.w.errors)}</span>` : '', wn ? `<span class="badge warning">${wn} ${h(d.w.warnings)}</span>` : ''].filter(Boolean).join(' ');
}

function findingsOf(d: SiteData, p: Process): Finding[] {
  return d.findings.filter((f) => f.file === p.file);
}

function roleLink(d: SiteData, base: string, role: string | undefined): string {
  if (!role) return '';
  const name = d.project.roles.get(role)?.name;
  return `<a href="${base}${roleHref(role)}">${h(name ?? role)}</a>`;
}

/** The home page: the layer tree with owner, step count and lint status, and the KPIs. */
export function homePage(d: SiteData): string {
  const w = d.w;
  const item = (n: LayerNode): string => {
    const p = d.project.processes.get(n.id)!;
    const owner = p.owner ? ` · ${h(w.owner)} ${roleLink(d, '', p.owner)}` : '';
    const line = `<a href="${processHref(n.id)}">${h(n.name)}</a> <span class="layer">${h(n.layer)}</span> <small>${h(n.id)}${owner} · ${p.steps.length} ${h(w.steps)}</small> ${lintBadge(d, findingsOf(d, p))}`;
    return `<li>${line}${n.children.length ? `\n<ul class="tree">\n${n.children.map(item).join('\n')}\n</ul>` : ''}</li>`;
  };
  const body = [`<h1>${h(d.title)}</h1>`, `<p class="muted">${h(w.generated)}</p>`, `<h2>${h(w.layerTree)}</h2>`, `<ul class="tree" id="tree">\n${d.tree.map(item).join('\n')}\n</ul>`];
  body.push(kpiTable(d));
  if (d.broken.length) {
    body.push(`<h2>${h(w.notLoaded)}</h2>`, '<ul>', ...d.broken.map((b) => `<li><code>${h(`${b.file}:${b.line}:${b.column}`)}</code> ${h(b.message)}</li>`), '</ul>');
  }
  return page(d, '', d.title, body.join('\n'));
}

function kpiTable(d: SiteData): string {
  const kpis = d.project.config.kpis ?? [];
  if (!kpis.length) return '';
  const w = d.w;
  const rows = kpis.map((k) => {
    // The simulation of the process where the KPI starts measures it most directly.
    const start = k.from.split('/')[0]!;
    const sims = [d.simulations.get(start), ...[...d.simulations.keys()].sort().map((id) => d.simulations.get(id))];
    const r = sims.map((s) => s?.kpis.find((x) => x.id === k.id)).find((x) => x && x.count > 0);
    const target = Object.entries(k.target).map(([stat, v]) => `${stat} ≤ ${v}`).join(', ');
    const value = r?.value != null ? `${r.statistic} ${formatDuration(r.value)}` : '—';
    const status = r ? `<span class="badge ${r.met ? 'ok' : 'error'}">${h(r.met ? w.met : w.missed)}</span>` : '';
    return `<tr><td>${h(k.name ?? k.id)}</td><td><a href="${processHref(start)}">${h(k.from)}</a> → ${h(k.to)}</td><td>${h(target)}</td><td class="num">${h(value)}</td><td>${status}</td></tr>`;
  });
  return `<h2>${h(w.kpis)}</h2>\n<table class="kpis"><tr><th>${h(w.kpi)}</th><th></th><th>${h(w.target)}</th><th>${h(w.simulated)}</th><th></th></tr>\n${rows.join('\n')}\n</table>`;
}

/** Case fields a step reads or writes into messages. */
function fieldsUsed(step: Step): string[] {
  const found = new Set<string>();
  const cel = (expr: string | undefined) => {
    if (!expr) return;
    try {
      for (const f of fieldsOf(expr)) found.add(f);
    } catch {
      // A condition that does not parse is validation's business; it names no fields here.
    }
  };
  if (step.type === 'decision') for (const b of step.branches) if ('when' in b) cel(b.when);
  if ('on' in step && step.on) for (const v of Object.values(step.on)) if (typeof v === 'object') cel(v.when);
  if (step.type === 'approval' && step.tiers) cel(step.tiers.field);
  for (const a of step.actions ?? []) for (const m of (a.template ?? '').matchAll(/\{case\.([A-Za-z_][A-Za-z0-9_]*)\}/g)) found.add(m[1]!);
  return [...found].sort();
}

function approvalText(d: SiteData, base: string, step: Step): string {
  if (step.type !== 'approval') return '';
  const parts: string[] = [];
  const who = approversOf(step);
  if (who.mode !== 'single' || who.roles.length > 1) parts.push(`mode ${h(who.mode)}`);
  if (who.supervisor !== undefined) parts.push(`supervisor ${h(String(who.supervisor))}`);
  else if (!step.tiers && who.roles.length > 1) parts.push(who.roles.map((r) => roleLink(d, base, r)).join(', '));
  if (step.tiers) {
    const levels = step.tiers.levels.map((l) => `${l.below !== undefined ? `&lt; ${h(String(l.below))}: ` : ''}${levelApprovers(l).roles.map((r) => roleLink(d, base, r)).join(', ')}${l.mode ? ` (${h(l.mode)})` : ''}`);
    parts.push(`${h(step.tiers.field)}: ${levels.join('; ')}`);
  }
  return parts.join('<br>') || roleLink(d, base, step.role);
}

function stepRow(d: SiteData, base: string, p: Process, s: Step): string {
  const role = 'role' in s ? roleLink(d, base, s.role) : '';
  const duration = 'duration' in s && s.duration !== undefined ? describeDuration(s.duration) : s.type === 'wait' && s.for !== undefined ? describeDuration(s.for) : '';
  let sla = '';
  if ('sla' in s && s.sla) sla = `${h(s.sla.within)}${s.sla.calendar ? ` <small>(${h(s.sla.calendar)})</small>` : ''}${s.sla.breach ? ` → ${h(d.w.breach)} <code>${h(s.sla.breach)}</code>` : ''}`;
  const actions = (s.actions ?? []).map((a) => [a.notify ? `notify ${h(a.notify)}` : '', a.webhook ? `webhook ${h(a.webhook)}` : '', a.template ? `<small>“${h(a.template)}”</small>` : ''].filter(Boolean).join(' ')).join('<br>');
  const name = s.type === 'subprocess' && d.project.processes.has(s.process) ? `<a href="${s.process}.html">${h(stepName(s))}</a>` : h(stepName(s));
  return `<tr id="step-${h(s.id)}"><td>${name}<br><small>${h(s.id)}</small></td><td>${h(s.type)}</td><td>${role}</td><td>${h(duration)}</td><td>${sla}</td><td>${approvalText(d, base, s)}</td><td>${actions}</td><td>${fieldsUsed(s).map((f) => `<code>${h(f)}</code>`).join(' ')}</td></tr>`;
}

/** One process: diagram with heat overlay, steps, findings, last simulation and history. */
export function processPage(d: SiteData, p: Process, svg: string): string {
  const w = d.w;
  const base = '../';
  const body: string[] = [`<h1>${h(p.name ?? p.id)}</h1>`];
  const meta = [`<span class="layer">${h(p.layer)}</span>`, `<code>${h(p.id)}</code>`, `<small>${h(p.file)}</small>`];
  if (p.owner) meta.push(`${h(w.owner)} ${roleLink(d, base, p.owner)}`);
  meta.push(lintBadge(d, findingsOf(d, p)));
  body.push(`<p>${meta.join(' · ')}</p>`);
  const links = processLinks(d.project);
  if (p.refines) {
    const [up, step] = p.refines.split('/') as [string, string];
    const upName = d.project.processes.get(up)?.name ?? up;
    const target = d.project.processes.has(up) ? `<a class="up" href="${up}.html#step-${h(step)}">↑ ${h(upName)} / ${h(step)}</a>` : h(p.refines);
    body.push(`<p>${h(w.refines)}: ${target}</p>`);
  }
  const callers = [...new Set(links.filter((l) => l.kind === 'calls' && l.to === p.id).map((l) => l.from))].sort();
  if (callers.length) body.push(`<p>${h(w.calledBy)}: ${callers.map((c) => `<a href="${c}.html">${h(d.project.processes.get(c)?.name ?? c)}</a>`).join(', ')}</p>`);
  if (p.description) body.push(`<p>${h(p.description)}</p>`);

  const sim = d.simulations.get(p.id);
  const heat = heatOf(d, p, sim);
  const inline = svg.replace(/^<\?xml[^>]*\?>\s*/, '');
  body.push(
    `<h2>${h(w.diagram)}</h2>`,
    `<div class="diagram"><div class="controls"><button type="button" data-zoom="in" title="${h(w.zoomIn)}">+</button><button type="button" data-zoom="out" title="${h(w.zoomOut)}">−</button><button type="button" data-zoom="reset">${h(w.reset)}</button>${
      Object.keys(heat).length ? ` <label><input type="checkbox" id="heat" checked> ${h(w.heat)}</label>` : ''
    }</div>`,
    `<div class="viewport">${inline}</div></div>`,
  );
  if (Object.keys(heat).length) body.push(`<script type="application/json" id="heat-data">${scriptJson(heat)}</script>`);

  body.push(
    `<h2>${h(w.stepTable)}</h2>`,
    `<table class="steps"><tr><th>${h(w.step)}</th><th>${h(w.type)}</th><th>${h(w.role)}</th><th>${h(w.duration)}</th><th>${h(w.sla)}</th><th>${h(w.approvals)}</th><th>${h(w.actions)}</th><th>${h(w.fields)}</th></tr>`,
    ...p.steps.map((s) => stepRow(d, base, p, s)),
    '</table>',
  );

  const findings = findingsOf(d, p);
  body.push(`<h2>${h(w.findings)}</h2>`);
  if (!findings.length) body.push(`<p class="muted">${h(w.noFindings)}</p>`);
  else {
    body.push('<table class="findings">');
    for (const f of findings) body.push(`<tr><td><span class="badge ${f.severity}">${h(f.severity)}</span></td><td><code>${h(f.rule)}</code></td><td><small>${f.line}:${f.column}</small></td><td>${f.step ? `<a href="#step-${h(f.step)}">${h(f.step)}</a>` : ''}</td><td>${h(f.message)}</td></tr>`);
    body.push('</table>');
  }

  body.push(`<h2>${h(w.simulation)}</h2>`);
  if (!sim) body.push(`<p class="muted">${h(w.notSimulated)}</p>`);
  else body.push(simulationSummary(d, p, sim));

  body.push(`<h2>${h(w.history)}</h2>`);
  const commits = commitsOf(d.history, p.file);
  if (!commits.length) body.push(`<p class="muted">${h(w.noHistory)}${d.history.reason ? ` (${h(d.history.reason)})` : ''}</p>`);
  else {
    body.push(`<table class="history"><tr><th>${h(w.commit)}</th><th>${h(w.author)}</th><th>${h(w.date)}</th><th>${h(w.change)}</th></tr>`);
    for (const c of commits) {
      const short = c.sha.slice(0, 7);
      const sha = d.history.diffs.has(c.sha) ? `<a href="${base}history/${c.sha}.html"><code>${short}</code></a>` : `<code>${short}</code>`;
      body.push(`<tr><td>${sha}</td><td>${h(c.author)}</td><td>${h(c.date)}</td><td>${h(c.subject)}</td></tr>`);
    }
    body.push('</table>');
  }
  return page(d, base, `${p.name ?? p.id} · ${d.title}`, body.join('\n'));
}

/**
 * Each step's share of cycle time for the heat overlay; a subprocess step gets the time of
 * every step in the processes it calls (directly or further down), where that time is spent.
 */
function heatOf(d: SiteData, p: Process, sim: SimulationReport | undefined): Record<string, number> {
  const owner = new Map<string, string>();
  const calls = processLinks(d.project).filter((l) => l.kind === 'calls');
  for (const s of p.steps) {
    if (s.type !== 'subprocess') continue;
    const stack = [s.process];
    while (stack.length) {
      const id = stack.pop()!;
      if (owner.has(id) || id === p.id) continue;
      owner.set(id, s.id);
      for (const l of calls) if (l.from === id) stack.push(l.to);
    }
  }
  const sum = new Map<string, number>();
  for (const r of sim?.steps ?? []) {
    const step = r.process === p.id ? r.step : owner.get(r.process);
    if (step && r.share > 0) sum.set(step, (sum.get(step) ?? 0) + r.share);
  }
  const heat: Record<string, number> = {};
  for (const [k, v] of [...sum].sort(([a], [b]) => a.localeCompare(b))) heat[k] = Math.round(v * 10000) / 10000;
  return heat;
}

function simulationSummary(d: SiteData, p: Process, sim: SimulationReport): string {
  const w = d.w;
  const ct = sim.cycleTime;
  const out = [`<p>${sim.cases} ${h(w.cases)} · seed ${sim.seed} · ${h(w.cycleTime)}: mean ${formatDuration(ct.mean)}, p50 ${formatDuration(ct.p50)}, p90 ${formatDuration(ct.p90)}</p>`];
  const outcomes = Object.entries(sim.outcomes).sort(([a], [b]) => a.localeCompare(b));
  if (outcomes.length) out.push(`<p>${outcomes.map(([o, n]) => `${h(o)}: ${n}`).join(' · ')}</p>`);
  const top = [...sim.steps].filter((s) => s.share > 0).sort((a, b) => b.share - a.share || a.process.localeCompare(b.process) || a.step.localeCompare(b.step)).slice(0, 8);
  if (top.length) {
    out.push(`<h3>${h(w.whereTimeGoes)}</h3>`, `<table class="time"><tr><th>${h(w.step)}</th><th>${h(w.role)}</th><th>${h(w.share)}</th><th>${h(w.waiting)}</th><th>${h(w.working)}</th></tr>`);
    for (const s of top) {
      const link = s.process === p.id ? `<a href="#step-${h(s.step)}">${h(s.name)}</a>` : `<a href="${s.process}.html#step-${h(s.step)}">${h(s.name)}</a> <small>${h(s.process)}</small>`;
      out.push(`<tr><td>${link}</td><td>${s.role ? roleLink(d, '../', s.role) : ''}</td><td class="num"><span class="bar" style="width:${Math.round(s.share * 120)}px"></span> ${percent(s.share)}</td><td class="num">${formatDuration(s.waiting.mean)}</td><td class="num">${formatDuration(s.working.mean)}</td></tr>`);
    }
    out.push('</table>');
  }
  const slas = sim.slas.filter((s) => s.process === p.id && s.entered > 0);
  if (slas.length) {
    out.push(`<table class="slas"><tr><th>${h(w.sla)}</th><th></th><th></th></tr>`);
    for (const s of slas) out.push(`<tr><td><a href="#step-${h(s.step)}">${h(s.step)}</a></td><td>${h(s.within)} <small>${h(s.unit)}</small></td><td class="num">${percent(s.rate)} (${s.breached}/${s.entered})</td></tr>`);
    out.push('</table>');
  }
  return out.join('\n');
}

/** The list of roles with headcount, utilisation and how many steps each does. */
export function rolesPage(d: SiteData): string {
  const w = d.w;
  const rows = d.matrix.map((r) => `<tr><td><a href="${roleHref(r.role)}">${h(r.name)}</a> <small>${h(r.role)}</small></td><td class="num">${r.builtIn ? h(w.builtIn) : r.headcount}</td><td class="num">${percent(r.utilisation)}</td><td class="num">${r.duties.length}</td></tr>`);
  return page(d, '', `${w.roles} · ${d.title}`, `<h1>${h(w.roles)}</h1>\n<table class="roles"><tr><th>${h(w.role)}</th><th>${h(w.headcount)}</th><th>${h(w.utilisation)}</th><th>${h(w.duties)}</th></tr>\n${rows.join('\n')}\n</table>`);
}

/** One role: everything it does across processes (R does, A approves or owns), SLAs, utilisation. */
export function rolePage(d: SiteData, r: RoleDuties): string {
  const w = d.w;
  const base = '../';
  const body = [`<h1>${h(r.name)}</h1>`, `<p><code>${h(r.role)}</code> · ${r.builtIn ? h(w.builtIn) : `${h(w.headcount)} ${r.headcount}`} · ${h(w.utilisation)} ${percent(r.utilisation)}${r.utilisationIn ? ` <small>(${h(r.utilisationIn)})</small>` : ''}</p>`];
  if (r.description) body.push(`<p>${h(r.description)}</p>`);
  body.push(`<h2>${h(w.duties)}</h2>`, `<table class="duties"><tr><th>${h(w.process)}</th><th>${h(w.step)}</th><th>RACI</th><th>${h(w.sla)}</th><th>${h(w.breach)}</th></tr>`);
  for (const x of r.duties) {
    const step = x.type === 'owner' ? `<em>${h(w.owner)}</em>` : `<a href="${base}${processHref(x.process)}#step-${h(x.step)}">${h(x.stepName)}</a> <small>${h(x.type)}</small>`;
    body.push(`<tr><td><a href="${base}${processHref(x.process)}">${h(x.processName)}</a></td><td>${step}</td><td>${x.raci}</td><td>${h(x.sla)}</td><td>${x.breach ? `<code>${h(x.breach)}</code>` : ''}</td></tr>`);
  }
  body.push('</table>');
  return page(d, base, `${r.name} · ${d.title}`, body.join('\n'));
}

/** One commit's `crmflow diff` output. */
export function diffPage(d: SiteData, sha: string, text: string): string {
  const c = d.history.commits.find((x) => x.sha === sha);
  const head = c ? `<p><code>${h(sha)}</code> · ${h(c.author)} · ${h(c.date)}</p><p>${h(c.subject)}</p>` : '';
  const body = `<h1>${h(c?.subject ?? sha)}</h1>\n${head}\n<p><code>crmflow diff ${h(c?.parent.slice(0, 7) ?? '')} ${h(sha.slice(0, 7))}</code></p>\n<pre class="diff">${h(text)}</pre>`;
  return page(d, '../', `${sha.slice(0, 7)} · ${d.title}`, body);
}

/** Search entries: [shown text, href from the site root, what it is, extra words to match]. */
export function searchIndex(d: SiteData): string {
  const entries: [string, string, string, string][] = [];
  for (const p of [...d.project.processes.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    entries.push([p.name ?? p.id, processHref(p.id), `${p.layer} · ${p.id}`, p.id]);
    for (const s of p.steps) entries.push([stepName(s), `${processHref(p.id)}#step-${s.id}`, `${p.name ?? p.id} · ${s.type}`, s.id]);
  }
  for (const r of d.matrix) entries.push([r.name, roleHref(r.role), d.w.role, r.role]);
  return `window.CRMFLOW_SEARCH=${scriptJson(entries)};\n`;
}
