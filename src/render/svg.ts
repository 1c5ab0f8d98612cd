/**
 * SVG from a layout: BPMN-like shapes in role lanes. Plain SVG 1.1 with presentation
 * attributes only (no CSS, no scripts), so browsers, GitHub and resvg draw it the same.
 * Every number is rounded and every text escaped: the same input gives the same bytes.
 */
import { escapeXml } from '../model/escape.js';
import { stepName } from '../model/graph.js';
import type { Process, Project, Step } from '../model/types.js';
import { GEOMETRY, hasExternalLabel, isGateway, labelBox, laneHeaderHeight, laneHeaderWidth, multiMarker, slaBadgeWidth, type Layout } from './layout.js';
import { FONT_FAMILY, FONT_SIZE, LINE_HEIGHT, textWidth, wrapText } from './text.js';
import { THEMES, type Theme } from './themes.js';
import { part, t, type Lang } from '../i18n/index.js';

export type Highlight = 'added' | 'removed' | 'changed';

export interface SvgOptions {
  theme?: 'light' | 'dark';
  /** Colour steps as added / removed / changed (used by `crmflow diff --svg`). */
  highlight?: Record<string, Highlight>;
  /** Link target of another process's diagram, e.g. `lead-to-cash.svg`; undefined for no link. */
  hrefFor?: (processId: string) => string | undefined;
  /** Language of the title band and legend (default en); names from the YAML are drawn as written. */
  lang?: Lang;
}

