/**
 * Field changes in the words of the people who own the processes:
 * `SLA 8h (on breach to director-approval) → removed`, `role sales-manager → sales-director`.
 * The arrow only ever separates before from after.
 */
import { describeDuration, formatDuration } from '../model/duration.js';
import type { DurationInput } from '../model/types.js';
import type { FieldChange } from './types.js';

const LABELS: Record<string, string> = {
  sla: 'SLA',
  on: 'exceptions',
  tiers: 'approval tiers',
  process: 'calls process',
  for: 'waits for',
  arrives: 'message arrives',
  'value-added': 'value-added',
  refines: 'refines',
  owner: 'owner',
  file: 'file',
};

/** The label of a field in messages. */
export function fieldLabel(field: string): string {
  return LABELS[field] ?? field;
}

/** One change as a phrase: `role sales-manager → sales-director`, `SLA 8h → removed`. */
export function describeChange(field: string, change: FieldChange): string {
  const label = fieldLabel(field);
  if (change.before === null) return `${label} ${describeValue(field, change.after)} (new)`;
  if (change.after === null) return `${label} ${describeValue(field, change.before)} → removed`;
  return `${label} ${describeValue(field, change.before)} → ${describeValue(field, change.after)}`;
}

/** A field's value in the file format's own words. */
export function describeValue(field: string, value: unknown): string {
  if (value === null || value === undefined) return 'none';
  try {
    switch (field) {
      case 'duration':
      case 'timeout':
      case 'for':
      case 'arrives':
        return describeDuration(value as DurationInput);
      case 'sla': {
        const s = value as { within: string; breach?: string; calendar?: string; interrupting?: boolean };
        const extra = [s.breach ? `on breach to ${s.breach}` : 'measured only', s.calendar ? `calendar ${s.calendar}` : '', s.interrupting === false ? 'non-interrupting' : '']
          .filter(Boolean)
          .join(', ');
        return `${s.within} (${extra})`;
      }
      case 'arrivals':
        return `every ${describeDuration((value as { every: DurationInput }).every)}`;
      case 'on':
        return Object.entries(value as Record<string, unknown>)
          .map(([name, p]) => {
            if (typeof p === 'string') return `${name} to ${p}`;
            const q = p as { next: string; probability?: number; when?: string };
            const cond = q.when ? ` if ${q.when}` : q.probability !== undefined ? ` (${pct(q.probability)})` : '';
            return `${name} to ${q.next}${cond}`;
          })
          .join(', ');
      case 'branches':
        return (value as unknown[])
          .map((b) => {
            if (typeof b === 'string') return b;
            const q = b as { when?: string; probability?: number; next?: string; else?: string };
            if (q.else !== undefined) return `else to ${q.else}`;
            const cond = q.when ?? (q.probability !== undefined ? pct(q.probability) : '?');
            return `${cond} to ${q.next}${q.when && q.probability !== undefined ? ` (${pct(q.probability)})` : ''}`;
          })
          .join('; ');
      case 'tiers': {
        const t = value as { field: string; levels: Array<{ below?: number; role: string }> };
        return `${t.field}: ${t.levels.map((l) => (l.below !== undefined ? `below ${l.below} ${l.role}` : l.role)).join(', ')}`;
      }
      case 'actions':
        return (value as Array<Record<string, string>>).map((a) => (a.notify ? `notify ${a.notify}` : a.webhook ? `webhook ${a.webhook}` : 'action')).join(', ');
      case 'roles':
        return Object.keys(value as object).join(', ') || 'none';
      case 'description':
        return quote(String(value));
    }
  } catch {
    // fall back to JSON below
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

function pct(p: number): string {
  return `${Math.round(p * 1000) / 10}%`;
}

function quote(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return `"${one.length > 60 ? `${one.slice(0, 57)}…` : one}"`;
}

/** Minutes as a short duration for cycle times: `6.1d`, `5h`. */
export function minutes(m: number | null | undefined): string {
  if (m === null || m === undefined || !Number.isFinite(m)) return '–';
  if (m >= 1440) return `${(m / 1440).toFixed(1)}d`;
  if (m >= 60) return `${(m / 60).toFixed(1)}h`;
  return formatDuration(Math.round(m));
}

/** A signed percentage change, e.g. `+38%`. */
export function change(before: number | null | undefined, after: number | null | undefined): string {
  if (!before || after === null || after === undefined) return '';
  const p = Math.round(((after - before) / before) * 100);
  return `${p >= 0 ? '+' : ''}${p}%`;
}
