/**
 * What a broken file still says. A bad entry under `calendars:` must not make every role
 * "not declared", and a process file with a YAML error must not turn every call of it into
 * "no process …": the root error is reported once, and the findings that would only follow
 * from it are not.
 */
import { configSchema, roleSchema, calendarSchema } from './schema.js';
import type { Config } from './types.js';

/** Ids a config declares, valid or not; `undefined` when the section could not be read at all. */
export interface Declared {
  roles: ReadonlySet<string> | undefined;
  calendars: ReadonlySet<string> | undefined;
}

/** Everything is declared as written: the config parsed. */
export function declaredIn(config: Config): Declared {
  return { roles: new Set(Object.keys(config.roles ?? {})), calendars: new Set(Object.keys(config.calendars ?? {})) };
}

/** Nothing can be known: crmflow.yaml could not be read. */
export const UNKNOWN: Declared = { roles: undefined, calendars: undefined };

/**
 * The usable part of a config that failed validation: each section that is valid on its own,
 * each valid role and calendar, and the ids of every role and calendar written down.
 */
export function salvageConfig(data: unknown): { config: Config; declared: Declared } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { config: { crmflow: 1 }, declared: UNKNOWN };
  const raw = data as Record<string, unknown>;
  const config: Record<string, unknown> = { crmflow: 1 };
  const shape = configSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
  for (const [key, schema] of Object.entries(shape)) {
    if (key === 'crmflow' || key === 'roles' || key === 'calendars' || raw[key] === undefined) continue;
    const r = schema.safeParse(raw[key]);
    if (r.success) config[key] = r.data;
  }
  const section = (value: unknown, schema: typeof roleSchema | typeof calendarSchema) => {
    if (value === undefined || value === null) return { valid: {}, ids: new Set<string>() };
    if (typeof value !== 'object' || Array.isArray(value)) return undefined;
    const valid: Record<string, unknown> = {};
    for (const [id, entry] of Object.entries(value)) {
      const r = schema.safeParse(entry);
      if (r.success) valid[id] = r.data;
    }
    return { valid, ids: new Set(Object.keys(value)) };
  };
  const roles = section(raw.roles, roleSchema);
  const calendars = section(raw.calendars, calendarSchema);
  if (roles) config.roles = roles.valid;
  if (calendars) config.calendars = calendars.valid;
  return { config: config as Config, declared: { roles: roles?.ids, calendars: calendars?.ids } };
}

/**
 * The ids a process file that could not be read may have: its `id:` as far as it can be read,
 * and the file name, which should match it (DESIGN §3).
 */
export function likelyProcessIds(path: string, text: string, data: unknown): string[] {
  const ids = [path.split('/').pop()!.replace(/\.ya?ml$/i, '')];
  const id = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).id : undefined;
  if (typeof id === 'string') ids.push(id);
  else {
    const line = /^id:[ \t]*["']?([^\s"'#]+)/m.exec(text);
    if (line) ids.push(line[1]!);
  }
  return ids;
}
