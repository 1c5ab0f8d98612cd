/**
 * Field changes in the words of the people who own the processes:
 * `SLA 8h (on breach to director-approval) → removed`, `role sales-manager → sales-director`.
 * The arrow only ever separates before from after.
 */
import { describeDuration, formatDuration } from '../model/duration.js';
import type { DurationInput } from '../model/types.js';
import type { FieldChange } from './types.js';
import { CATALOGS, durationIn, inWholeUnits, t, type Lang, type MessageId } from '../i18n/index.js';

/** The label of a field in messages, in `lang` (a field with no catalog entry as it is written). */
export function fieldLabel(field: string, lang: Lang = 'en'): string {
  const id = `field.${field}`;
  return id in CATALOGS.en ? t(lang, id as MessageId) : field;
}

/** One change as a phrase: `role sales-manager → sales-director`, `SLA 8h → removed`. */
export function describeChange(field: string, change: FieldChange, lang: Lang = 'en'): string {
  const label = fieldLabel(field, lang);
  if (change.before === null) return t(lang, 'change.new', { label, value: describeValue(field, change.after, lang) });
  if (change.after === null) return t(lang, 'change.removed', { label, value: describeValue(field, change.before, lang) });
  return t(lang, 'change.changed', { label, before: describeValue(field, change.before, lang), after: describeValue(field, change.after, lang) });
}

/** A field's value in the file format's own words. */
export function describeValue(field: string, value: unknown, lang: Lang = 'en'): string {
  const w = (id: MessageId, params: Record<string, string | number> = {}) => t(lang, id, params);
  const list = (items: string[], sep = ', ') => (lang === 'en' ? items.join(sep) : items.join(sep === '; ' ? '；' : '，'));
  if (value === null || value === undefined) return w('value.none');
  try {
    switch (field) {
      case 'duration':
      case 'timeout':
      case 'for':
      case 'arrives':
        return durationWords(lang, describeDuration(value as DurationInput));
      case 'sla': {
        const s = value as { within: string; breach?: string; calendar?: string; interrupting?: boolean };
        const extra = [
          s.breach ? w('value.slaBreach', { step: s.breach }) : w('value.slaMeasured'),
          s.calendar ? w('value.slaCalendar', { calendar: s.calendar }) : '',
          s.interrupting === false ? w('value.slaNonInterrupting') : '',
        ].filter(Boolean);
        return w('value.sla', { within: durationIn(lang, s.within), extra: list(extra) });
      }
      case 'arrivals':
        return w('value.every', { duration: durationIn(lang, describeDuration((value as { every: DurationInput }).every)) });
      case 'on':
        return list(
          Object.entries(value as Record<string, unknown>).map(([name, p]) => {
            const shown = pathName(name, lang);
            if (typeof p === 'string') return w('value.to', { name: shown, step: p });
            const q = p as { next: string; probability?: number; when?: string };
            const to = w('value.to', { name: shown, step: q.next });
            return q.when ? w('value.if', { what: to, when: q.when }) : q.probability !== undefined ? `${to} (${pct(q.probability)})` : to;
          }),
        );
      case 'branches':
        return list(
          (value as unknown[]).map((b) => {
            if (typeof b === 'string') return b;
            const q = b as { when?: string; probability?: number; next?: string; else?: string };
            if (q.else !== undefined) return w('value.else', { step: q.else });
            const cond = q.when ?? (q.probability !== undefined ? pct(q.probability) : '?');
            return `${w('value.to', { name: cond, step: q.next ?? '?' })}${q.when && q.probability !== undefined ? ` (${pct(q.probability)})` : ''}`;
          }),
          '; ',
        );
      case 'tiers': {
        const tr = value as { field: string; levels: Array<{ below?: number; role: string }> };
        return `${tr.field}: ${list(tr.levels.map((l) => (l.below !== undefined ? w('value.below', { n: l.below, role: l.role }) : l.role)))}`;
      }
      case 'actions':
        return list((value as Array<Record<string, string>>).map((a) => (a.notify ? w('value.notify', { who: a.notify }) : a.webhook ? w('value.webhook', { url: a.webhook }) : w('value.action'))));
      case 'roles':
        return list(Object.keys(value as object)) || w('value.none');
      case 'description':
        return quote(String(value));
      case 'type':
        return typeof value === 'string' && `stepType.${value}` in CATALOGS.en ? t(lang, `stepType.${value}` as MessageId) : String(value);
      case 'mode':
        return value === 'all' || value === 'any' || value === 'sequence' ? t(lang, `value.mode.${value}`) : String(value);
      case 'recycle': {
        const r = value as { after: string; to: string };
        return w('value.recycle', { after: durationWords(lang, String(r.after)), to: r.to });
      }
    }
  } catch {
    // fall back to JSON below
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return list(value);
  return JSON.stringify(value);
}

/** Every duration in `text` (`30m..4h`, `median 2d, p90 5d`) in the words of `lang`. */
export function durationWords(lang: Lang, text: string): string {
  return lang === 'en' ? text : text.replace(/(?<!\w|\d\.)-?\d+(?:\.\d+)?[wdhm](?!\w)/g, (d) => durationIn(lang, d));
}

/** An exception path's name (`rejected`, `timeout`, `error`) in `lang`; other names as written. */
export function pathName(name: string, lang: Lang = 'en'): string {
  return name === 'error' || name === 'rejected' || name === 'timeout' ? t(lang, `path.${name}`) : name;
}

function pct(p: number): string {
  return `${Math.round(p * 1000) / 10}%`;
}

function quote(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return `"${one.length > 60 ? `${one.slice(0, 57)}…` : one}"`;
}

/** Minutes as a short duration for cycle times: `6.1d`, `5h`. */
export function minutes(m: number | null | undefined, lang: Lang = 'en'): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '–';
  // Chinese readers get whole units (`6 天 2 小时`) from the shared formatter.
  if (lang !== 'en') return inWholeUnits(lang, m);
  if (m >= 1440) return durationIn(lang, `${(m / 1440).toFixed(1)}d`);
  if (m >= 60) return durationIn(lang, `${(m / 60).toFixed(1)}h`);
  return durationIn(lang, formatDuration(Math.round(m)));
}

/** A signed percentage change, e.g. `+38%`. */
export function change(before: number | null | undefined, after: number | null | undefined): string {
  if (!before || after === null || after === undefined) return '';
  const p = Math.round(((after - before) / before) * 100);
  return `${p >= 0 ? '+' : ''}${p}%`;
}
