/**
 * BPMN 2.0 XML (Camunda Modeler, bpmn.io, Bizagi, Signavio, crmflow's own export) → crmflow
 * process data, one per BPMN process. What has no crmflow form is listed in `notes`, never
 * dropped silently. The mapping is the one in plan.ts, read backwards, plus what common
 * modelers write: lanes → roles, merge gateways collapse, boundary timers → `sla`,
 * error and other boundary events → `on`, event-based gateways → a `wait` with a timeout.
 */
import slugify from '@sindresorhus/slugify';
import { pinyin } from 'pinyin-pro';
import { Document } from 'yaml';
import { localize, msg, part, t, type Lang, type Part } from '../i18n/index.js';
import { checkCondition } from '../model/cel.js';
import type { Layer } from '../model/types.js';
import { ExpressionError, conditionToCel, normalizeCel } from './expression.js';
import { fromIsoDuration } from './iso-duration.js';
import { checkXmlSafety, createModdle, type El } from './moddle.js';

/** The BPMN file cannot be read at all (exit 2): not XML, not BPMN, unsafe, no process. */
export class BpmnImportError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'BpmnImportError';
  }
}

export interface ImportNote {
  /** `warning`: something the process had is not in the YAML; `info`: ignored decoration. */
  severity: 'warning' | 'info';
  /** The BPMN element id, when the note is about one element. */
  element?: string;
  message: string;
}

export interface ImportedProcess {
  id: string;
  /** The process file's data, in the file format's key order. */
  data: Record<string, unknown>;
  notes: ImportNote[];
}

export interface ImportOptions {
  /** The layer of the imported processes (default `operation`). */
  layer?: Layer;
  /** Processes that already exist (call activities to them stay subprocesses). */
  knownProcesses?: Iterable<string>;
  /** Roles already declared in crmflow.yaml (not declared again in the process). */
  knownRoles?: Iterable<string>;
}

export interface ImportResult {
  processes: ImportedProcess[];
  /** Notes about the file as a whole (parser warnings, collaborations). */
  notes: ImportNote[];
}

