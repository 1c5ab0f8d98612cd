/**
 * Reads an OCEL 2.0 JSON log (object-centric: an event relates to several objects) flattened on
 * one object type, as pm4py's `ocel_flattening` does: every object of that type is a case, and
 * every event related to it is one of its events (an event related to two opportunities counts
 * in both). The object type comes from `--object`; a log with a single object type needs none.
 * JSON is parsed whole (the format has no streaming form); `.gz` is unpacked on the way.
 */
import type { Readable } from 'node:stream';
import { embed, msg } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import { parseInstant } from '../model/date-times.js';
import { hint } from '../model/suggest.js';
import { groupCases } from './group.js';
import { gzipError, openLog } from './open.js';
import type { EventLog, LogEvent, LogReadOptions } from './types.js';

interface OcelAttribute {
  name?: unknown;
  value?: unknown;
}
interface OcelRelation {
  objectId?: unknown;
}
interface OcelEvent {
  id?: unknown;
  type?: unknown;
  time?: unknown;
  attributes?: OcelAttribute[];
  relationships?: OcelRelation[];
}
interface OcelObject {
  id?: unknown;
  type?: unknown;
}

/** Reads a `.json`/`.jsonocel` (or `.gz`) OCEL 2.0 log from disk. */
export async function readOcelLog(path: string, options: LogReadOptions = {}): Promise<EventLog> {
  const name = options.name ?? path;
  return parseOcelLog(await openLog(path, name), name, options);
}

/** Reads an OCEL 2.0 JSON log from a stream of (already unpacked) bytes or text. */
export async function parseOcelLog(input: Readable, name: string, options: LogReadOptions = {}): Promise<EventLog> {
  if (options.preset !== undefined) throw new CrmflowError(msg('logOcel.presetOcel', { file: name }), msg('logOcel.presetOcelHint'), 'usage');
  const bad = (message: string, hintText = msg('logOcel.badHint')) => new CrmflowError(msg('logOcel.bad', { file: name, why: embed(message) }), hintText, 'data');
  let text = '';
  try {
    for await (const chunk of input) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  } catch (e) {
    throw gzipError(e as Error, name) ?? bad(msg('logOcel.cannotRead', { why: (e as Error).message }));
  }
  let doc: { objects?: OcelObject[]; events?: OcelEvent[] };
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, '')) as typeof doc;
  } catch (e) {
    throw bad(msg('logOcel.notJson', { why: (e as Error).message }));
  }
  if (!doc || !Array.isArray(doc.objects) || !Array.isArray(doc.events)) throw bad(msg('logOcel.notOcel'));

  const typeOf = new Map<string, string>();
  for (const o of doc.objects) if (typeof o?.id === 'string' && typeof o.type === 'string') typeOf.set(o.id, o.type);
  const types = [...new Set(typeOf.values())];
  const object = options.object ?? (types.length === 1 ? types[0] : undefined);
  if (object === undefined) throw bad(msg('logOcel.whichObject', { n: types.length }), msg('logOcel.whichObjectHint', { types: types.join(', ') }));
  if (!types.includes(object)) throw bad(msg('logOcel.noObject', { object, hint: embed(hint(object, types)) }), msg('logOcel.objectTypes', { types: types.join(', ') }));

  // Attribute names for resource and role: mapped, else the usual OCEL/XES names.
  const resourceKeys = options.map?.resource ? [options.map.resource] : ['org:resource', 'resource', 'user'];
  const roleKeys = options.map?.role ? [options.map.role] : ['org:role', 'role'];
  const events: LogEvent[] = [];
  doc.events.forEach((e, i) => {
    const where = msg('logOcel.event', { id: typeof e?.id === 'string' ? `"${e.id}"` : i + 1 });
    if (typeof e?.type !== 'string' || e.type === '') throw bad(msg('logOcel.noType', { where: embed(where) }));
    if (typeof e.time !== 'string') throw bad(msg('logOcel.noTime', { where: embed(where) }));
    const t = parseInstant(e.time);
    if (!t.ok) throw bad(msg('logOcel.badTime', { where: embed(where), why: embed(t.message) }), msg('logOcel.badTimeHint'));
    const attr = (keys: string[]) => {
      const a = e.attributes?.find((x) => typeof x?.name === 'string' && keys.includes(x.name));
      return a && a.value !== undefined && a.value !== null && a.value !== '' ? String(a.value) : undefined;
    };
    const resource = attr(resourceKeys);
    const role = attr(roleKeys);
    const seen = new Set<string>();
    for (const r of e.relationships ?? []) {
      if (typeof r?.objectId !== 'string' || typeOf.get(r.objectId) !== object || seen.has(r.objectId)) continue;
      seen.add(r.objectId);
      const event: LogEvent = { case: r.objectId, activity: e.type, end: t.value };
      if (resource) event.resource = resource;
      if (role) event.role = role;
      events.push(event);
    }
  });
  const cases = groupCases(events);
  return {
    name,
    cases,
    stats: { rows: doc.events.length, cases: cases.length, events: events.length, timestamps: 'single', columns: { case: object, activity: 'type', end: 'time' } },
  };
}
