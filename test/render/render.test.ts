/**
 * Diagram checks on every example process, a Chinese-named fixture and a fixture with
 * hostile names: well-formed XML, every step once, no overlaps, steps inside their lane,
 * no edge through a step, labels that fit, byte-identical output, escaped text.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/model/load.js';
import type { Process, Project } from '../../src/model/types.js';
import { renderSvg, toMermaid, layerTree, docsIndexHtml, docsIndexMarkdown } from '../../src/render/index.js';
import { DIRECTIONS, GEOMETRY, hasExternalLabel, labelBox, layoutProcess, type Direction, type Layout } from '../../src/render/layout.js';
import { drawSvg } from '../../src/render/svg.js';
import { FONT_FAMILY, textWidth, wrapText } from '../../src/render/text.js';
import { BUNDLED_FONTS, svgToPng, uncoveredCharacters } from '../../src/render/png.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIX = join(import.meta.dirname, 'fixtures');

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Checks that tags nest, attributes are quoted and entities are known (on top of resvg's XML parser). */
function wellFormed(svg: string): void {
  expect(() => new Resvg(svg)).not.toThrow();
  const stack: string[] = [];
  const body = svg.replace(/^<\?xml[^>]*\?>\s*/, '');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|#39);)/g)) {
    if (m[0] === '<' || m[0].startsWith('&')) throw new Error(`stray ${m[0]} at ${m.index}: ${body.slice(m.index! - 40, m.index! + 40)}`);
    if (m[1]) expect(stack.pop(), `closing ${m[2]}`).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
}

function checkLayout(process: Process, layout: Layout, direction: Direction): void {
  const ids = [...new Set(process.steps.map((s) => s.id))];
  expect(layout.steps.map((s) => s.id).sort()).toEqual([...ids].sort());
  expect(layout.direction ?? 'right').toBe(direction);
  const typeOf = (id: string) => process.stepById.get(id)!.type;
  const nameBox = (s: Box & { lines: string[] }, id: string) => (hasExternalLabel(typeOf(id)) ? labelBox({ ...s, id, lane: '' }, typeOf(id), direction) : undefined);
  // Shapes plus the labels written beside events and gateways.
  const boxes = layout.steps.map((s) => ({ id: s.id, shape: s as Box, label: nameBox(s, s.id) }));
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      for (const x of [a.shape, a.label]) for (const y of [b.shape, b.label]) if (x && y) expect(overlap(x, y), `${a.id} overlaps ${b.id}`).toBe(false);
    }
  // Every step lies inside its lane's band (a row, or a column when the flow runs down); bands
  // stack without gaps or overlaps.
  const across = direction === 'down' ? (l: Layout['lanes'][number]) => ({ start: l.x!, size: l.width! }) : (l: Layout['lanes'][number]) => ({ start: l.y, size: l.height });
  for (const s of layout.steps) {
    const lane = layout.lanes.find((l) => l.role === s.lane)!;
    expect(lane, s.id).toBeDefined();
    const label = nameBox(s, s.id);
    const [lo, hi] = direction === 'down' ? ['x', 'width'] as const : ['y', 'height'] as const;
    const start = Math.min(s[lo], label ? label[lo] : Infinity);
    const end = Math.max(s[lo] + s[hi], label ? label[lo] + label[hi] : 0);
    expect(start, `${s.id} start`).toBeGreaterThanOrEqual(across(lane).start);
    expect(end, `${s.id} end`).toBeLessThanOrEqual(across(lane).start + across(lane).size);
    expect(s.x + s.width).toBeLessThanOrEqual(layout.width);
    expect(s.y + s.height).toBeLessThanOrEqual(layout.height);
  }
  for (let k = 1; k < layout.lanes.length; k++) expect(across(layout.lanes[k]!).start).toBe(across(layout.lanes[k - 1]!).start + across(layout.lanes[k - 1]!).size);
  // No edge segment passes through a step other than its own ends (nor through its ends' insides).
  for (const e of layout.edges) {
    expect(e.points.length, `${e.from}->${e.to}`).toBeGreaterThanOrEqual(2);
    for (let k = 1; k < e.points.length; k++) {
      const a = e.points[k - 1]!;
      const b = e.points[k]!;
      expect(a.x === b.x || a.y === b.y, `${e.from}->${e.to} is orthogonal`).toBe(true);
      const seg = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x) || 0.01, height: Math.abs(a.y - b.y) || 0.01 };
      for (const s of layout.steps) {
        const inner = { x: s.x + 1, y: s.y + 1, width: s.width - 2, height: s.height - 2 };
        expect(overlap(seg, inner), `${e.from}->${e.to} crosses ${s.id}`).toBe(false);
      }
    }
  }
  // Edge labels sit clear of every step, every step name and each other.
  const edgeLabels = layout.edges.filter((e) => e.labelBox);
  for (const [k, e] of edgeLabels.entries()) {
    for (const b of boxes) for (const x of [b.shape, b.label]) if (x) expect(overlap(e.labelBox!, x), `label "${e.label}" on ${b.id}`).toBe(false);
    for (const f of edgeLabels.slice(k + 1)) expect(overlap(e.labelBox!, f.labelBox!), `labels "${e.label}" and "${f.label}"`).toBe(false);
    expect(textWidth(e.label!, GEOMETRY.edgeLabelSize)).toBeLessThanOrEqual(e.labelBox!.width);
  }
  expect(layout.edges.filter((e) => e.label && !e.labelBox)).toEqual([]);
  // Text fits: each line of a box is narrower than the box.
  for (const s of layout.steps) {
    if (hasExternalLabel(typeOf(s.id))) continue;
    for (const line of s.lines) expect(textWidth(line) + 2 * GEOMETRY.taskPadX - 0.5, `${s.id}: ${line}`).toBeLessThanOrEqual(s.width);
  }
}

