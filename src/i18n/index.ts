/**
 * Language selection and messages (DESIGN §13): `--lang`, else `lang:` in crmflow.yaml, else
 * LC_ALL / LC_MESSAGES / LANG (zh_* → zh-CN), else English. A plain typed catalog per language;
 * rule ids and JSON keys never go through it.
 */
import { en, type MessageId } from './en.js';
import { zhCN } from './zh-CN.js';

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];
export type { MessageId };

const CATALOGS: Record<Lang, Record<MessageId, string>> = { en, 'zh-CN': zhCN };

/** `zh`, `zh-CN`, `zh_CN.UTF-8`, `zh-Hans` → zh-CN; `en*`, `C`, `POSIX` → en; anything else undefined. */
export function parseLang(text: string | undefined): Lang | undefined {
  if (!text) return undefined;
  const t = text.trim().toLowerCase();
  if (/^zh([-_.@]|$)/.test(t)) return 'zh-CN';
  if (/^(en([-_.@]|$)|c$|c\.|posix$)/.test(t)) return 'en';
  return undefined;
}

/** The language from the locale variables, in POSIX order of precedence (LC_ALL, LC_MESSAGES, LANG). */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  const first = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return parseLang(first) ?? 'en';
}

let flagLang: Lang | undefined;

/** Remembers `--lang` (the CLI sets it before a command runs). */
export function setFlagLang(lang: Lang | undefined): void {
  flagLang = lang;
}

/** The language to speak: `--lang`, then `lang:` of crmflow.yaml, then the environment. */
export function currentLang(configLang?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  return flagLang ?? parseLang(configLang) ?? langFromEnv(env);
}

/** The message `id` in `lang` with `{name}` parameters filled in. */
export function t(lang: Lang, id: MessageId, params: Record<string, Param> = {}): string {
  return CATALOGS[lang][id].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? show(params[name], lang) : whole));
}

type Param = string | number | Part | undefined;

/** A fragment of a message (a step type, a layer, a clause) that is itself translated. */
export class Part {
  constructor(
    readonly id: MessageId,
    readonly params: Readonly<Record<string, Param>> = {},
  ) {}
  in(lang: Lang): string {
    return t(lang, this.id, Object.fromEntries(Object.entries(this.params).map(([k, v]) => [k, v instanceof Part ? v.in(lang) : v])));
  }
  toString(): string {
    return this.in('en');
  }
}

/** A translated fragment to put into a message's parameters. */
export function part(id: MessageId, params: Record<string, Param> = {}): Part {
  return new Part(id, params);
}

/**
 * Findings are made in English wherever they are found (the model and lint rules do not know
 * the language yet: lang: of crmflow.yaml is read in the same pass), and the CLI translates them
 * when it prints. `msg` returns the English text and remembers which message made it, so
 * `localize` can say the same in another language. Bounded, so a long-running host cannot grow it forever.
 */
const made = new Map<string, Part>();
const MADE_MAX = 50_000;

/** The English text of message `id`, remembered for `localize`. */
export function msg(id: MessageId, params: Record<string, Param> = {}): string {
  return say(new Part(id, params));
}

/** The English text of a fragment, remembered for `localize` like `msg`. */
export function say(p: Part): string {
  const text = p.in('en');
  if (made.size >= MADE_MAX) made.delete(made.keys().next().value!);
  made.set(text, p);
  return text;
}

/** A message as plain data, to cross a worker thread's boundary (a Part's class does not survive it). */
export interface SaidMessage {
  id: MessageId;
  params: Record<string, string | number | SaidMessage | undefined>;
}

function asData(p: Part): SaidMessage {
  return { id: p.id, params: Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, v instanceof Part ? asData(v) : v])) };
}

function asPart(d: SaidMessage): Part {
  return new Part(d.id, Object.fromEntries(Object.entries(d.params).map(([k, v]) => [k, typeof v === 'object' && v ? asPart(v) : v])));
}

/**
 * The messages `msg` made behind `texts`, as data: a worker thread sends them with its results
 * so that the main thread can `remember` them and say them in the user's language.
 */
