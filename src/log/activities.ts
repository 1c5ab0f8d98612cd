/**
 * Which process step each log activity stands for. A step may name its activities
 * (`activity: "Check credit history"` or a list); otherwise an activity matches a step's name
 * or id. Matching ignores case, spaces, `_` and `-`, so "Check credit history" finds the step
 * `check-credit-history`. Activities no step stands for are returned with their counts, never
 * dropped, so a report can list them.
 */
import type { LogCase } from './types.js';

/** What the mapping needs of a step (any process's steps, subprocesses included). */
export interface MappableStep {
  id: string;
  name?: string;
  /** The log activity name or names this step stands for. */
  activity?: string | readonly string[];
}

/** An activity the log has and no step stands for. */
export interface UnmappedActivity {
  activity: string;
  count: number;
}

/** An activity that several steps claim at the same level (all `activity:`, all names or all ids). */
export interface AmbiguousActivity {
  activity: string;
  /** The step ids, in process order; the first one is used. */
  steps: string[];
}

export interface ActivityMapping {
  /** Log activity (as written in the log) → step id. */
  steps: Map<string, string>;
  /** Most frequent first, then by name. */
  unmapped: UnmappedActivity[];
  ambiguous: AmbiguousActivity[];
  /** Step ids no activity of the log maps to, in process order. */
  unseen: string[];
}

/** "Check Credit-History" and "check_credit_history" are one name. */
export function normalizeActivity(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');
}

/** How often each activity occurs in the log, in order of first occurrence. */
export function countActivities(cases: readonly LogCase[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of cases) for (const e of c.events) counts.set(e.activity, (counts.get(e.activity) ?? 0) + 1);
  return counts;
}

/** Maps every activity in `counts` to a step: by `activity:` first, then by name, then by id. */
export function mapActivities(counts: ReadonlyMap<string, number>, steps: readonly MappableStep[]): ActivityMapping {
  // One lookup per level; a higher level wins even when a lower one also matches.
  const levels = [
    (s: MappableStep) => (s.activity === undefined ? [] : typeof s.activity === 'string' ? [s.activity] : [...s.activity]),
    (s: MappableStep) => (s.name === undefined ? [] : [s.name]),
    (s: MappableStep) => [s.id],
  ].map((namesOf) => {
    const claims = new Map<string, string[]>();
    for (const step of steps) {
      for (const key of new Set(namesOf(step).map(normalizeActivity))) {
        const list = claims.get(key);
        if (list) list.push(step.id);
        else claims.set(key, [step.id]);
      }
    }
    return claims;
  });
  const mapping: ActivityMapping = { steps: new Map(), unmapped: [], ambiguous: [], unseen: [] };
  for (const [activity, count] of counts) {
    const key = normalizeActivity(activity);
    const claim = levels.map((claims) => claims.get(key)).find((ids) => ids !== undefined);
    if (claim === undefined) {
      mapping.unmapped.push({ activity, count });
      continue;
    }
    mapping.steps.set(activity, claim[0]!);
    if (claim.length > 1) mapping.ambiguous.push({ activity, steps: claim });
  }
  const seen = new Set(mapping.steps.values());
  mapping.unseen = steps.map((s) => s.id).filter((id) => !seen.has(id));
  mapping.unmapped.sort((a, b) => b.count - a.count || (a.activity < b.activity ? -1 : a.activity > b.activity ? 1 : 0));
  return mapping;
}