/** Formats a coordinate: at most one decimal, no trailing zeros. */
function n(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Draws `layout` of `process` as an SVG document. */
export function drawSvg(project: Project, process: Process, layout: Layout, options: SvgOptions = {}): string {
  const theme: Theme = THEMES[options.theme ?? 'light'];
  const hl = options.highlight ?? {};
  const out: string[] = [];
  // The title band may be wider than the lanes (a long name on a small process).
  const titleText = process.name ?? process.id;
  const lang = options.lang ?? 'en';
  const layerText = t(lang, 'render.layer', { layer: part(`layer.${process.layer}`) });
  const refinesText = refinesLine(project, process, lang);
  const titleExtent = 16 + textWidth(titleText, 17, true) + 14 + textWidth(layerText, 12) + 14 + (refinesText ? textWidth(refinesText, 12) + 14 : 0);
  const W = Math.max(layout.width, Math.ceil(titleExtent + 8));
  const H = layout.height;
  const header = layout.lanes.length ? laneHeaderWidth(layout.lanes.map((l) => l.label)) : 0;
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${n(W)}" height="${n(H)}" viewBox="0 0 ${n(W)} ${n(H)}" font-family="${escapeXml(FONT_FAMILY)}" font-size="${FONT_SIZE}">`,
  );
  out.push(`<title>${escapeXml(process.name ?? process.id)}</title>`);
  out.push('<defs>');
  for (const [id, color] of [
    ['arrow', theme.edge],
    ['arrow-exception', theme.exception],
  ] as const)
    out.push(
      `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,1 L10,5 L0,9 z" fill="${color}"/></marker>`,
    );
  out.push('</defs>');
  out.push(`<rect class="background" x="0" y="0" width="${n(W)}" height="${n(H)}" fill="${theme.background}"/>`);

  // Title band: name, layer, link up to the refined process, legend.
  const title = titleText;
  out.push('<g class="title">');
  out.push(`<text x="16" y="28" font-size="17" font-weight="bold" fill="${theme.text}">${escapeXml(title)}</text>`);
  let tx = 16 + textWidth(title, 17, true) + 14;
  out.push(`<text x="${n(tx)}" y="28" font-size="12" fill="${theme.muted}">${escapeXml(layerText)}</text>`);
  tx += textWidth(layerText, 12) + 14;
  if (process.refines) {
    const upId = process.refines.split('/')[0]!;
    const text = refinesText!;
    const href = options.hrefFor?.(upId);
    const t = `<text class="refines" x="${n(tx)}" y="28" font-size="12" fill="${theme.link}"${href ? ' text-decoration="underline"' : ''}>${escapeXml(text)}</text>`;
    out.push(href ? `<a href="${escapeXml(href)}" xlink:href="${escapeXml(href)}">${t}</a>` : t);
    tx += textWidth(text, 12) + 14;
  }
  // Legend, right-aligned when there is room.
  const legendW = 250;
  if (W - legendW - 12 > tx) {
    const lx = W - legendW - 12;
    out.push(`<g class="legend" font-size="11" fill="${theme.muted}">`);
    out.push(`<path d="M${n(lx)},24 h26" stroke="${theme.edge}" stroke-width="1.5" marker-end="url(#arrow)" fill="none"/>`);
    out.push(`<text x="${n(lx + 32)}" y="28">${escapeXml(t(lang, 'render.normalFlow'))}</text>`);
    out.push(`<path d="M${n(lx + 110)},24 h26" stroke="${theme.exception}" stroke-width="1.5" stroke-dasharray="5 3" marker-end="url(#arrow-exception)" fill="none"/>`);
    out.push(`<text x="${n(lx + 142)}" y="28">${escapeXml(t(lang, 'render.exceptionPath'))}</text>`);
    out.push('</g>');
  }
  out.push('</g>');

  // Lanes.
  out.push('<g class="lanes">');
  const headerRow = layout.direction === 'down' && layout.lanes.length ? laneHeaderHeight(layout.lanes.map((l) => l.label)) : 0;
  layout.lanes.forEach((lane, i) => {
    out.push(`<g class="lane" data-lane="${escapeXml(lane.role)}">`);
    if (layout.direction === 'down') {
      // A column: its header on top, the label centred in it.
      const x = lane.x ?? 0;
      const w = lane.width ?? W;
      out.push(`<rect x="${n(x)}" y="${n(lane.y)}" width="${n(w)}" height="${n(H - lane.y)}" fill="${i % 2 ? theme.laneAlt : theme.lane}" stroke="${theme.laneBorder}" stroke-width="1"/>`);
      out.push(`<rect x="${n(x)}" y="${n(lane.y)}" width="${n(w)}" height="${n(headerRow)}" fill="${theme.laneHeader}" stroke="${theme.laneBorder}" stroke-width="1"/>`);
      const lines = wrapText(lane.label, header - 24, { bold: true, maxLines: 4 });
      const y0 = lane.y + headerRow / 2 - ((lines.length - 1) * LINE_HEIGHT) / 2 + 4;
      out.push(`<text x="${n(x + w / 2)}" y="${n(y0)}" text-anchor="middle" font-weight="bold" fill="${theme.text}">${tspans(lines, x + w / 2)}</text>`);
      out.push('</g>');
      return;
    }
    out.push(`<rect x="0" y="${n(lane.y)}" width="${n(W)}" height="${n(lane.height)}" fill="${i % 2 ? theme.laneAlt : theme.lane}" stroke="${theme.laneBorder}" stroke-width="1"/>`);
    out.push(`<rect x="0" y="${n(lane.y)}" width="${header}" height="${n(lane.height)}" fill="${theme.laneHeader}" stroke="${theme.laneBorder}" stroke-width="1"/>`);
    const lines = wrapText(lane.label, header - 24, { bold: true, maxLines: 4 });
    const y0 = lane.y + lane.height / 2 - ((lines.length - 1) * LINE_HEIGHT) / 2 + 4;
    out.push(`<text x="${header / 2}" y="${n(y0)}" text-anchor="middle" font-weight="bold" fill="${theme.text}">${tspans(lines, header / 2)}</text>`);
    out.push('</g>');
  });
  out.push('</g>');

  // Edges under the steps.
  out.push('<g class="edges">');
  for (const e of layout.edges) {
    const exc = e.kind === 'exception' || e.kind === 'breach';
    const color = exc ? theme.exception : theme.edge;
    const d = e.points.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)},${n(p.y)}`).join(' ');
    out.push(`<g class="edge${exc ? ' exception' : ''}" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}" data-kind="${e.kind}">`);
    if (e.title) out.push(`<title>${escapeXml(e.title)}</title>`);
    out.push(
      `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.5"${exc ? ' stroke-dasharray="6 4"' : ''} stroke-linejoin="round" marker-end="url(#${exc ? 'arrow-exception' : 'arrow'})"/>`,
    );
    if (e.label && e.labelBox) {
      const b = e.labelBox;
      out.push(`<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="3" fill="${theme.background}" fill-opacity="0.9"/>`);
      out.push(
        `<text x="${n(b.x + 3)}" y="${n(b.y + b.height - 4)}" font-size="${GEOMETRY.edgeLabelSize}" fill="${exc ? theme.exception : theme.muted}"${exc ? ' font-style="italic"' : ''}>${escapeXml(e.label)}</text>`,
      );
    }
    out.push('</g>');
  }
  out.push('</g>');

  // Steps.
  out.push('<g class="steps">');
  for (const ls of layout.steps) {
    const step = process.stepById.get(ls.id)!;
    const mark = hl[ls.id];
    out.push(
      `<g class="step${mark ? ` ${mark}` : ''}" data-step="${escapeXml(ls.id)}" data-lane="${escapeXml(ls.lane)}" data-type="${step.type}" transform="translate(${n(ls.x)},${n(ls.y)})">`,
    );
    const tip = [stepName(step), step.description].filter(Boolean).join(' — ');
    out.push(`<title>${escapeXml(tip)}</title>`);
    const href = step.type === 'subprocess' ? options.hrefFor?.(step.process) : undefined;
    // A subprocess that links to its diagram shows its name in link colour.
    const body = drawStep(step, ls.width, ls.height, ls.lines, href ? { ...theme, text: theme.link } : theme, mark, labelBox(ls, step.type, layout.direction), layout.direction === 'down');
    out.push(href ? `<a href="${escapeXml(href)}" xlink:href="${escapeXml(href)}">${body}</a>` : body);
    out.push('</g>');
  }
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The link text up to the refined process, e.g. `↑ details "Manage leads" in Lead to cash`. */
function refinesLine(project: Project, process: Process, lang: Lang): string | undefined {
  if (!process.refines) return undefined;
  const [upId, upStep] = process.refines.split('/') as [string, string];
  const up = project.processes.get(upId);
  const upStepName = up?.stepById.get(upStep) ? stepName(up.stepById.get(upStep)!) : upStep;
  return t(lang, 'render.refines', { step: upStepName, process: up?.name ?? upId });
}

