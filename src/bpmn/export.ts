/**
 * crmflow process → BPMN 2.0 XML, built and serialised by bpmn-moddle (no hand-made XML).
 * The diagram (BPMN DI) comes from crmflow's own swimlane layout: each BPMN shape is centred
 * on its step's box, with the modelers' fixed sizes, and edges follow the layout's routes.
 */
import type { Process, Project } from '../model/types.js';
import { embed, msg } from '../i18n/index.js';
import { CEL_LANGUAGE, ExpressionError, celToFeel, tiersToFeel, type FieldTypes } from './expression.js';
import { createModdle, type El } from './moddle.js';
import { bpmnId, planProcess, type Plan, type PlanCondition, type PlanNode } from './plan.js';

/** `bpmn`: plain BPMN 2.0 for any tool; `camunda8`: with the Zeebe extensions Camunda 8 needs. */
export type BpmnTarget = 'bpmn' | 'camunda8';
export const BPMN_TARGETS: readonly BpmnTarget[] = ['bpmn', 'camunda8'];

/** The diagram input: the shape of `layoutProcess` in src/render/layout.ts. */
export interface DiagramLayout {
  width: number;
  height: number;
  lanes: { role: string; label: string; y: number; height: number }[];
  steps: { id: string; x: number; y: number; width: number; height: number; lane: string }[];
  edges: { from: string; to: string; kind: string; points: { x: number; y: number }[] }[];
}

export interface ExportOptions {
  target?: BpmnTarget;
  /** The Camunda 8 version to target (default 8.8.0): written for Camunda Modeler; before 8.5 user tasks are job-worker based. */
  camundaVersion?: string;
  /** The crmflow version written as `exporterVersion`. */
  exporterVersion?: string;
}

export interface ExportResult {
  xml: string;
  /** What the BPMN does not carry, one line each (for stderr). */
  notes: string[];
}

/** A process that cannot be exported for the target, e.g. a condition with no FEEL form. */
export class BpmnExportError extends Error {
  constructor(
    message: string,
    readonly process: string,
    readonly step?: string,
  ) {
    super(message);
    this.name = 'BpmnExportError';
  }
}

const SIZE: Record<string, { w: number; h: number }> = {
  event: { w: 36, h: 36 },
  gateway: { w: 50, h: 50 },
  task: { w: 100, h: 80 },
};