/** Checks every process of `project` laid out in both directions. */
async function checkProject(project: Project): Promise<void> {
  for (const direction of DIRECTIONS) await checkProjectIn(project, direction);
}

async function checkProjectIn(project: Project, direction: Direction): Promise<void> {
  for (const p of project.processes.values()) {
    const layout = await layoutProcess(project, p, { direction });
    checkLayout(p, layout, direction);
    const svg = drawSvg(project, p, layout, { hrefFor: (id) => `${id}.svg` });
    wellFormed(svg);
    for (const id of new Set(p.steps.map((s) => s.id))) {
      const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(svg.match(new RegExp(`<g class="step[^"]*" data-step="${escaped}"`, 'g'))?.length, id).toBe(1);
    }
    expect(svg).not.toMatch(/<script/i);
    expect(await renderSvg(project, p, { hrefFor: (id) => `${id}.svg`, direction })).toBe(svg);
  }
}

describe('render: the example project', () => {
  let project: Project;
  beforeAll(async () => {
    project = await loadProject({ cwd: ROOT });
  });
  it('draws every process with sound geometry, byte-identically', async () => {
    expect(project.processes.size).toBeGreaterThan(3);
    await checkProject(project);
  });
  it('links subprocesses down and refined processes up', async () => {
    const strategy = await renderSvg(project, project.processes.get('customer-lifecycle')!, { hrefFor: (id) => `${id}.svg` });
    expect(strategy).toContain('href="lead-to-cash.svg"');
    const core = await renderSvg(project, project.processes.get('lead-to-cash')!, { hrefFor: (id) => `${id}.svg` });
    expect(core).toContain('href="customer-lifecycle.svg"');
    const tree = layerTree(project);
    expect(tree[0]!.id).toBe('customer-lifecycle');
    expect(tree[0]!.children.map((c) => c.id)).toContain('lead-to-cash');
    const html = docsIndexHtml(tree, 'svg');
    expect(html).toMatch(/customer-lifecycle\.svg[\s\S]*<ul>[\s\S]*lead-to-cash\.svg[\s\S]*<ul>[\s\S]*lead-assignment\.svg/);
  });
  it('marks exceptions, approvals, SLAs and subprocesses', async () => {
    const svg = await renderSvg(project, project.processes.get('lead-assignment')!);
    expect(svg).toContain('class="edge exception"');
    expect(svg).toContain('stroke-dasharray="6 4"');
    expect(svg).toContain('<g class="sla">');
    expect(svg).toContain('>24h<');
    const dark = await renderSvg(project, project.processes.get('lead-assignment')!, { theme: 'dark' });
    expect(dark).not.toBe(svg);
    expect(dark).toContain('#0d1117');
  });
  it('colours highlighted steps for diff', async () => {
    const p = project.processes.get('discount-approval')!;
    const id = p.steps[1]!.id;
    const svg = await renderSvg(project, p, { highlight: { [id]: 'added' } });
    expect(svg).toMatch(new RegExp(`class="step added" data-step="${id}"`));
  });
  it('writes Mermaid with one subgraph per lane', () => {
    const p = project.processes.get('lead-assignment')!;
    const m = toMermaid(project, p, { classes: { 'first-contact': 'changed' } });
    expect(m.startsWith('flowchart LR\n')).toBe(true);
    // system, sales-rep (with the pool), sales-manager
    expect(m.match(/^ {2}subgraph /gm)?.length).toBe(3);
    expect(m).toContain('-.->|"recycle 7d"|');
    expect(m).toContain('class s_first_contact changed');
  });
});