function tspans(lines: string[], x: number): string {
  return lines.map((l, i) => `<tspan x="${n(x)}"${i ? ` dy="${LINE_HEIGHT}"` : ''}>${escapeXml(l)}</tspan>`).join('');
}

function drawStep(step: Step, w: number, h: number, lines: string[], t: Theme, mark: Highlight | undefined, label: { width: number; height: number }, down: boolean): string {
  const labelWidth = label.width;
  const o: string[] = [];
  const stroke = mark ? t.highlight[mark] : t.stroke;
  const dash = mark === 'removed' ? ' stroke-dasharray="5 3"' : '';
  const cx = w / 2;
  const cy = h / 2;
  if (hasExternalLabel(step.type)) {
    if (step.type === 'pool') {
      // A data-store-like cylinder: cases lie here until someone claims one.
      const ry = 5;
      o.push(`<path d="M1,${ry} A${n(cx - 1)},${ry} 0 0 0 ${n(w - 1)},${ry} V${n(h - ry)} A${n(cx - 1)},${ry} 0 0 1 1,${n(h - ry)} Z" fill="${t.taskFill}" stroke="${stroke}" stroke-width="1.5"${dash}/>`);
      o.push(`<path d="M1,${ry} A${n(cx - 1)},${ry} 0 0 1 ${n(w - 1)},${ry} M1,${ry + 5} A${n(cx - 1)},${ry} 0 0 0 ${n(w - 1)},${ry + 5} M1,${ry + 10} A${n(cx - 1)},${ry} 0 0 0 ${n(w - 1)},${ry + 10}" fill="none" stroke="${stroke}" stroke-width="1.2"/>`);
    } else if (step.type === 'start' || step.type === 'end' || step.type === 'wait') {
      const fill = step.type === 'start' ? t.startFill : step.type === 'end' ? t.endFill : t.taskFill;
      const sw = step.type === 'end' ? 4 : 2;
      o.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(w / 2 - sw / 2)}" fill="${fill}" stroke="${stroke}" stroke-width="${sw}"${dash}/>`);
      if (step.type === 'wait') {
        o.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(w / 2 - 5)}" fill="none" stroke="${stroke}" stroke-width="1"/>`);
        if (step.message && !step.for) o.push(envelope(cx, cy, t.stroke));
        else o.push(clock(cx, cy, 9, t.stroke, t.taskFill));
      }
    } else {
      o.push(`<path d="M${n(cx)},0 L${n(w)},${n(cy)} L${n(cx)},${n(h)} L0,${n(cy)} z" fill="${t.gatewayFill}" stroke="${stroke}" stroke-width="2"${dash}/>`);
      if (step.type === 'decision')
        o.push(`<path d="M${n(cx - 7)},${n(cy - 7)} L${n(cx + 7)},${n(cy + 7)} M${n(cx + 7)},${n(cy - 7)} L${n(cx - 7)},${n(cy + 7)}" stroke="${t.stroke}" stroke-width="3"/>`);
      else o.push(`<path d="M${n(cx)},${n(cy - 10)} V${n(cy + 10)} M${n(cx - 10)},${n(cy)} H${n(cx + 10)}" stroke="${t.stroke}" stroke-width="3"/>`);
    }
    // The name under the shape; a gateway's to the left of its bottom corner; an event's to
    // its right when the flow runs down (see labelBox).
    const gw = isGateway(step.type);
    const beside = down && !gw;
    const ly = (beside ? h / 2 - label.height / 2 : h + GEOMETRY.labelGap) + FONT_SIZE - 2;
    const lx = beside ? w + GEOMETRY.labelGap : gw ? cx - GEOMETRY.gatewayLabelGap : cx;
    o.push(`<text class="label" x="${n(lx)}" y="${n(ly)}" text-anchor="${gw ? 'end' : beside ? 'start' : 'middle'}" font-size="${FONT_SIZE - 1}" fill="${t.text}" data-width="${n(labelWidth)}">${lines
      .map((l, i) => {
        const outcome = step.type === 'end' && step.outcome && i === lines.length - 1;
        return `<tspan x="${n(lx)}"${i ? ` dy="${LINE_HEIGHT - 1}"` : ''}${outcome ? ` font-style="italic" fill="${t.muted}"` : ''}>${escapeXml(l)}</tspan>`;
      })
      .join('')}</text>`);
    return o.join('');
  }
  // Tasks, approvals, subprocesses: rounded rectangles with the name inside.
  const fill = mark ? t.highlightFill[mark] : step.type === 'approval' ? t.approvalFill : t.taskFill;
  const sub = step.type === 'subprocess';
  o.push(`<rect x="0" y="0" width="${n(w)}" height="${n(h)}" rx="10" ry="10" fill="${fill}" stroke="${stroke}" stroke-width="${sub ? 2.5 : 1.5}"${dash}/>`);
  if (step.type === 'approval') {
    // A check mark in a small circle: this step approves or rejects.
    o.push(`<circle cx="13" cy="13" r="8" fill="${t.approvalMark}"/>`);
    o.push(`<path d="M9,13 L12,16 L17,10" fill="none" stroke="${t.background}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`);
  }
  if (step.type === 'task' && step.kind === 'service') {
    // Two small cogs stand for automated work.
    o.push(`<circle cx="13" cy="13" r="6" fill="none" stroke="${t.muted}" stroke-width="3" stroke-dasharray="2 1.5"/><circle cx="13" cy="13" r="2" fill="${t.muted}"/>`);
  }
  const marker = multiMarker(step);
  if (marker) {
    // BPMN's multi-instance marker: three bars, upright for parallel (all, any), lying for a sequence.
    const my = h - 18;
    const d = marker === 'parallel'
      ? [-4, 0, 4].map((dx) => `M${n(cx + dx)},${n(my + 1)} V${n(my + 13)}`).join(' ')
      : [2, 7, 12].map((dy) => `M${n(cx - 6)},${n(my + dy)} H${n(cx + 6)}`).join(' ');
    o.push(`<path class="multi-instance" data-marker="${marker}" d="${d}" stroke="${t.stroke}" stroke-width="2"/>`);
  }
  if (sub) {
    const mx = cx - 7;
    const my = h - 18;
    o.push(`<rect x="${n(mx)}" y="${n(my)}" width="14" height="14" fill="none" stroke="${t.stroke}" stroke-width="1.2"/>`);
    o.push(`<path d="M${n(cx)},${n(my + 3)} V${n(my + 11)} M${n(mx + 3)},${n(my + 7)} H${n(mx + 11)}" stroke="${t.stroke}" stroke-width="1.5"/>`);
  }
  const sla = 'sla' in step ? step.sla : undefined;
  if (sla) {
    // SLA badge on the top edge: a clock and the limit.
    const text = sla.within;
    const bw = slaBadgeWidth(step);
    const bx = w - bw - 6;
    o.push(`<g class="sla"><rect x="${n(bx)}" y="-9" width="${n(bw)}" height="18" rx="9" fill="${t.slaFill}" stroke="${t.exception}" stroke-width="1"/>`);
    o.push(clock(bx + 10, 0, 5.5, t.exception, t.slaFill));
    o.push(`<text x="${n(bx + 19)}" y="4" font-size="11" fill="${t.exception}" font-weight="bold">${escapeXml(text)}</text></g>`);
  }
  const extra = (sub || marker ? GEOMETRY.markerHeight : 0) + GEOMETRY.badgeHeight;
  const textTop = GEOMETRY.badgeHeight + (h - extra - lines.length * LINE_HEIGHT) / 2 + FONT_SIZE - 1;
  // Notes (mode and approvers) are the lines after the name, in the muted colour.
  const named = wrapText(stepName(step), GEOMETRY.taskMaxText, { maxLines: 4 }).length;
  o.push(
    `<text class="label" x="${n(cx)}" y="${n(textTop)}" text-anchor="middle" fill="${t.text}">${lines
      .map((l, i) => `<tspan x="${n(cx)}"${i ? ` dy="${LINE_HEIGHT}"` : ''}${i >= named ? ` class="approvers" font-size="${FONT_SIZE - 2}" fill="${t.muted}"` : ''}>${escapeXml(l)}</tspan>`)
      .join('')}</text>`,
  );
  return o.join('');
}

function clock(cx: number, cy: number, r: number, stroke: string, fill: string): string {
  return `<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${fill}" stroke="${stroke}" stroke-width="1.3"/><path d="M${n(cx)},${n(cy - r * 0.65)} V${n(cy)} H${n(cx + r * 0.5)}" fill="none" stroke="${stroke}" stroke-width="1.3"/>`;
}

function envelope(cx: number, cy: number, stroke: string): string {
  return `<rect x="${n(cx - 8)}" y="${n(cy - 5.5)}" width="16" height="11" fill="none" stroke="${stroke}" stroke-width="1.3"/><path d="M${n(cx - 8)},${n(cy - 5.5)} L${n(cx)},${n(cy + 1)} L${n(cx + 8)},${n(cy - 5.5)}" fill="none" stroke="${stroke}" stroke-width="1.3"/>`;
}