function sizeOf(n: PlanNode): { w: number; h: number } {
  if (n.kind.endsWith('Event')) return SIZE.event!;
  if (n.kind.endsWith('Gateway')) return SIZE.gateway!;
  return SIZE.task!;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Exports one process. `layout` is `layoutProcess(project, process)` from the render area. */
export async function exportBpmn(project: Project, process: Process, layout: DiagramLayout, options: ExportOptions = {}): Promise<ExportResult> {
  const target = options.target ?? 'bpmn';
  const camunda = target === 'camunda8';
  const camundaVersion = options.camundaVersion ?? '8.8.0';
  // Camunda user tasks (`zeebe:userTask`) exist from 8.5; before that user tasks are job-worker based.
  const [major = 8, minor = 8] = camundaVersion.split('.').map(Number);
  const camundaUserTasks = major > 8 || (major === 8 && minor >= 5);
  const moddle = await createModdle();
  const plan = planProcess(process);
  const notes = [...plan.notes];
  const tiered = plan.nodes.filter((n) => n.tiers).map((n) => n.step);
  if (!camunda && tiered.length) notes.push(msg('bpmn.tiers', { steps: tiered.join(', ') }));
  const bySupervisor = plan.nodes.filter((n) => n.supervisor !== undefined || n.multi?.supervisor !== undefined).map((n) => n.step);
  if (camunda && bySupervisor.length) notes.push(msg('bpmn.supervisors', { steps: bySupervisor.join(', ') }));
  const multi = plan.nodes.filter((n) => n.multi).map((n) => n.step);
  if (multi.length) notes.push(msg(camunda ? 'bpmn.multiCamunda' : 'bpmn.multiPlain', { steps: multi.join(', ') }));
  const terminate = plan.nodes.find((n) => n.terminate);
  if (camunda && terminate && major === 8 && minor < 1) {
    throw new BpmnExportError(
      msg('export.terminateNeeds81', { step: terminate.step, process: process.id }),
      process.id,
      terminate.step,
    );
  }

  const definitions = moddle.create('bpmn:Definitions', {
    id: `Definitions_${process.id}`,
    targetNamespace: 'http://bpmn.io/schema/bpmn',
    exporter: 'crmflow',
    exporterVersion: options.exporterVersion ?? '0.1.0',
    rootElements: [],
  });
  if (!camunda && plan.nodes.some((n) => n.multi || n.arrives !== undefined)) definitions.$attrs['xmlns:crmflow'] = CRMFLOW_NS;
  if (camunda) {
    definitions.$attrs['xmlns:modeler'] = 'http://camunda.org/schema/modeler/1.0';
    definitions.$attrs['modeler:executionPlatform'] = 'Camunda Cloud';
    definitions.$attrs['modeler:executionPlatformVersion'] = camundaVersion;
  }

  const messages = new Map<string, El>();
  for (const m of plan.messages) {
    const msg = moddle.create('bpmn:Message', { id: `Message_${safeId(m)}`, name: m });
    if (camunda) {
      msg.extensionElements = moddle.create('bpmn:ExtensionElements', {
        values: [moddle.create('zeebe:Subscription', { correlationKey: '=case_id' })],
      });
    }
    messages.set(m, msg);
    definitions.rootElements.push(msg);
  }
  let error: El | undefined;
  if (plan.usesError) {
    error = moddle.create('bpmn:Error', { id: `Error_${process.id}`, name: 'Step failed', errorCode: 'error' });
    definitions.rootElements.push(error);
  }

  const bpmnProcess = moddle.create('bpmn:Process', {
    id: bpmnId(process.id),
    name: process.name ?? process.id,
    isExecutable: true,
    flowElements: [],
  });
  if (process.description) bpmnProcess.documentation = [moddle.create('bpmn:Documentation', { text: process.description })];

  const elements = new Map<string, El>();
  for (const n of plan.nodes) {
    const el = moddle.create(`bpmn:${n.kind[0]!.toUpperCase()}${n.kind.slice(1)}`, { id: n.id, name: n.name || undefined });
    if (n.documentation) el.documentation = [moddle.create('bpmn:Documentation', { text: n.documentation })];
    const ext: El[] = [];
    if (n.timer) {
      el.eventDefinitions = [
        moddle.create('bpmn:TimerEventDefinition', {
          id: `${n.id}_timer`,
          timeDuration: moddle.create('bpmn:FormalExpression', { body: n.timer }),
        }),
      ];
    }
    if (n.message && n.kind === 'intermediateCatchEvent') {
      el.eventDefinitions = [moddle.create('bpmn:MessageEventDefinition', { id: `${n.id}_message`, messageRef: messages.get(n.message) })];
    }
    if (n.message && n.kind === 'receiveTask') el.messageRef = messages.get(n.message);
    // Simulation data: Camunda Modeler lists a zeebe:property under "Extension properties"; Zeebe ignores it.
    if (n.arrives !== undefined) {
      if (camunda) ext.push(moddle.create('zeebe:Properties', { properties: [moddle.create('zeebe:Property', { name: ARRIVES, value: n.arrives })] }));
      else el.$attrs[ARRIVES] = n.arrives;
    }
    if (n.error) el.eventDefinitions = [moddle.create('bpmn:ErrorEventDefinition', { id: `${n.id}_def`, errorRef: error })];
    if (n.terminate) el.eventDefinitions = [moddle.create('bpmn:TerminateEventDefinition', { id: `${n.id}_terminate` })];
    if (n.kind === 'boundaryEvent') el.cancelActivity = n.cancelActivity !== false;
    if (n.kind === 'callActivity') {
      el.calledElement = n.calledProcess;
      if (camunda) ext.push(moddle.create('zeebe:CalledElement', { processId: n.calledProcess, propagateAllChildVariables: false }));
    }
    if (camunda && n.kind === 'serviceTask') ext.push(moddle.create('zeebe:TaskDefinition', { type: `crmflow-${process.id}-${n.step}` }));
    if (n.multi) el.loopCharacteristics = loopOf(moddle, n, camunda);
    if (camunda && n.kind === 'userTask' && (n.role || n.tiers || n.multi || n.supervisor)) {
      if (camundaUserTasks) {
        ext.push(moddle.create('zeebe:UserTask'));
        // Camunda Modeler asks for a form; the reference names the step so a team can link its own.
        ext.push(moddle.create('zeebe:FormDefinition', { externalReference: `crmflow:${process.id}/${n.step}` }));
      }
      ext.push(moddle.create('zeebe:AssignmentDefinition', { candidateGroups: candidateGroups(n, process, project.config.fields) }));
    }
    if (ext.length) el.extensionElements = moddle.create('bpmn:ExtensionElements', { values: ext });
    elements.set(n.id, el);
    bpmnProcess.flowElements.push(el);
  }
  for (const n of plan.nodes) if (n.attachedTo) elements.get(n.id).attachedToRef = elements.get(n.attachedTo);

  const flowEls = new Map<string, El>();
  for (const f of plan.flows) {
    const source = elements.get(f.from);
    const target = elements.get(f.to);
    const el = moddle.create('bpmn:SequenceFlow', { id: f.id, name: f.name, sourceRef: source, targetRef: target });
    if (f.condition) {
      el.conditionExpression = moddle.create('bpmn:FormalExpression', conditionBody(f.condition, camunda, process, f.from, project.config.fields));
    }
    source.outgoing = [...(source.outgoing ?? []), el];
    target.incoming = [...(target.incoming ?? []), el];
    if (f.isDefault) source.default = el;
    flowEls.set(f.id, el);
    bpmnProcess.flowElements.push(el);
  }

  // Lanes: one per role of the layout; the process-named lane of role-less processes too.
  const laneOfStep = new Map(layout.steps.map((s) => [s.id, s.lane]));
  const lanes = new Map<string, El>();
  if (layout.lanes.length) {
    const laneSet = moddle.create('bpmn:LaneSet', { id: `LaneSet_${process.id}`, lanes: [] });
    for (const l of layout.lanes) {
      const lane = moddle.create('bpmn:Lane', { id: laneId(l.role), name: l.label, flowNodeRef: [] });
      lanes.set(l.role, lane);
      laneSet.lanes.push(lane);
    }
    for (const n of plan.nodes) {
      const role = laneOfStep.get(n.step);
      if (role !== undefined) lanes.get(role)?.flowNodeRef.push(elements.get(n.id));
    }
    bpmnProcess.laneSets = [laneSet];
  }

  let collaboration: El | undefined;
  let participant: El | undefined;
  if (lanes.size) {
    participant = moddle.create('bpmn:Participant', { id: `Participant_${process.id}`, name: process.name ?? process.id, processRef: bpmnProcess });
    collaboration = moddle.create('bpmn:Collaboration', { id: `Collaboration_${process.id}`, participants: [participant] });
    definitions.rootElements.push(collaboration);
  }
  definitions.rootElements.push(bpmnProcess);

  // ------------------------------------------------------------------ diagram
  const boxes = placeShapes(plan, layout);
  const plane = moddle.create('bpmndi:BPMNPlane', { id: `BPMNPlane_${process.id}`, bpmnElement: collaboration ?? bpmnProcess, planeElement: [] });
  const bounds = (b: Box) => moddle.create('dc:Bounds', { x: r(b.x), y: r(b.y), width: r(b.w), height: r(b.h) });
  if (participant) {
    const all = [...boxes.values()];
    const top = Math.min(...layout.lanes.map((l) => l.y), ...all.map((b) => b.y - 10));
    const bottom = Math.max(...layout.lanes.map((l) => l.y + l.height), ...all.map((b) => b.y + b.h + 10));
    const left = Math.min(0, ...[...boxes.values()].map((b) => b.x - 40));
    const right = Math.max(layout.width, ...[...boxes.values()].map((b) => b.x + b.w + 20));
    plane.planeElement.push(
      moddle.create('bpmndi:BPMNShape', { id: `${participant.id}_di`, bpmnElement: participant, isHorizontal: true, bounds: bounds({ x: left, y: top, w: right - left, h: bottom - top }) }),
    );
    layout.lanes.forEach((l, i) => {
      const lane = lanes.get(l.role);
      // The first and last lanes grow to hold boundary events and SLA ends beside the layout's boxes.
      const y = i === 0 ? top : l.y;
      const end = i === layout.lanes.length - 1 ? bottom : l.y + l.height;
      plane.planeElement.push(
        moddle.create('bpmndi:BPMNShape', { id: `${lane.id}_di`, bpmnElement: lane, isHorizontal: true, bounds: bounds({ x: left + 30, y, w: right - left - 30, h: end - y }) }),
      );
    });
  }
  for (const n of plan.nodes) {
    const b = boxes.get(n.id)!;
    const shape = moddle.create('bpmndi:BPMNShape', { id: `${n.id}_di`, bpmnElement: elements.get(n.id), bounds: bounds(b) });
    if (n.kind === 'exclusiveGateway') shape.isMarkerVisible = true;
    plane.planeElement.push(shape);
  }
  const layoutEdges = [...layout.edges];
  for (const f of plan.flows) {
    const from = boxes.get(f.from)!;
    const to = boxes.get(f.to)!;
    let inner: { x: number; y: number }[] = [];
    if (f.edge) {
      const i = layoutEdges.findIndex((e) => e.from === f.edge!.from && e.to === f.edge!.to);
      if (i >= 0) {
        inner = layoutEdges[i]!.points.slice(1, -1);
        layoutEdges.splice(i, 1);
      }
    }
    const source = plan.nodes.find((n) => n.id === f.from)!;
    const points = route(from, to, inner, source.attachedTo ? boxes.get(source.attachedTo) : undefined);
    plane.planeElement.push(
      moddle.create('bpmndi:BPMNEdge', {
        id: `${f.id}_di`,
        bpmnElement: flowEls.get(f.id),
        waypoint: points.map((p) => moddle.create('dc:Point', { x: r(p.x), y: r(p.y) })),
      }),
    );
  }
  definitions.diagrams = [moddle.create('bpmndi:BPMNDiagram', { id: `BPMNDiagram_${process.id}`, plane })];

  const { xml } = await moddle.toXML(definitions, { format: true });
  return { xml, notes };
}

function r(n: number): number {
  return Math.round(n);
}

/** The lane id of a role (import reads the role back from it); a process without roles gets `Lane__process`. */
export function laneId(role: string): string {
  return role.startsWith('process:') ? 'Lane__process' : `Lane_role_${safeId(role)}`;
}

function safeId(s: string): string {
  const t = s.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(t) ? t : `_${t}`;
}

/** A flow's condition; for Camunda 8 as FEEL, translated with the project's declared field types. */
function conditionBody(c: PlanCondition, camunda: boolean, process: Process, from: string, fields: FieldTypes | undefined): Record<string, unknown> {
  if ('variable' in c) {
    const text = JSON.stringify(c.value);
    return camunda ? { body: `=${c.variable} = ${text}` } : { language: CEL_LANGUAGE, body: `case.${c.variable} == ${text}` };
  }
  if (!camunda) return { language: CEL_LANGUAGE, body: c.cel };
  try {
    return { body: `=${celToFeel(c.cel, fields)}` };
  } catch (e) {
    if (e instanceof ExpressionError) throw new BpmnExportError(msg('export.inStep', { why: embed(e.message), process: process.id, step: from }), process.id, from);
    throw e;
  }
}

/** A user task's candidate groups: its role, or for approval tiers a FEEL expression choosing the level's role. */
function candidateGroups(n: PlanNode, process: Process, fields: FieldTypes | undefined): string {
  // Each instance of a multi-instance approval goes to its own approver (one-element list, as Zeebe wants).
  if (n.multi) return '=[approver]';
  if (n.supervisor !== undefined) return `=[supervisors[${n.supervisor}]]`;
  if (!n.tiers) return n.role!;
  const fallback = n.role ?? n.tiers.levels[n.tiers.levels.length - 1]!.role;
  try {
    return `=${tiersToFeel(n.tiers.field, n.tiers.levels, fallback, fields)}`;
  } catch (e) {
    if (e instanceof ExpressionError) throw new BpmnExportError(msg('export.inStep', { why: embed(e.message), process: process.id, step: n.step }), process.id, n.step);
    throw e;
  }
}

/** The namespace of crmflow's own attributes in plain BPMN (approvers of a multi-instance task, message arrival times). */
export const CRMFLOW_NS = 'https://crmflow.dev/schema/bpmn/1.0';
/** A message wait's `arrives` (simulate's data): attribute in plain BPMN, zeebe:property name in Camunda 8. */
export const ARRIVES = 'crmflow:arrives';

/**
 * A multi-approver step's multi-instance marker. Camunda 8: one instance per approver
 * (`approver`), decisions collected in `decisions`; all and sequence complete early on the
 * first rejection, any after the first decision. Plain BPMN: one instance per approver.
 */
function loopOf(moddle: { create(type: string, attrs?: Record<string, unknown>): El }, n: PlanNode, camunda: boolean): El {
  const m = n.multi!;
  const count = m.supervisor ?? m.approvers.length;
  const loop = moddle.create('bpmn:MultiInstanceLoopCharacteristics', { isSequential: m.sequential });
  if (!camunda) {
    loop.loopCardinality = moddle.create('bpmn:FormalExpression', { body: String(count) });
    // Plain BPMN has no place for who approves: crmflow attributes carry it back to import.
    loop.$attrs['crmflow:mode'] = m.mode;
    loop.$attrs['crmflow:approvers'] = m.supervisor !== undefined ? `supervisor:${m.supervisor}` : m.approvers.join(' ');
    return loop;
  }
  const input = m.supervisor !== undefined ? `=sublist(supervisors, 1, ${m.supervisor})` : `=[${m.approvers.map((r) => JSON.stringify(r)).join(', ')}]`;
  loop.extensionElements = moddle.create('bpmn:ExtensionElements', {
    values: [moddle.create('zeebe:LoopCharacteristics', { inputCollection: input, inputElement: 'approver', outputCollection: 'decisions', outputElement: '=decision' })],
  });
  loop.completionCondition = moddle.create('bpmn:FormalExpression', {
    body: m.mode === 'any' ? '=numberOfCompletedInstances >= 1' : '=some d in decisions satisfies d = "rejected"',
  });
  return loop;
}

/** Shape bounds: BPMN's fixed sizes, centred on the layout's boxes; extra elements beside them. */
function placeShapes(plan: Plan, layout: DiagramLayout): Map<string, Box> {
  const stepBox = new Map(layout.steps.map((s) => [s.id, s]));
  const boxes = new Map<string, Box>();
  const centred = (cx: number, cy: number, n: PlanNode): Box => {
    const { w, h } = sizeOf(n);
    return { x: cx - w / 2, y: cy - h / 2, w, h };
  };
  // Steps first: the others are placed relative to them.
  let fallbackX = 40;
  for (const n of plan.nodes) {
    if (n.place !== 'step') continue;
    const s = stepBox.get(n.step);
    if (s) boxes.set(n.id, centred(s.x + s.width / 2, s.y + s.height / 2, n));
    else {
      boxes.set(n.id, centred(fallbackX, 60, n));
      fallbackX += 150;
    }
  }
  for (const n of plan.nodes) {
    if (n.place === 'step') continue;
    const hostId = n.attachedTo ?? n.before ?? bpmnId(n.step);
    const host = boxes.get(hostId) ?? { x: 0, y: 0, w: 0, h: 0 };
    const cy = host.y + host.h / 2;
    const bottom = host.y + host.h;
    switch (n.place) {
      case 'after':
        boxes.set(n.id, centred(host.x + host.w + 50, cy, n));
        break;
      case 'before':
        // Merges in front of one join stack upwards from its centre line.
        boxes.set(n.id, centred(host.x - 45, cy - (n.slot ?? 0) * 60, n));
        break;
      case 'boundary-sla':
        boxes.set(n.id, centred(host.x + host.w - 22, bottom, n));
        break;
      case 'boundary-error':
        boxes.set(n.id, centred(host.x + 22, bottom, n));
        break;
      case 'boundary-timeout':
        boxes.set(n.id, centred(host.x + host.w / 2, bottom, n));
        break;
      case 'below':
        boxes.set(n.id, centred(host.x + host.w + 40, bottom + 60, n));
        break;
    }
  }
  // A boundary event that would cover a shape below its task moves to the task's top edge.
  const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  for (const n of plan.nodes) {
    if (!n.attachedTo) continue;
    const b = boxes.get(n.id)!;
    const host = boxes.get(n.attachedTo)!;
    const others = [...boxes].filter(([id]) => id !== n.id && id !== n.attachedTo).map(([, box]) => box);
    if (others.some((o) => overlaps(b, o))) {
      const top = { ...b, y: host.y - b.h / 2 };
      if (!others.some((o) => overlaps(top, o))) boxes.set(n.id, top);
    }
  }
  return boxes;
}

/** Orthogonal start of an edge from box `b` towards the point `p`: the anchor and a corner. */
function leave(b: Box, p: { x: number; y: number }): { x: number; y: number }[] {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  if (p.x >= b.x + b.w) return [{ x: b.x + b.w, y: cy }, { x: p.x, y: cy }];
  if (p.y > b.y + b.h) return [{ x: cx, y: b.y + b.h }, { x: cx, y: p.y }];
  if (p.y < b.y) return [{ x: cx, y: b.y }, { x: cx, y: p.y }];
  return [{ x: b.x, y: cy }, { x: p.x, y: cy }];
}

/** Orthogonal end of an edge into box `b` from the point `p`: a corner and the anchor. */
function enter(b: Box, p: { x: number; y: number }): { x: number; y: number }[] {
  const cx = b.x + b.w / 2;
  const cy = b.y + b.h / 2;
  if (p.x <= b.x) return [{ x: p.x, y: cy }, { x: b.x, y: cy }];
  if (p.y < b.y) return [{ x: cx, y: p.y }, { x: cx, y: b.y }];
  if (p.y > b.y + b.h) return [{ x: cx, y: p.y }, { x: cx, y: b.y + b.h }];
  return [{ x: p.x, y: cy }, { x: b.x + b.w, y: cy }];
}

/** Drops repeated points and the middle one of three on a straight line. */
function tidy(points: { x: number; y: number }[]): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - p.x) < 0.5 && Math.abs(last.y - p.y) < 0.5) continue;
    const prev = out[out.length - 2];
    if (prev && last && ((Math.abs(prev.x - last.x) < 0.5 && Math.abs(last.x - p.x) < 0.5) || (Math.abs(prev.y - last.y) < 0.5 && Math.abs(last.y - p.y) < 0.5))) out.pop();
    out.push(p);
  }
  return out;
}