describe('render: approval modes and pools', () => {
  it('draws ∥ for all/any and ≡ for sequence with the mode in the process language, the approvers, and a pool as a store in its lane', async () => {
    const project = await loadProject({ cwd: join(FIX, 'approvals') });
    expect(project.findings.filter((f) => f.severity === 'error')).toEqual([]);
    await checkProject(project);
    const step = (svg: string, id: string) => new RegExp(`<g class="step" data-step="${id}"[\\s\\S]*?</g>`).exec(svg)![0];
    const zh = await renderSvg(project, project.processes.get('hetong')!);
    expect(step(zh, 'countersign')).toContain('data-marker="parallel"');
    expect(step(zh, 'countersign')).toContain('>会签: legal · finance<');
    expect(step(zh, 'either')).toContain('>或签: finance · legal<');
    expect(step(zh, 'chain')).toContain('data-marker="sequential"');
    expect(step(zh, 'chain')).toContain('>依次审批: 上级 2 级<');
    expect(step(zh, 'lead-pool')).toMatch(/data-type="pool"[^>]*>[\s\S]*<path d="M1,5 A/);
    expect(step(zh, 'lead-pool')).toContain('(sales-rep ≤ 30)');
    const layout = await layoutProcess(project, project.processes.get('hetong')!);
    expect(layout.steps.find((s) => s.id === 'lead-pool')!.lane).toBe('sales-rep');
    const en = await renderSvg(project, project.processes.get('contract')!);
    expect(step(en, 'countersign')).toContain('>all-of: legal · finance<');
    expect(step(en, 'either')).toContain('>any-of: finance · legal<');
    expect(step(en, 'in-order')).toContain('data-marker="sequential"');
    // Long notes wrap; read the lines together.
    const text = (svg: string, id: string) => [...step(svg, id).matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join('');
    expect(text(en, 'in-order')).toBe('in-orderin sequence: sales-manager · sales-director');
    expect(step(en, 'draft')).not.toContain('multi-instance');
  });
});

describe('render: Chinese names', () => {
  it('fits Chinese labels and keeps geometry sound', async () => {
    const project = await loadProject({ cwd: join(FIX, 'cjk') });
    await checkProject(project);
    const p = project.processes.get('zhekou-shenpi')!;
    const layout = await layoutProcess(project, p);
    const task = layout.steps.find((s) => s.id === 'tianxie')!;
    expect(task.lines.length).toBeGreaterThan(1); // long names wrap
    expect(task.lines.join('')).toBe('填写客户信息、折扣比例和合同金额并上传报价单');
    expect(layout.lanes.map((l) => l.label)).toEqual(['销售代表', '销售经理']);
  });
  it('counts wide characters as full width', () => {
    expect(textWidth('销售')).toBe(26);
    expect(textWidth('ab')).toBeLessThan(textWidth('销售'));
    expect(wrapText('销售经理审批折扣', 60)).toEqual(['销售经理', '审批折扣']);
  });
  // The widths are DejaVu Sans's, and crmflow ships that font: measure with it alone, no system font.
  it('measures no narrower than the shipped font draws (resvg, DejaVu Sans, no system fonts)', () => {
    for (const f of BUNDLED_FONTS) expect(existsSync(f), `${f} is missing: fonts/ ships with crmflow`).toBe(true);
    const cases: [string, boolean][] = [['Assign lead to a sales rep', false], ['WWW MMM mmm', false], ['Qualify need, budget and timing', false], ['iiii llll ....', false], ['Discount approval', true], ['WWW MMM', true]];
    for (const [text, bold] of cases) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="40"><text x="0" y="20" font-family="${FONT_FAMILY.replace(/"/g, '')}" font-size="13"${bold ? ' font-weight="bold"' : ''}>${text}</text></svg>`;
      const box = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: BUNDLED_FONTS, defaultFontFamily: 'DejaVu Sans' } }).getBBox();
      expect(box, `${text}: nothing drawn`).toBeDefined();
      expect(box!.width, text).toBeLessThanOrEqual(textWidth(text, 13, bold) + 1);
      // The ink is narrower than the advances by the side bearings of the first and last letter only.
      expect(box!.width, text).toBeGreaterThan(textWidth(text, 13, bold) - 4);
    }
  });
  it('draws Latin text into a PNG without any system font', async () => {
    const page = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="30"><rect width="200" height="30" fill="#fff"/><text x="4" y="20" font-family="${FONT_FAMILY.replace(/"/g, '')}" font-size="13">${text}</text></svg>`;
    const blank = await svgToPng(page(''), { systemFonts: false, scale: 1 });
    const drawn = await svgToPng(page('Assign lead'), { systemFonts: false, scale: 1 });
    expect(Buffer.from(drawn).equals(Buffer.from(blank)), 'the text drew nothing').toBe(false);
    expect(await uncoveredCharacters(['Assign lead — 5 % off'], [])).toEqual([]);
  });
});

