/**
 * Reads an XES event log as a stream with saxes: the XML is never held as a DOM, so logs of
 * hundreds of MB read in the memory their events take. Each `<trace>` is one case (its
 * `concept:name` the id); only attributes directly inside a trace or event count, nested ones
 * (list or container values) are skipped. An event with `lifecycle:transition` "start" gives
 * its time to the next non-start event of the same activity in the trace (so start/complete
 * pairs become one event with start and end); unpaired starts are left out.
 */
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { embed, msg, part } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import { parseInstant } from '../model/date-times.js';
import { byEndTime } from './group.js';
import { gzipError, openLog } from './open.js';
import type { EventLog, LogCase, LogEvent, LogReadOptions } from './types.js';

/** The standard XES extension keys; `--map` names others (e.g. `activity=Activity`). */
const KEYS = { case: 'concept:name', activity: 'concept:name', end: 'time:timestamp', resource: 'org:resource', role: 'org:role' } as const;
const LIFECYCLE = 'lifecycle:transition';

/** An attribute value and where it was written, for messages. */
interface Attr {
  value: string;
  at: string;
}

/** Reads a `.xes` or `.xes.gz` event log from disk. */
export async function readXesLog(path: string, options: LogReadOptions = {}): Promise<EventLog> {
  const name = options.name ?? path;
  return parseXesLog(await openLog(path, name), name, options);
}

/** Reads an XES event log from a stream of (already unpacked) bytes or text. */
export async function parseXesLog(input: Readable, name: string, options: LogReadOptions = {}): Promise<EventLog> {
  const key = { ...KEYS, start: undefined as string | undefined, ...options.map };
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const stack: string[] = [];
  const cases: LogCase[] = [];
  let rows = 0;
  let sawLog = false;
  let trace: { attrs: Map<string, Attr>; events: Array<Omit<LogEvent, 'case'>>; starts: Map<string, number[]>; at: string } | undefined;
  let event: { attrs: Map<string, Attr>; at: string } | undefined;
  // Messages point at the `<` of the tag: saxes reports the name just read, so step back over it.
  let tagAt = '';
  parser.on('opentagstart', (tag) => {
    tagAt = `${name}:${parser.line}:${parser.column - tag.name.length - 1}`;
  });
  const here = () => tagAt;
  const fail = (message: string, hint: string): never => {
    throw new CrmflowError(message, hint, 'data');
  };
  const time = (attr: Attr, field: string): number => {
    const t = parseInstant(attr.value);
    return t.ok ? t.value : fail(msg('logXes.badTime', { where: attr.at, field, why: embed(t.message) }), msg('logXes.badTimeHint'));
  };
  const required = (attrs: Map<string, Attr>, k: string, what: 'event' | 'trace', at: string): Attr =>
    attrs.get(k) ?? fail(msg('logXes.noAttribute', { where: at, what: part(`logXes.what.${what}`), key: k }), msg('logXes.noAttributeHint', { what: part(`logXes.what.${what}`) }));

  parser.on('error', (e) => fail(msg('logXes.notXml', { file: name, why: e.message }), msg('logXes.notXmlHint')));
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const local = tag.name.slice(tag.name.indexOf(':') + 1);
    const parent = stack[stack.length - 1];
    stack.push(local);
    if (local === 'log' && parent === undefined) sawLog = true;
    else if (local === 'trace' && parent === 'log') trace = { attrs: new Map(), events: [], starts: new Map(), at: here() };
    else if (local === 'event' && parent === 'trace' && trace) event = { attrs: new Map(), at: here() };
    else if ((parent === 'event' && event) || (parent === 'trace' && trace && !event)) {
      const k = tag.attributes.key;
      const v = tag.attributes.value;
      if (typeof k === 'string' && typeof v === 'string') (event ?? trace)!.attrs.set(k, { value: v.trim(), at: here() });
    }
  });
  parser.on('closetag', () => {
    const local = stack.pop();
    if (local === 'event' && event && stack[stack.length - 1] === 'trace' && trace) {
      rows++;
      const { attrs, at } = event;
      event = undefined;
      const activity = required(attrs, key.activity, 'event', at).value;
      if (activity === '') fail(msg('logXes.emptyActivity', { where: at, key: key.activity }), msg('logXes.emptyActivityHint'));
      const when = time(required(attrs, key.end, 'event', at), key.end);
      if (key.start === undefined && attrs.get(LIFECYCLE)?.value.toLowerCase() === 'start') {
        const waiting = trace.starts.get(activity);
        if (waiting) waiting.push(when);
        else trace.starts.set(activity, [when]);
        return;
      }
      const e: Omit<LogEvent, 'case'> = { activity, end: when };
      const start = key.start === undefined ? trace.starts.get(activity)?.shift() : attrs.get(key.start) && time(attrs.get(key.start)!, key.start);
      if (start !== undefined) e.start = start;
      const resource = attrs.get(key.resource)?.value;
      if (resource) e.resource = resource;
      const role = attrs.get(key.role)?.value;
      if (role) e.role = role;
      trace.events.push(e);
    } else if (local === 'trace' && trace && stack[stack.length - 1] === 'log') {
      const id = required(trace.attrs, key.case, 'trace', trace.at).value;
      cases.push({ id, events: byEndTime(trace.events.map((e) => ({ case: id, ...e }))) });
      trace = undefined;
    }
  });

  input.setEncoding('utf8');
  try {
    for await (const chunk of input as AsyncIterable<string>) parser.write(chunk);
    parser.close();
  } catch (e) {
    if (e instanceof CrmflowError) throw e;
    throw gzipError(e as Error, name) ?? e;
  }
  if (!sawLog) fail(msg('logXes.notXes', { file: name }), msg('logXes.notXesHint'));
  const events = cases.reduce((n, c) => n + c.events.length, 0);
  const timestamps = cases.some((c) => c.events.some((e) => e.start !== undefined)) ? 'start-end' : 'single';
  const columns = { case: key.case, activity: key.activity, ...(key.start ? { start: key.start } : {}), end: key.end, resource: key.resource, role: key.role };
  return { name, cases, stats: { rows, cases: cases.length, events, timestamps, columns } };
}