/** Waypoints from `from` to `to` through the layout's bend points (or an elbow of our own). */
function route(from: Box, to: Box, inner: { x: number; y: number }[], boundaryHost: Box | undefined): { x: number; y: number }[] {
  const fc = { x: from.x + from.w / 2, y: from.y + from.h / 2 };
  const tc = { x: to.x + to.w / 2, y: to.y + to.h / 2 };
  if (boundaryHost) {
    // Leave a boundary event away from its task (down, or up when it sits on the top edge), then go across.
    const up = fc.y < boundaryHost.y + boundaryHost.h / 2;
    const start = { x: fc.x, y: up ? from.y : from.y + from.h };
    const out = { x: start.x, y: start.y + (up ? -20 : 20) };
    return tidy([start, out, ...enter(to, out)]);
  }
  // The layout routed between the steps' boxes; an outcome gateway sits right of its task and a
  // merge gateway left of its step, so bend points behind the one or past the other are dropped.
  const pts = inner.filter((p, i) => !(i === 0 && p.x < from.x + from.w) && !(i === inner.length - 1 && p.x > to.x + to.w));
  while (pts.length && pts[0]!.x < from.x + from.w && pts[0]!.y >= from.y && pts[0]!.y <= from.y + from.h) pts.shift();
  while (pts.length && pts[pts.length - 1]!.x > to.x && pts[pts.length - 1]!.y >= to.y && pts[pts.length - 1]!.y <= to.y + to.h) pts.pop();
  if (pts.length) return tidy([...leave(from, pts[0]!), ...pts, ...enter(to, pts[pts.length - 1]!)]);
  if (Math.abs(fc.y - tc.y) < 1) return tc.x >= fc.x ? [{ x: from.x + from.w, y: fc.y }, { x: to.x, y: tc.y }] : [{ x: from.x, y: fc.y }, { x: to.x + to.w, y: tc.y }];
  if (tc.x > from.x + from.w) {
    const mid = (from.x + from.w + to.x) / 2;
    return [{ x: from.x + from.w, y: fc.y }, { x: mid, y: fc.y }, { x: mid, y: tc.y }, { x: to.x, y: tc.y }];
  }
  // Backwards or overlapping in x: go out of the bottom and come in from below.
  const low = Math.max(from.y + from.h, to.y + to.h) + 30;
  return [{ x: fc.x, y: from.y + from.h }, { x: fc.x, y: low }, { x: tc.x, y: low }, { x: tc.x, y: to.y + to.h }];
}