describe('render: every shape', () => {
  it('puts role-less steps into a neighbour\'s lane and links the subprocess', async () => {
    const project = await loadProject({ cwd: join(FIX, 'shapes') });
    await checkProject(project);
    const p = project.processes.get('fork-join')!;
    const layout = await layoutProcess(project, p);
    expect(layout.lanes.map((l) => l.role)).toEqual(['customer']);
    const svg = await renderSvg(project, p, { hrefFor: (id) => `${id}.svg` });
    expect(svg).toMatch(/data-step="onboard"[^>]*>[\s\S]*?<a href="onboarding\.svg"/);
    expect(svg).toContain('data-type="parallel"');
    expect(svg).toContain('data-type="wait"');
  });
});

describe('render: a large process', () => {
  it('keeps the geometry sound with 40 steps, 6 roles, rework loops and skips', async () => {
    const roles = ['sales-rep', 'sales-manager', 'legal', 'ar-clerk', 'customer', 'system'];
    const steps: string[] = ['  - { id: s0, type: start, next: t1 }'];
    for (let i = 1; i <= 38; i++) {
      const next = i === 38 ? 'done' : `t${i + 1}`;
      if (i % 7 === 0) steps.push(`  - { id: t${i}, type: decision, name: "Check ${i}?", branches: [{ when: "case.x > ${i}", next: ${next} }, { else: t${i - 3} }] }`);
      else steps.push(`  - { id: t${i}, type: task, name: "Step ${i} for ${roles[i % 6]}", role: ${roles[i % 6]}, next: ${next}${i % 5 === 0 ? `, on: { rejected: ${i + 9 <= 38 ? `t${i + 9}` : 'done'} }` : ''} }`);
    }
    steps.push('  - { id: done, type: end, outcome: closed }');
    const { buildProject } = await import('../../src/model/project.js');
    const text = ['crmflow: 1', 'id: big', 'layer: operation', 'steps:', ...steps].join('\n');
    const config = `crmflow: 1\nroles:\n${roles.filter((r) => r !== 'customer' && r !== 'system').map((r) => `  ${r}: {}`).join('\n')}\n`;
    const project = buildProject({ root: '/big', config: { path: 'crmflow.yaml', bytes: new TextEncoder().encode(config) }, files: [{ path: 'processes/big.yaml', bytes: new TextEncoder().encode(text) }] });
    expect(project.findings.filter((f) => f.severity === 'error')).toEqual([]);
    await checkProject(project);
    const layout = await layoutProcess(project, project.processes.get('big')!);
    // One lane per role; their order is chosen to cut crossings (see orderLanes).
    expect(layout.lanes.map((l) => l.role).sort()).toEqual(['ar-clerk', 'customer', 'legal', 'sales-manager', 'sales-rep', 'system']);
  });
});

describe('render: hostile names', () => {
  it('writes them as harmless text', async () => {
    const project = await loadProject({ cwd: join(FIX, 'hostile') });
    await checkProject(project);
    const p = project.processes.get('hostile')!;
    const svg = await renderSvg(project, p);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('" onload="');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('&quot; onload=&quot;x');
    expect(svg).not.toMatch(/<[^>]*\son\w+=/); // no event-handler attribute on any element
    const m = toMermaid(project, p);
    for (const line of m.split('\n').filter((l) => l.includes('"'))) {
      // Inside a quoted label no raw quote, angle bracket or pipe survives.
      for (const q of line.matchAll(/"([^"]*)"/g)) expect(q[1]).not.toMatch(/[<>|"]/);
    }
    const html = docsIndexHtml(layerTree(project), 'svg');
    expect(html).not.toContain('<script>alert');
    const md = docsIndexMarkdown(layerTree(project), 'mmd');
    expect(md).toContain('&lt;script&gt;');
    expect(md).not.toContain('<script>');
  });
});
