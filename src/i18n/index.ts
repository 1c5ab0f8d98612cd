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
export function t(lang: Lang, id: MessageId, params: Record<string, string | number> = {}): string {
  return CATALOGS[lang][id].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `count.problems` with n → `3 problems` / `3 个问题`. */
export function plural(lang: Lang, base: 'count.problems' | 'count.errors' | 'count.warnings' | 'count.processFiles' | 'count.suppressed', n: number): string {
  return t(lang, `${base}.${n === 1 ? 'one' : 'other'}`, { n });
}

/** The placeholders of a message, sorted (for the catalog parity test). */
export function paramsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

export { CATALOGS };