const BUILT_IN_ROLES = new Set(['customer', 'system']);
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * `Review Order` → `review-order`, `Straße` → `strasse`, `Łódź` → `lodz` (transliterated by
 * @sindresorhus/slugify), `折扣审批` → `zhe-kou-shen-pi` (hanzi in pinyin without tones, ü as v,
 * so a Chinese name stays the step's `name:` and its id is still readable); '' when nothing is left.
 */
export function kebab(s: string): string {
  const latin = /\p{Script=Han}/u.test(s) ? pinyin(s, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join(' ') : s;
  return slugify(latin);
}

/**
 * The id for a named element. A Chinese name keeps the modeler's id when that reads as words
 * (`Process_Order` → `process-order`) and is spelled in pinyin when the id is generated
 * (`sid-8C2E…`, `Lane_1x2y3z4`): the name itself stays in `name:`.
 */
function nameId(name: string, raw: string | undefined): string {
  const generated = !raw || /\d/.test(raw) || /^sid-/i.test(raw);
  return /\p{Script=Han}/u.test(name) && !generated ? kebab(raw) : kebab(name);
}

/** A crmflow duration for some minutes: the largest unit that divides exactly. */
export function minutesToDuration(m: number): string {
  if (m > 0 && m % 1440 === 0) return `${m / 1440}d`;
  if (m > 0 && m % 60 === 0) return `${m / 60}h`;
  return `${Math.round(m * 100) / 100}m`;
}

/** Reads BPMN XML into crmflow processes. Throws `BpmnImportError` when the file is unusable. */
export async function importBpmn(xml: string, options: ImportOptions = {}): Promise<ImportResult> {
  const text = xml.replace(/^\uFEFF/, '');
  const unsafe = checkXmlSafety(text);
  if (unsafe) throw new BpmnImportError(unsafe, msg('bpmnImport.exportAgainHint'));
  if (!/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<[A-Za-z_]/.test(text)) {
    throw new BpmnImportError(msg('bpmnImport.notXml'), msg('bpmnImport.notXmlHint'));
  }
  const moddle = await createModdle();
  let parsed;
  try {
    parsed = await moddle.fromXML(text, 'bpmn:Definitions');
  } catch (e) {
    const why = String((e as Error).message ?? e).split('\n')[0]!;
    if (/failed to parse document as <bpmn:Definitions>/.test(why) || /unknown type|unparsable content <(?!bpmn:)/i.test(why)) {
      throw new BpmnImportError(msg('bpmnImport.notBpmn'), msg('bpmnImport.notBpmnHint'));
    }
    throw new BpmnImportError(msg('bpmnImport.badXml', { why }), msg('bpmnImport.badXmlHint'));
  }
  const defs = parsed.rootElement;
  if (!defs || defs.$type !== 'bpmn:Definitions') {
    throw new BpmnImportError(msg('bpmnImport.notBpmn'), msg('bpmnImport.notBpmnHint'));
  }
  const notes: ImportNote[] = [];
  for (const w of parsed.warnings.slice(0, 20)) notes.push({ severity: 'info', message: msg('bpmnImport.readerSkipped', { why: firstLine(w.message) }) });

  const bpmnProcesses: El[] = (defs.rootElements ?? []).filter((e: El) => e.$type === 'bpmn:Process');
  const participantName = new Map<string, string>();
  for (const c of (defs.rootElements ?? []).filter((e: El) => e.$type === 'bpmn:Collaboration')) {
    for (const p of c.participants ?? []) if (p.processRef && p.name) participantName.set(p.processRef.id, p.name);
    const artifacts = (c.artifacts ?? []).length;
    if (artifacts) notes.push({ severity: 'info', message: msg('bpmnImport.collabArtifacts', { n: artifacts }) });
    if ((c.messageFlows ?? []).length) notes.push({ severity: 'warning', message: msg('bpmnImport.messageFlows', { n: c.messageFlows.length }) });
  }
  const withContent = bpmnProcesses.filter((p) => (p.flowElements ?? []).length > 0);
  if (withContent.length === 0) {
    throw new BpmnImportError(msg('bpmnImport.noSteps'), msg('bpmnImport.noStepsHint'));
  }
  for (const p of bpmnProcesses) if (!(p.flowElements ?? []).length) notes.push({ severity: 'info', element: p.id, message: msg('bpmnImport.emptyProcess', { id: p.id }) });

  const ids = new Set<string>();
  const processIds = withContent.map((p) => uniqueId(p.id, p.name ?? participantName.get(p.id), ids, 'process'));
  // An embedded sub-process becomes a process of its own that a subprocess step calls, so none
  // of its elements is lost; its lanes are those of the process it sits in.
  const embedded: { el: El; parent: El; id: string }[] = [];
  const collect = (container: El, parent: El) => {
    for (const e of (container.flowElements ?? []) as El[]) {
      if ((e.$type !== 'bpmn:SubProcess' && e.$type !== 'bpmn:Transaction') || e.triggeredByEvent || !(e.flowElements ?? []).length) continue;
      embedded.push({ el: e, parent, id: uniqueId(e.id, e.name, ids, 'subprocess') });
      collect(e, parent);
    }
  };
  for (const p of withContent) collect(p, p);
  const known = new Set([...(options.knownProcesses ?? []), ...processIds, ...embedded.map((e) => e.id)]);
  const calledIds = new Map<string, string>();
  withContent.forEach((p, i) => calledIds.set(p.id, processIds[i]!));
  for (const e of embedded) calledIds.set(e.el.id, e.id);
  const ctx = { ...options, known, calledIds, expressionLanguage: defs.expressionLanguage };
  const processes = withContent.map((p, i) => importProcess(p, processIds[i]!, participantName.get(p.id), ctx));
  for (const e of embedded) {
    const asProcess = { id: e.el.id, name: e.el.name, flowElements: e.el.flowElements, artifacts: e.el.artifacts, laneSets: e.parent.laneSets, documentation: e.el.documentation };
    processes.push(importProcess(asProcess, e.id, undefined, ctx));
  }
  return { processes, notes };
}

interface Ctx extends ImportOptions {
  known: Set<string>;
  calledIds: Map<string, string>;
  expressionLanguage?: string;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

function uniqueId(raw: string | undefined, name: string | undefined, used: Set<string>, fallback: string): string {
  const r = (raw ?? '').replace(/^_/, '');
  // A kebab-case id is kept (crmflow's own export); Signavio's generated `sid-…` ids are not names.
  let id = KEBAB.test(r) && !(/^sid-/.test(r) && name) ? r : '';
  if (!id && name) {
    const k = nameId(name, raw);
    if (k && k.length <= 48) id = k;
  }
  // Generated ids with digits (`sid-8C2E…`, `Activity_0x5ybq2`) are not camelCase words: no splitting.
  if (!id) id = (/\d/.test(raw ?? '') ? kebab((raw ?? '').toLowerCase()) : kebab(raw ?? '')) || fallback;
  let out = id;
  for (let n = 2; used.has(out); n++) out = `${id}-${n}`;
  used.add(out);
  return out;
}

const TASKS = new Set(['bpmn:Task', 'bpmn:UserTask', 'bpmn:ManualTask', 'bpmn:ServiceTask', 'bpmn:ScriptTask', 'bpmn:BusinessRuleTask', 'bpmn:SendTask']);
const SERVICE = new Set(['bpmn:ServiceTask', 'bpmn:ScriptTask', 'bpmn:BusinessRuleTask', 'bpmn:SendTask']);
const ARTIFACT_NAMES: Record<string, string> = {
  'bpmn:TextAnnotation': 'text annotation',
  'bpmn:Association': 'association',
  'bpmn:Group': 'group',
  'bpmn:DataObject': 'data object',
  'bpmn:DataObjectReference': 'data object',
  'bpmn:DataStoreReference': 'data store',
};

type Cond = { cel?: string; variable?: { name: 'outcome' | 'route'; value: string }; untranslated?: string };

function importProcess(p: El, id: string, poolName: string | undefined, ctx: Ctx): ImportedProcess {
  const notes: ImportNote[] = [];
  const warn = (element: string | undefined, message: string) => notes.push({ severity: 'warning', element, message });
  const info = (element: string | undefined, message: string) => notes.push({ severity: 'info', element, message });

  const all: El[] = p.flowElements ?? [];
  const flows: El[] = all.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const nodes: El[] = all.filter((e) => e.$type !== 'bpmn:SequenceFlow' && !ARTIFACT_NAMES[e.$type]);
  const outOf = new Map<string, El[]>();
  const inOf = new Map<string, El[]>();
  for (const f of flows) {
    if (!f.sourceRef || !f.targetRef) {
      warn(f.id, msg('bpmnImport.flowNoEnds', { id: f.id }));
      continue;
    }
    (outOf.get(f.sourceRef.id) ?? outOf.set(f.sourceRef.id, []).get(f.sourceRef.id)!).push(f);
    (inOf.get(f.targetRef.id) ?? inOf.set(f.targetRef.id, []).get(f.targetRef.id)!).push(f);
  }
  const outs = (e: El): El[] => outOf.get(e.id) ?? [];
  const ins = (e: El): El[] => inOf.get(e.id) ?? [];

  // Artifacts crmflow has no place for: one note per kind.
  const ignored = new Map<string, number>();
  for (const a of [...all.filter((e) => ARTIFACT_NAMES[e.$type] && e.$type !== 'bpmn:DataObject'), ...(p.artifacts ?? [])]) {
    const k = ARTIFACT_NAMES[a.$type] ?? a.$type.replace('bpmn:', '');
    ignored.set(k, (ignored.get(k) ?? 0) + 1);
  }
  for (const [k, n] of ignored) info(undefined, msg('bpmnImport.ignored', { n, what: artifactWord(k, n) }));

  // Lanes → roles.
  const laneRole = new Map<string, { role: string; label?: string }>();
  const lanesDeclared: { role: string; label?: string }[] = [];
  const walkLanes = (set: El | undefined) => {
    for (const lane of set?.lanes ?? []) {
      if (lane.childLaneSet?.lanes?.length) {
        walkLanes(lane.childLaneSet);
        continue;
      }
      if (lane.id === 'Lane__process') continue;
      const m = /^Lane_role_([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(lane.id);
      const role = m ? m[1]! : nameId(lane.name ?? '', lane.id) || kebab(lane.id);
      const entry = { role, label: lane.name };
      lanesDeclared.push(entry);
      for (const ref of lane.flowNodeRef ?? []) laneRole.set(ref.id, entry);
    }
  };
  for (const set of p.laneSets ?? []) walkLanes(set);

  // Which BPMN elements become steps, which are absorbed into one.
  const boundaries = nodes.filter((n) => n.$type === 'bpmn:BoundaryEvent');
  const boundaryOf = new Map<string, El[]>();
  for (const b of boundaries) if (b.attachedToRef) (boundaryOf.get(b.attachedToRef.id) ?? boundaryOf.set(b.attachedToRef.id, []).get(b.attachedToRef.id)!).push(b);

  // A merge (exclusive or inclusive, one way out) or a gateway with one way in and out.
  const isPassThrough = (n: El): boolean => {
    if (outs(n).length !== 1 || outs(n)[0].conditionExpression || ins(n).length === 0) return false;
    if (n.$type === 'bpmn:ExclusiveGateway' || n.$type === 'bpmn:InclusiveGateway') return true;
    return n.$type === 'bpmn:ParallelGateway' && ins(n).length === 1;
  };
  const outcomeGatewayOf = new Map<string, El>(); // element id → its `<id>_outcome` / `<id>_approval` gateway
  const absorbed = new Set<string>();
  for (const n of nodes) {
    if (n.$type !== 'bpmn:ExclusiveGateway' || !/_(outcome|approval)$/.test(n.id)) continue;
    const host = n.id.replace(/_(outcome|approval)$/, '');
    const inc = ins(n);
    if (inc.length === 1 && inc[0].sourceRef.id === host && outs(inc[0].sourceRef).length === 1) {
      outcomeGatewayOf.set(host, n);
      absorbed.add(n.id);
    }
  }
  // Measured SLAs: a non-interrupting timer to `<task>_sla_end`.
  for (const n of nodes) if (n.$type === 'bpmn:EndEvent' && /_sla_end$/.test(n.id) && ins(n).length === 1 && ins(n)[0].sourceRef.$type === 'bpmn:BoundaryEvent') absorbed.add(n.id);
  // Event-based gateway with one message and one timer event: one wait step with a timeout.
  const eventWait = new Map<string, { message: El; timer: El }>();
  for (const n of nodes) {
    if (n.$type !== 'bpmn:EventBasedGateway') continue;
    const targets = outs(n).map((f) => f.targetRef);
    const msg = targets.filter((t: El) => t.$type === 'bpmn:IntermediateCatchEvent' && t.eventDefinitions?.[0]?.$type === 'bpmn:MessageEventDefinition');
    const tim = targets.filter((t: El) => t.$type === 'bpmn:IntermediateCatchEvent' && t.eventDefinitions?.[0]?.$type === 'bpmn:TimerEventDefinition');
    if (targets.length === 2 && msg.length === 1 && tim.length === 1 && ins(msg[0]).length === 1 && ins(tim[0]).length === 1) {
      eventWait.set(n.id, { message: msg[0], timer: tim[0] });
      absorbed.add(msg[0].id);
      absorbed.add(tim[0].id);
    }
  }

  // Step ids for the elements that stay.
  const used = new Set<string>();
  const stepIdOf = new Map<string, string>();
  const stepElements = nodes.filter((n) => n.$type !== 'bpmn:BoundaryEvent' && !absorbed.has(n.id) && !isPassThrough(n));
  // Reading order: depth-first from the start events along the flows, then the rest.
  const order: El[] = [];
  const seen = new Set<string>();
  const visit = (n: El) => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    order.push(n);
    for (const b of boundaryOf.get(n.id) ?? []) for (const f of outs(b)) visit(f.targetRef);
    for (const f of outs(n)) visit(f.targetRef);
  };
  for (const n of stepElements) if (n.$type === 'bpmn:StartEvent') visit(n);
  for (const n of nodes) visit(n);
  const ordered = order.filter((n) => stepElements.includes(n));
  for (const n of ordered) stepIdOf.set(n.id, uniqueId(n.id, n.name, used, 'step'));

  /** The step a flow into `el` arrives at (merge gateways and plain throw events pass through). */
  const resolve = (el: El, depth = 0): string | undefined => {
    if (stepIdOf.has(el.id)) return stepIdOf.get(el.id);
    if (eventWait.has(el.id)) return stepIdOf.get(el.id);
    if (depth > 50) return undefined;
    const o = outs(el);
    if (o.length === 1) return resolve(o[0].targetRef, depth + 1);
    return undefined;
  };

  const conditionOf = (f: El): Cond | undefined => {
    const ce = f.conditionExpression;
    if (!ce) return undefined;
    const body = String(ce.body ?? '').trim();
    if (!body) return undefined;
    try {
      const { cel } = conditionToCel(body, ce.language ?? ctx.expressionLanguage);
      const v = /^case\.(outcome|route) == "((?:[^"\\]|\\.)*)"$/.exec(cel);
      if (v) return { variable: { name: v[1] as 'outcome' | 'route', value: JSON.parse(`"${v[2]}"`) as string } };
      const problem = checkCondition(cel);
      if (problem) return { untranslated: body };
      return { cel };
    } catch (e) {
      if (e instanceof ExpressionError) return { untranslated: body };
      throw e;
    }
  };

  const roles = new Map<string, string | undefined>();
  const steps: Record<string, unknown>[] = [];
  const descriptionExtra = new Map<string, string[]>();
  const addDescription = (step: string, line: string) => (descriptionExtra.get(step) ?? descriptionExtra.set(step, []).get(step)!).push(line);

  const roleOf = (n: El): string | undefined => {
    const lane = laneRole.get(n.id);
    if (lane) {
      roles.set(lane.role, lane.label);
      return lane.role;
    }
    const ext = (n.extensionElements?.values ?? []) as El[];
    const assign = ext.find((v) => v.$type === 'zeebe:AssignmentDefinition');
    const group = assign?.candidateGroups ?? n.$attrs?.['camunda:candidateGroups'];
    if (typeof group === 'string' && group.trim() && !group.trim().startsWith('=') && !group.includes('$')) {
      const r = kebab(group.split(',')[0]!);
      if (r) {
        if (!roles.has(r)) roles.set(r, group.split(',')[0]!.trim());
        return r;
      }
    }
    // BPMN's own resource assignment: <potentialOwner> / <humanPerformer> with group(x), user(x) or a name.
    for (const r of (n.resources ?? []) as El[]) {
      const body = r.resourceAssignmentExpression?.expression?.body;
      const m = typeof body === 'string' ? /^\s*(?:group\(\s*([^)]+?)\s*\)|([^(),$#{}=]+?))\s*$/.exec(body) : null;
      const name = m ? (m[1] ?? m[2])! : undefined;
      const r2 = name ? kebab(name) : '';
      if (r2) {
        if (!roles.has(r2)) roles.set(r2, name);
        return r2;
      }
    }
    if (SERVICE.has(n.$type)) return 'system';
    return undefined;
  };

  const recycleTargets = new Set<string>();
  for (const n of ordered) {
    const sid = stepIdOf.get(n.id)!;
    const step: Record<string, unknown> = { id: sid };
    const name = typeof n.name === 'string' ? n.name.replace(/\s+/g, ' ').trim() : '';
    const doc = (n.documentation ?? []).map((d: El) => d.text).filter(Boolean).join('\n');
    const setName = () => {
      if (name && name !== sid) step.name = name;
    };
    const exits = (el: El) => outs(el);
    const setNext = (el: El) => {
      const o = exits(el);
      const plain = o.filter((f) => !f.conditionExpression || el.default === f);
      const first = plain[0] ?? o[0];
      if (first) {
        const to = resolve(first.targetRef);
        if (to) step.next = to;
      }
      if (o.length > 1) {
        const lostFlows = o.filter((f) => f !== first);
        warn(
          n.id,
          msg('bpmnImport.noGateway', { name: name || n.id, n: o.length, kept: resolve(first.targetRef) ?? first.targetRef.id, lost: lostFlows.map((f) => `"${resolve(f.targetRef) ?? f.targetRef.id}"`).join(', ') }),
        );
      }
    };
    const onPaths: Record<string, unknown> = {};
    const addOn = (key: string, value: unknown) => {
      let k = kebab(key) || 'exception';
      for (let i = 2; k in onPaths; i++) k = `${kebab(key) || 'exception'}-${i}`;
      onPaths[k] = value;
    };

    switch (n.$type) {
      case 'bpmn:StartEvent':
        step.type = 'start';
        setName();
        if (n.eventDefinitions?.length) info(n.id, msg('bpmnImport.typedStart', { name: name || n.id, kind: kindWord(defKind(n.eventDefinitions[0])) }));
        setNext(n);
        break;
      case 'bpmn:EndEvent':
        step.type = 'end';
        setName();
        // A terminate end is what crmflow's end is: it also ends the other parallel branches.
        if (n.eventDefinitions?.length && n.eventDefinitions[0].$type !== 'bpmn:TerminateEventDefinition') info(n.id, msg('bpmnImport.typedEnd', { name: name || n.id, kind: kindWord(defKind(n.eventDefinitions[0])) }));
        break;
      case 'bpmn:ReceiveTask':
        step.type = 'wait';
        setName();
        step.message = n.messageRef?.name ?? n.messageRef?.id ?? sid;
        readArrives(n, step);
        setNext(n);
        break;
      case 'bpmn:CallActivity': {
        const ext = (n.extensionElements?.values ?? []) as El[];
        const called: string | undefined = ext.find((v) => v.$type === 'zeebe:CalledElement')?.processId ?? n.calledElement;
        const target = called ? (ctx.calledIds.get(called) ?? (KEBAB.test(called) ? called : kebab(called))) : undefined;
        if (target && ctx.known.has(target)) {
          step.type = 'subprocess';
          setName();
          step.process = target;
        } else {
          step.type = 'task';
          setName();
          warn(n.id, msg('bpmnImport.callUnknown', { name: name || n.id, called: called ?? part('bpmnImport.nothing') }));
        }
        setNext(n);
        break;
      }
      case 'bpmn:SubProcess':
      case 'bpmn:Transaction':
      case 'bpmn:AdHocSubProcess':
        if (ctx.calledIds.has(n.id)) {
          step.type = 'subprocess';
          setName();
          step.process = ctx.calledIds.get(n.id);
          info(n.id, msg('bpmnImport.embeddedAsProcess', { name: name || n.id, process: String(step.process) }));
          setNext(n);
          break;
        }
        step.type = 'task';
        setName();
        warn(n.id, msg('bpmnImport.embeddedAsTask', { name: name || n.id, n: (n.flowElements ?? []).length }));
        setNext(n);
        break;
      case 'bpmn:ExclusiveGateway':
      case 'bpmn:InclusiveGateway':
      case 'bpmn:ComplexGateway': {
        if (n.$type !== 'bpmn:ExclusiveGateway') warn(n.id, msg(n.$type === 'bpmn:InclusiveGateway' ? 'bpmnImport.inclusiveGateway' : 'bpmnImport.complexGateway', { name: name || n.id }));
        step.type = 'decision';
        setName();
        step.branches = branchesOf(n);
        break;
      }
      case 'bpmn:EventBasedGateway': {
        const ew = eventWait.get(n.id);
        if (ew) {
          step.type = 'wait';
          step.name = name || ew.message.name || undefined;
          if (!step.name || step.name === sid) delete step.name;
          const ref = ew.message.eventDefinitions[0].messageRef;
          step.message = ref?.name ?? ref?.id ?? sid;
          const minutes = timerMinutes(ew.timer.eventDefinitions[0]);
          if (minutes !== undefined) step.timeout = minutesToDuration(minutes);
          else warn(ew.timer.id, msg('bpmnImport.timerNotFixed', { name: ew.timer.name ?? ew.timer.id }));
          const next = outs(ew.message)[0];
          if (next) step.next = resolve(next.targetRef);
          const to = outs(ew.timer)[0];
          if (to && resolve(to.targetRef)) addOn('timeout', resolve(to.targetRef));
        } else {
          warn(n.id, msg('bpmnImport.eventGateway', { name: name || n.id }));
          step.type = 'decision';
          setName();
          step.branches = outs(n)
            .map((f) => resolve(f.targetRef))
            .filter(Boolean)
            .map((to) => ({ next: to }));
        }
        break;
      }
      case 'bpmn:ParallelGateway': {
        const o = outs(n);
        if (o.length > 1) {
          step.type = 'parallel';
          setName();
          step.branches = o.map((f) => resolve(f.targetRef)).filter(Boolean);
          const join = findJoin(n);
          if (join) step.join = stepIdOf.get(join.id);
          else {
            warn(n.id, msg('bpmnImport.noJoin', { name: name || n.id, join: `${sid}-join` }));
            step.join = `${sid}-join`;
            steps.push({ id: `${sid}-join`, type: 'join' });
          }
          if (ins(n).length > 1) warn(n.id, msg('bpmnImport.joinFork', { name: name || n.id }));
        } else {
          step.type = 'join';
          setName();
          setNext(n);
        }
        break;
      }
      case 'bpmn:IntermediateCatchEvent': {
        step.type = 'wait';
        setName();
        const def = n.eventDefinitions?.[0];
        if (def?.$type === 'bpmn:TimerEventDefinition') {
          const minutes = timerMinutes(def);
          if (minutes !== undefined) step.for = minutesToDuration(minutes);
          else {
            step.message = kebab(name) || sid;
            warn(n.id, msg('bpmnImport.timerDate', { name: name || n.id, message: String(step.message) }));
          }
        } else if (def?.$type === 'bpmn:MessageEventDefinition') {
          step.message = def.messageRef?.name ?? def.messageRef?.id ?? sid;
          readArrives(n, step);
        } else {
          step.message = kebab(name) || sid;
          warn(n.id, msg('bpmnImport.catchEvent', { kind: kindWord(def ? defKind(def) : 'untyped'), name: name || n.id, message: String(step.message) }));
        }
        setNext(n);
        break;
      }
      case 'bpmn:IntermediateThrowEvent':
        step.type = 'task';
        step.kind = 'service';
        setName();
        step.role = 'system';
        if (n.eventDefinitions?.length) info(n.id, msg('bpmnImport.throwEvent', { kind: kindWord(defKind(n.eventDefinitions[0])), name: name || n.id }));
        else info(n.id, msg('bpmnImport.milestone', { name: name || n.id }));
        setNext(n);
        break;
      default: {
        if (!TASKS.has(n.$type)) warn(n.id, msg('bpmnImport.noForm', { type: n.$type.replace('bpmn:', ''), name: name || n.id }));
        step.type = 'task';
        if (SERVICE.has(n.$type)) step.kind = 'service';
        if (n.$type === 'bpmn:ManualTask') step.kind = 'manual';
        setName();
        const role = roleOf(n);
        if (role) step.role = role;
        const approvers = n.$type === 'bpmn:UserTask' ? approversOfTask(n) : undefined;
        if (approvers) {
          // A multi-instance user task over approvers is an approval in a mode (all, any, sequence).
          step.type = 'approval';
          delete step.role;
          if (approvers.mode !== 'single') step.mode = approvers.mode;
          step.approvers = approvers.approvers;
          if (Array.isArray(approvers.approvers)) for (const r of approvers.approvers) if (!roles.has(r)) roles.set(r, undefined);
        } else if (n.loopCharacteristics?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
          info(n.id, msg('bpmnImport.multiNoApprovers', { name: name || n.id }));
        }
        setNext(n);
      }
    }

    // The `<id>_outcome` gateway crmflow writes after a step: its flows are the step's `on` paths.
    const gw = outcomeGatewayOf.get(n.id);
    if (gw) {
      delete step.next;
      const defaultFlow = gw.default;
      if (defaultFlow) {
        const to = resolve(defaultFlow.targetRef);
        if (to) step.next = to;
      }
      outs(gw).forEach((f, i) => {
        if (f === defaultFlow) return;
        const to = resolve(f.targetRef);
        if (!to) return;
        const c = conditionOf(f);
        const { label, probability } = splitShare(f.name);
        const key = c?.variable?.name === 'outcome' ? c.variable.value : kebab(label) || `outcome-${i + 1}`;
        const share = probability !== undefined ? { probability } : {};
        if (c?.cel) addOn(key, { next: to, ...share, when: c.cel });
        else {
          if (c?.untranslated) {
            warn(f.id, msg('bpmnImport.pathCondition', { condition: c.untranslated, key }));
            addDescription(sid, msg('expr.pathDescription', { key, condition: c.untranslated }));
          }
          addOn(key, probability !== undefined ? { next: to, probability } : to);
        }
      });
      if (/_approval$/.test(gw.id) && n.$type === 'bpmn:UserTask') step.type = 'approval';
    }

    // Boundary events.
    let slaDone = false;
    for (const b of boundaryOf.get(n.id) ?? []) {
      const def = b.eventDefinitions?.[0];
      const flowsOut = outs(b);
      const targetEl = flowsOut[0]?.targetRef;
      const target = targetEl ? resolve(targetEl) : undefined;
      const label = b.name || b.id;
      if (!def) {
        warn(b.id, msg('bpmnImport.boundaryNoTrigger', { name: label }));
        continue;
      }
      if (flowsOut.length > 1) warn(b.id, msg('bpmnImport.boundaryFlows', { name: label, n: flowsOut.length }));
      if (def.$type === 'bpmn:TimerEventDefinition') {
        const minutes = timerMinutes(def);
        if ((/_recycle$/.test(b.id) || /^recycle after /i.test(b.name ?? '')) && minutes !== undefined && target && (step.type === 'task' || step.type === 'approval' || step.type === 'wait')) {
          // crmflow's recycle: back to the pool when the case has not moved on.
          step.recycle = { after: minutesToDuration(minutes), to: target };
          recycleTargets.add(target);
          continue;
        }
        const measured = targetEl && absorbed.has(targetEl.id) && targetEl.$type === 'bpmn:EndEvent';
        if (step.type === 'wait' && step.message && !('timeout' in step)) {
          if (minutes !== undefined) step.timeout = minutesToDuration(minutes);
          else warn(b.id, msg('bpmnImport.timerNotFixed', { name: label }));
          if (target) addOn('timeout', withShare(target, b.name));
          continue;
        }
        if ((step.type === 'task' || step.type === 'approval') && !slaDone && minutes !== undefined) {
          slaDone = true;
          const sla: Record<string, unknown> = { within: minutesToDuration(minutes) };
          if (!measured && target) {
            sla.breach = target;
            if (b.cancelActivity === false) sla.interrupting = false;
          } else if (!measured && !target) warn(b.id, msg('bpmnImport.timerNowhere', { name: label }));
          step.sla = sla;
          continue;
        }
        if (minutes === undefined) warn(b.id, msg('bpmnImport.timerNoTime', { label, name: name || n.id }));
        else if (step.type !== 'subprocess') warn(b.id, msg('bpmnImport.secondTimer', { label, name: name || n.id }));
        else info(b.id, msg('bpmnImport.subprocessTimer', { label, duration: minutesToDuration(minutes), name: name || n.id }));
        if (target) addOn('timeout', target);
        continue;
      }
      if (def.$type === 'bpmn:ErrorEventDefinition') {
        if (target) addOn('error', withShare(target, b.name));
        else warn(b.id, msg('bpmnImport.errorNowhere', { name: label }));
        continue;
      }
      if (def.$type === 'bpmn:CompensateEventDefinition') {
        warn(b.id, msg('bpmnImport.compensation', { name: label }));
        continue;
      }
      const kind = defKind(def);
      const key = kebab(b.name ?? '') || kind.replace(/ /g, '-');
      if (target) {
        addOn(key, target);
        info(b.id, msg('bpmnImport.boundaryPath', { kind: kindWord(kind), name: label, key: kebab(key) }));
      } else warn(b.id, msg('bpmnImport.boundaryNowhere', { kind: kindWord(kind), name: label }));
    }
    if (Object.keys(onPaths).length) {
      if (step.type === 'decision' || step.type === 'parallel' || step.type === 'join' || step.type === 'start' || step.type === 'end') {
        warn(n.id, msg('bpmnImport.onPathsLost', { name: name || n.id, keys: Object.keys(onPaths).join(', '), type: String(step.type) }));
      } else step.on = onPaths;
    }
    const extra = descriptionExtra.get(sid) ?? [];
    if (doc || extra.length) step.description = [doc, ...extra].filter(Boolean).join('\n');
    steps.push(orderStep(step));
  }

  // A user task that recycled cases go back to is a pool its role claims from.
  for (const step of steps) {
    if (!recycleTargets.has(step.id as string) || step.type !== 'task' || typeof step.role !== 'string') continue;
    const pool: Record<string, unknown> = { type: 'pool', claimedBy: step.role };
    for (const k of ['id', 'name', 'description', 'next']) if (step[k] !== undefined) pool[k] = step[k];
    for (const k of Object.keys(step)) delete step[k];
    Object.assign(step, orderStep(pool));
  }

  function branchesOf(g: El): Record<string, unknown>[] {
    const branches: Record<string, unknown>[] = [];
    let otherwise: string | undefined;
    const unconditioned: Record<string, unknown>[] = [];
    outs(g).forEach((f) => {
      const to = resolve(f.targetRef);
      if (!to) return;
      if (g.default === f) {
        otherwise = to;
        return;
      }
      const c = conditionOf(f);
      const { probability } = splitShare(f.name);
      if (c?.cel) {
        branches.push({ when: c.cel, next: to, ...(probability !== undefined ? { probability } : {}) });
        return;
      }
      const branch: Record<string, unknown> = { next: to };
      // crmflow writes a probability-only branch as `route = "<step>"`, named with its share.
      const share = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(f.name ?? '');
      if (c?.variable?.name === 'route' && share) branch.probability = Number(share[1]) / 100;
      else {
        if (c?.untranslated) {
          warn(f.id, msg('bpmnImport.flowCondition', { condition: c.untranslated, to }));
          addDescription(stepIdOf.get(g.id)!, msg('expr.branchDescription', { to, condition: c.untranslated }));
        } else if (!c) warn(f.id, msg('bpmnImport.flowNoCondition', { from: g.name || g.id, to }));
        unconditioned.push(branch);
      }
      branches.push(branch);
    });
    // Branches without a usable condition share what is left evenly (the else branch counts as one).
    if (unconditioned.length) {
      const given = branches.reduce((a, b) => a + (typeof b.probability === 'number' && !unconditioned.includes(b) ? b.probability : 0), 0);
      shareRest(unconditioned, Math.max(0, 1 - given), otherwise !== undefined);
    }
    // No default flow, but the last condition is the opposite of the one before: that is an else.
    const last = branches[branches.length - 1];
    if (!otherwise && branches.length === 2 && typeof branches[0]!.when === 'string' && typeof last?.when === 'string' && opposite(branches[0]!.when, last.when)) {
      branches.pop();
      otherwise = last.next as string;
      info(g.id, msg('bpmnImport.lastElse', { name: g.name || g.id, when: last.when }));
    }
    if (otherwise) branches.push({ else: otherwise });
    return branches;
  }

  function findJoin(fork: El): El | undefined {
    const seenJ = new Set<string>([fork.id]);
    let frontier: El[] = outs(fork).map((f) => f.targetRef);
    while (frontier.length) {
      const next: El[] = [];
      for (const el of frontier) {
        if (seenJ.has(el.id)) continue;
        seenJ.add(el.id);
        if (el.$type === 'bpmn:ParallelGateway' && ins(el).length > 1 && stepIdOf.has(el.id)) return el;
        for (const f of outs(el)) next.push(f.targetRef);
        for (const b of boundaryOf.get(el.id) ?? []) for (const f of outs(b)) next.push(f.targetRef);
      }
      frontier = next;
    }
    return undefined;
  }

  // Roles from lanes that hold no task are roles all the same (the diagram had them).
  for (const l of lanesDeclared) if (!roles.has(l.role)) roles.set(l.role, l.label);
  const known = new Set(ctx.knownRoles ?? []);
  const declared: Record<string, unknown> = {};
  for (const [role, label] of [...roles].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (BUILT_IN_ROLES.has(role) || known.has(role)) continue;
    declared[role] = label && label !== role ? { name: label } : {};
  }

  const data: Record<string, unknown> = { crmflow: 1, id };
  const pname = p.name ?? poolName;
  if (pname && pname !== id) data.name = pname;
  data.layer = ctx.layer ?? 'operation';
  const pdoc = (p.documentation ?? []).map((d: El) => d.text).filter(Boolean).join('\n');
  if (pdoc) data.description = pdoc;
  if (Object.keys(declared).length) data.roles = declared;
  data.steps = steps;
  if (!steps.some((s) => s.type === 'start')) warn(undefined, msg('bpmnImport.noStart', { id }));
  for (const step of steps) for (const gap of lintGaps(step)) warn(undefined, gap);
  return { id, data, notes };
}

/**
 * The approvers of a multi-instance user task as crmflow's export writes them: a Zeebe
 * inputCollection of role names (or the submitter's `supervisors`), the mode from
 * isSequential and the completion condition.
 */
function approversOfTask(n: El): { mode: 'single' | 'all' | 'any' | 'sequence'; approvers: string[] | { supervisor: number } } | undefined {
  const ext = (n.extensionElements?.values ?? []) as El[];
  const groups = ext.find((v) => v.$type === 'zeebe:AssignmentDefinition')?.candidateGroups;
  const single = typeof groups === 'string' ? /^=\s*\[\s*supervisors\[(\d)\]\s*\]\s*$/.exec(groups) : null;
  if (single) return { mode: 'single', approvers: { supervisor: Number(single[1]) } };
  const loop = n.loopCharacteristics;
  if (loop?.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return undefined;
  // Plain BPMN as crmflow writes it: the approvers and the mode as crmflow attributes.
  const attrs = (loop.$attrs ?? {}) as Record<string, string>;
  const key = Object.keys(attrs).find((k) => /(^|:)approvers$/.test(k) && k !== 'approvers');
  const modeKey = Object.keys(attrs).find((k) => /(^|:)mode$/.test(k) && k !== 'mode');
  if (key && modeKey && ['all', 'any', 'sequence'].includes(attrs[modeKey]!)) {
    const text = String(attrs[key]).trim();
    const sup = /^supervisor:(\d)$/.exec(text);
    const names = text.split(/\s+/).map(kebab).filter(Boolean);
    if (sup || names.length) return { mode: attrs[modeKey] as 'all' | 'any' | 'sequence', approvers: sup ? { supervisor: Number(sup[1]) } : names };
  }
  const z = (loop.extensionElements?.values ?? []).find((v: El) => v.$type === 'zeebe:LoopCharacteristics');
  const input = typeof z?.inputCollection === 'string' ? z.inputCollection.trim() : '';
  let approvers: string[] | { supervisor: number } | undefined;
  const sup = /^=\s*sublist\(\s*supervisors\s*,\s*1\s*,\s*(\d)\s*\)$/.exec(input);
  if (sup) approvers = { supervisor: Number(sup[1]) };
  else {
    const list = /^=\s*\[(.*)\]$/.exec(input);
    const names = list ? [...list[1]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => kebab(m[1]!)).filter(Boolean) : [];
    if (names.length) approvers = names;
  }
  if (!approvers) return undefined;
  const completion = String(loop.completionCondition?.body ?? '');
  const mode = loop.isSequential ? 'sequence' : /numberOfCompletedInstances\s*>=\s*1\b/.test(completion) ? 'any' : 'all';
  return { mode, approvers };
}

/**
 * What `lint` asks of an imported step that the BPMN did not say (no lane or assignee, no error
 * boundary, no default flow): one line each, naming the rule, so an import is lint-clean or says why.
 */
function lintGaps(step: Record<string, unknown>): string[] {
  const on = (step.on ?? {}) as Record<string, unknown>;
  const id = step.id as string;
  switch (step.type) {
    case 'task':
      if (step.kind === 'service') return 'error' in on ? [] : [msg('bpmnImport.gap.serviceError', { id })];
      return step.role === undefined ? [msg('bpmnImport.gap.noRole', { id })] : [];
    case 'approval':
      return 'rejected' in on ? [] : [msg('bpmnImport.gap.noRejected', { id })];
    case 'wait':
      return step.message !== undefined && !('timeout' in on) && !step.recycle ? [msg('bpmnImport.gap.noTimer', { id, message: String(step.message) })] : [];
    case 'decision': {
      const branches = (step.branches ?? []) as Record<string, unknown>[];
      const onlyShares = branches.every((b) => !('else' in b) && b.when === undefined && b.probability !== undefined);
      return branches.some((b) => 'else' in b) || onlyShares ? [] : [msg('bpmnImport.gap.noElse', { id })];
    }
    default:
      return [];
  }
}

/** Whether CEL `b` is the negation of `a` (`!x` / `x`, `x == true` / `x == false`, `x == v` / `x != v`). */
function opposite(a: string, b: string): boolean {
  let na: string;
  let nb: string;
  try {
    na = normalizeCel(a);
    nb = normalizeCel(b);
  } catch {
    return false;
  }
  const not = (x: string) => (x.startsWith('!') ? x.slice(1).replace(/^\((.*)\)$/, '$1') : undefined);
  if (not(na) === nb || not(nb) === na) return true;
  const cmp = /^(case(?:\.[A-Za-z_][A-Za-z0-9_]*)+) (==|!=) (.+)$/;
  const ma = cmp.exec(na);
  const mb = cmp.exec(nb);
  if (!ma || !mb || ma[1] !== mb[1]) return false;
  if (ma[2] !== mb[2] && ma[3] === mb[3]) return true;
  const bools = new Set([ma[3], mb[3]]);
  return ma[2] === mb[2] && ma[2] === '==' && bools.has('true') && bools.has('false');
}

/**
 * Splits `rest` evenly over `branches` in whole percent, rounded down so the shares never exceed
 * it; without an else branch the last one takes the rounding rest, so the decision sums to exactly
 * 1 (12 × 0.08 is 0.96 and fails validation).
 */
export function shareRest(branches: Record<string, unknown>[], rest: number, hasElse: boolean): void {
  const cents = rest * 100;
  const each = Math.floor(cents / (branches.length + (hasElse ? 1 : 0)) + 1e-9);
  branches.forEach((b) => (b.probability = each / 100));
  // Four decimals keep a label share such as 12.5% exact while dropping float noise.
  if (!hasElse) branches[branches.length - 1]!.probability = Math.round((cents - each * (branches.length - 1)) * 100) / 10000;
}

/** `rejected (15%)` → `{ label: 'rejected', probability: 0.15 }`: crmflow writes shares into labels. */
export function splitShare(label: string | undefined): { label: string; probability?: number } {
  const m = /^([\s\S]*?)\s*\((\d+(?:\.\d+)?)\s*%\)\s*$/.exec(label ?? '');
  if (!m) return { label: label ?? '' };
  return { label: m[1]!, probability: Number(m[2]) / 100 };
}

const KINDS = ['message', 'signal', 'timer', 'error', 'escalation', 'conditional', 'link', 'cancel', 'terminate', 'untyped', 'compensate'] as const;

/** An event kind (`message`, `timer`…) as a translated word; an unknown kind as it is. */
function kindWord(kind: string): Part | string {
  return (KINDS as readonly string[]).includes(kind) ? part(`bpmnImport.kind.${kind as (typeof KINDS)[number]}`) : kind;
}

const ARTIFACT_WORDS: Record<string, 'textAnnotation' | 'association' | 'group' | 'dataObject' | 'dataStore'> = {
  'text annotation': 'textAnnotation',
  association: 'association',
  group: 'group',
  'data object': 'dataObject',
  'data store': 'dataStore',
};

/** `text annotation` / `text annotations` (by n) as a translated word; an unknown artifact as `<name>s`. */
function artifactWord(k: string, n: number): Part | string {
  const w = ARTIFACT_WORDS[k];
  return w ? part(`bpmnImport.artifact.${w}.${n === 1 ? 'one' : 'other'}`) : `${k}${n === 1 ? '' : 's'}`;
}

function defKind(def: El): string {
  return String(def?.$type ?? 'untyped')
    .replace('bpmn:', '')
    .replace('EventDefinition', '')
    .toLowerCase();
}

/** Minutes of a timer's `timeDuration` (ISO 8601, optionally as a FEEL literal `="PT1H"`). */
function timerMinutes(def: El): number | undefined {
  const body = def?.timeDuration?.body;
  if (typeof body !== 'string') return undefined;
  const t = body.trim().replace(/^=\s*(?:duration\()?\s*"?/, '').replace(/"?\s*\)?$/, '');
  return fromIsoDuration(t);
}

const STEP_KEY_ORDER = ['id', 'type', 'kind', 'name', 'role', 'description', 'for', 'message', 'arrives', 'timeout', 'process', 'sla', 'branches', 'join', 'on', 'next'];

function withShare(target: string, label: string | undefined): string | { next: string; probability: number } {
  const { probability } = splitShare(label);
  return probability !== undefined ? { next: target, probability } : target;
}

function orderStep(step: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of STEP_KEY_ORDER) if (step[k] !== undefined) out[k] = step[k];
  for (const k of Object.keys(step)) if (!(k in out) && step[k] !== undefined) out[k] = step[k];
  return out;
}

/** The YAML text of an imported process, with the schema comment and the import notes on top. */
export function toYaml(imported: ImportedProcess, options: { schemaPath: string; source?: string; lang?: Lang }): string {
  const lang = options.lang ?? 'en';
  const doc = new Document(lang === 'en' ? imported.data : localizeDescriptions(imported.data, lang));
  const lines = [`yaml-language-server: $schema=${options.schemaPath}`];
  lines.push('');
  lines.push(options.source ? t(lang, 'bpmnImport.importedFrom', { source: options.source }) : t(lang, 'bpmnImport.imported'));
  const warnings = imported.notes.filter((n) => n.severity === 'warning');
  if (warnings.length) {
    lines.push(t(lang, 'bpmnImport.notRepresented'));
    for (const w of warnings) lines.push(`- ${localize(w.message, lang)}`);
  }
  doc.commentBefore = lines.map((l) => (l ? ` ${l}` : '')).join('\n');
  return doc.toString({ lineWidth: 0 });
}

/** A copy of `data` whose `description` lines made by `msg` (the BPMN conditions import keeps) are in `lang`. */
function localizeDescriptions(data: unknown, lang: Lang): unknown {
  if (Array.isArray(data)) return data.map((x) => localizeDescriptions(x, lang));
  if (!data || typeof data !== 'object') return data;
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, k === 'description' && typeof v === 'string' ? v.split('\n').map((l) => localize(l, lang)).join('\n') : localizeDescriptions(v, lang)]),
  );
}

/**
 * A message wait's `arrives` as crmflow's export keeps it (simulation data): a `crmflow:arrives`
 * attribute (plain BPMN) or zeebe:property (Camunda 8); a duration, or a distribution as JSON.
 */
function readArrives(n: El, step: Record<string, unknown>): void {
  const attrs = (n.$attrs ?? {}) as Record<string, string>;
  const key = Object.keys(attrs).find((k) => /(^|:)arrives$/.test(k) && k !== 'arrives');
  const props = ((n.extensionElements?.values ?? []) as El[]).filter((v) => v.$type === 'zeebe:Properties').flatMap((v) => (v.properties ?? []) as El[]);
  const text = key ? attrs[key] : props.find((p) => p.name === 'crmflow:arrives')?.value;
  if (typeof text !== 'string' || !text.trim()) return;
  const t = text.trim();
  if (!t.startsWith('{')) {
    step.arrives = t;
    return;
  }
  try {
    step.arrives = JSON.parse(t);
  } catch {
    // Not JSON: left out; the wait then arrives at once in simulate, which warns about it.
  }
}