export function saidBehind(texts: readonly (string | undefined)[]): [string, SaidMessage][] {
  const out: [string, SaidMessage][] = [];
  for (const text of texts) {
    const p = text === undefined ? undefined : made.get(text);
    if (p) out.push([text!, asData(p)]);
  }
  return out;
}

/** Takes messages another thread made (see `saidBehind`) as if `msg` had made them here. */
export function remember(said: readonly [string, SaidMessage][] | undefined): void {
  for (const [text, data] of said ?? []) {
    if (made.size >= MADE_MAX) made.delete(made.keys().next().value!);
    made.set(text, asPart(data));
  }
}

/** A message text made by `msg`, used as a parameter of another message (so it is translated too). */
export function embed(text: string): Param {
  return made.get(text) ?? text;
}

/** `text` in `lang` when `msg` made it; other text (from libraries, or not yet in the catalog) as it is. */
export function localize(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return made.get(text)?.in(lang) ?? text;
}

/** Findings with their messages in `lang` (JSON keys and rule ids stay as they are). */
export function localizeFindings<T extends { message: string }>(findings: readonly T[], lang: Lang): T[] {
  return lang === 'en' ? [...findings] : findings.map((f) => ({ ...f, message: localize(f.message, lang) }));
}

function show(v: Param, lang: Lang): string {
  return v instanceof Part ? v.in(lang) : String(v ?? '');
}

/** `count.problems` with n → `3 problems` / `3 个问题`. */
export function plural(lang: Lang, base: 'count.problems' | 'count.errors' | 'count.warnings' | 'count.processFiles' | 'count.suppressed', n: number): string {
  return t(lang, `${base}.${n === 1 ? 'one' : 'other'}`, { n });
}

/**
 * `2.5d` → `2 天 12 小时`: a duration as formatDuration writes it (or any `<number><m|h|d|w>`),
 * in the words of `lang`; other text as it is. English keeps formatDuration's text.
 */
export function durationIn(lang: Lang, text: string): string {
  if (lang === 'en') return text;
  const m = /^([-−+]?)([\d.,]+)([wdhm])$/.exec(text.trim());
  if (!m) return text;
  const minutes = Number(m[2]!.replace(/,/g, '')) * UNIT_MINUTES[m[3] as 'w' | 'd' | 'h' | 'm'];
  return Number.isFinite(minutes) ? m[1]! + inWholeUnits(lang, minutes) : text;
}

const UNIT_MINUTES = { w: 10080, d: 1440, h: 60, m: 1 } as const;

/**
 * Minutes in whole units, largest first, as a Chinese reader expects them (English uses
 * formatDuration's `17.8d`; minutesIn in ./duration.ts picks): from a day on `2 天 3 小时` (to
 * the hour), from an hour on `5 小时 20 分钟` (to the minute), below `45 分钟` (a decimal under
 * 10 minutes), under a minute `30 秒`. A zero part is left out (`6 天`).
 */
export function inWholeUnits(lang: Lang, minutes: number): string {
  if (!Number.isFinite(minutes)) return String(minutes);
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(minutes);
  const whole = (n: number) => n.toLocaleString('en-US');
  const hours = Math.round(m / 60);
  if (hours >= 24) {
    const d = Math.floor(hours / 24);
    const h = hours % 24;
    return sign + (h ? t(lang, 'dur.daysHours', { d: whole(d), h }) : t(lang, 'unit.d', { n: whole(d) }));
  }
  const mins = Math.round(m);
  if (mins >= 60) {
    const h = Math.floor(mins / 60);
    const mm = mins % 60;
    return sign + (mm ? t(lang, 'dur.hoursMinutes', { h, m: mm }) : t(lang, 'unit.h', { n: h }));
  }
  if (m > 0 && m < 1 && Math.round(m * 60) < 60) return sign + t(lang, 'dur.seconds', { s: Math.round(m * 60) });
  return sign + t(lang, 'unit.m', { n: m < 10 ? Math.round(m * 10) / 10 : mins });
}

/** The placeholders of a message, sorted (for the catalog parity test). */
export function paramsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

export { CATALOGS };
