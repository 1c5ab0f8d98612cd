/**
 * A stage history (one timestamp per event, Salesforce OpportunityFieldHistory) records a call
 * to another process and an end as stages of their own. Calibrate and simulate --against read
 * them as such; the expected shares are counted straight from the CSV here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../src/calibrate/calibrate.js';
import { onlyParts } from '../../src/calibrate/overlay.js';
import { patchedFiles } from '../../src/calibrate/write.js';
import { readEventLog } from '../../src/log/index.js';
import { loadProject } from '../../src/model/load.js';
import { simulatedTraces } from '../../src/simulate/against.js';
import type { EventRow } from '../../src/simulate/event-log.js';
import { crmflow } from '../cli/helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CSV = join(ROOT, 'data', 'crm-events.csv');

/** Each opportunity's stages in time order, read from the raw export without crmflow. */
function stagesByOpportunity(): string[][] {
  const rows = readFileSync(CSV, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const by = new Map<string, Array<[string, string]>>();
  for (const r of rows) {
    if (r[4] !== 'StageName') continue;
    const list = by.get(r[1]!) ?? [];
    if (!list.length) list.push([r[3]!, r[6]!]); // the first stage, from the first change's OldValue
    list.push([r[3]!, r[7]!]);
    by.set(r[1]!, list);
  }
  return [...by.values()].map((l) => l.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((x) => x[1]));
}

/** How often `from` is followed by `to` among the next stages that are one of `ways`. */
function share(stages: string[][], from: string, to: string, ways: string[]): number {
  let hit = 0;
  let all = 0;
  for (const s of stages) {
    s.forEach((x, i) => {
      if (x !== from) return;
      const next = s.slice(i + 1).find((y) => ways.includes(y));
      if (next === undefined) return;
      all++;
      if (next === to) hit++;
    });
  }
  return hit / all;
}

describe('calibrating on a stage history', () => {
  it('routes through the calls and ends the log records, as counted in the raw export', async () => {
    const project = await loadProject({ cwd: ROOT });
    const log = await readEventLog(CSV, { preset: 'salesforce-field-history' });
    const { calibration } = calibrate(project, 'opportunity-stages', log);
    const stages = stagesByOpportunity();
    const discount = calibration.steps['opportunity-stages/discount-needed']!.branches!;
    const toApproval = share(stages, 'Prepare price quote', 'Get the discount approved', ['Get the discount approved', 'Generate and send quote PDF']);
    expect(toApproval).toBeGreaterThan(0.5);
    expect((discount[0] as { probability: number }).probability).toBeCloseTo(toApproval, 3);
    const won = share(stages, 'Negotiate commercial terms', 'Opportunity won', ['Opportunity won', 'Opportunity lost']);
    expect(won).toBeLessThan(1);
    const closed = calibration.steps['opportunity-stages/negotiation-result']!.branches!;
    expect((closed[0] as { probability: number }).probability).toBeCloseTo(won, 3);
    expect(calibration.steps['opportunity-stages/request-discount']?.on?.rejected).toBeDefined();
  });

  it('--only keeps the parts asked for', async () => {
    const project = await loadProject({ cwd: ROOT });
    const log = await readEventLog(CSV, { preset: 'salesforce-field-history' });
    const { calibration } = calibrate(project, 'opportunity-stages', log);
    const only = onlyParts(calibration, new Set(['routing', 'arrivals']));
    expect(only.roles).toBeUndefined();
    expect(only.arrivals).toBeDefined();
    for (const s of Object.values(only.steps)) {
      expect(s.duration).toBeUndefined();
      expect(s.for).toBeUndefined();
    }
    expect(only.steps['opportunity-stages/discount-needed']?.branches).toEqual(calibration.steps['opportunity-stages/discount-needed']!.branches);
    expect(only['too-few']?.some((t) => t.what.startsWith('roles.')) ?? false).toBe(false);
  });

  it('--write of the shares changes only the probability lines: folded text and comments stay put', async () => {
    const project = await loadProject({ cwd: ROOT });
    const log = await readEventLog(CSV, { preset: 'salesforce-field-history' });
    const only = onlyParts(calibrate(project, 'opportunity-stages', log).calibration, new Set(['routing']));
    const patched = [...patchedFiles(project, only)];
    expect(patched.length).toBe(1);
    const [file, text] = patched[0]!;
    const before = readFileSync(join(ROOT, file), 'utf8').split('\n');
    const after = text.split('\n');
    expect(after.length).toBe(before.length);
    const changed = before.map((l, i) => [l, after[i]!] as const).filter(([a, b]) => a !== b);
    expect(changed.length).toBeGreaterThanOrEqual(8);
    for (const [a, b] of changed) {
      expect(a).toMatch(/probability: [\d.]+/);
      expect(b.replace(/probability: [\d.]+/, '')).toBe(a.replace(/probability: [\d.]+/, ''));
    }
  });

  it('folds a called process into the calling step and keeps ends only where the log shows them', () => {
    const row = (step: string, start: number, end: number, stage?: true): EventRow => ({ caseId: '1', activity: step, step, resource: '', role: '', start, end, ...(stage ? { stage } : {}) });
    const rows = [row('quote', 0, 10), row('approval/manager', 10, 20), row('approval/director', 20, 40), row('send', 40, 41), row('on-hold', 41, 50, true), row('won', 50, 50, true)];
    const [trace] = simulatedTraces(rows, { calls: new Map([['approval', 'ask-approval']]), shown: new Set(['quote', 'ask-approval', 'send', 'won']) });
    expect(trace!.events).toEqual([
      { step: 'quote', start: 0, end: 10 },
      { step: 'ask-approval', start: 10, end: 40 },
      { step: 'send', start: 40, end: 41 },
      { step: 'won', start: 50, end: 50 },
    ]);
  });

  it('simulate --against compares at the log\'s level of detail: calls and ends count as stages', () => {
    const r = crmflow(['simulate', 'opportunity-stages', '--against', 'data/crm-events.csv', '--against-preset', 'salesforce-field-history', '--cases', '433', '--format', 'json'], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    const against = JSON.parse(r.stdout).against;
    const steps = new Map(against.steps.map((s: { step: string; simulated: { count: number } }) => [s.step, s.simulated.count]));
    expect(steps.get('request-discount')).toBeGreaterThan(0);
    expect(steps.get('opportunity-won')).toBeGreaterThan(0);
    expect(steps.has('discount-approval/manager-approval')).toBe(false);
    expect(against.ngram3Distance).toBeLessThan(0.2);
  });
});
