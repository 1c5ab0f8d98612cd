import { describe, expect, it } from 'vitest';
import { RENAME_THRESHOLD, stepSimilarity } from '../../src/diff/diff.js';
import type { Step } from '../../src/model/types.js';

const none = new Set<string>();
const approval = (id: string, extra: Partial<Record<string, unknown>> = {}) =>
  ({ id, type: 'approval', name: 'Sales manager approves', role: 'sales-manager', duration: '2h', on: { rejected: 'revise' }, next: 'approved', ...extra }) as Step;

describe('stepSimilarity (rename detection)', () => {
  it('scores the same step under a new id as 1', () => {
    expect(stepSimilarity(approval('manager-approval'), approval('mgr-approval'), new Set(['<route', '>approved']), new Set(['<route', '>approved']))).toBe(1);
  });

  it('keeps a renamed step with a small edit above the threshold', () => {
    const s = stepSimilarity(approval('a'), approval('b', { name: 'Sales manager approves discount', duration: '3h' }), none, none);
    expect(s).toBeGreaterThanOrEqual(RENAME_THRESHOLD);
  });

  it('puts a different step of the same type below the threshold', () => {
    const other = { id: 'legal-review', type: 'approval', name: 'Legal reviews the contract', role: 'legal', duration: '1d', next: 'signed' } as Step;
    expect(stepSimilarity(approval('a'), other, new Set(['<route']), new Set(['<draft']))).toBeLessThan(RENAME_THRESHOLD);
  });

  it('never pairs steps of different types', () => {
    const task = { ...approval('a'), type: 'task' } as Step;
    expect(stepSimilarity(approval('a'), task, none, none)).toBe(0);
  });

  it('treats steps without names by their ids', () => {
    const a = { id: 'send-quote', type: 'task', role: 'sales-rep', next: 'wait' } as Step;
    const b = { id: 'send-the-quote', type: 'task', role: 'sales-rep', next: 'wait' } as Step;
    expect(stepSimilarity(a, b, none, none)).toBeGreaterThanOrEqual(RENAME_THRESHOLD);
  });
});

describe('stepSimilarity for steps with nothing but a name', () => {
  it('does not take one bare end step for another', () => {
    const won = { id: 'won', type: 'end' } as Step;
    const lost = { id: 'lost', type: 'end' } as Step;
    expect(stepSimilarity(lost, won, new Set(['<decide']), new Set(['<decide']))).toBeLessThan(RENAME_THRESHOLD);
  });

  it('still finds a bare step renamed with its name kept', () => {
    const a = { id: 'done', type: 'end', name: 'Deal closed' } as Step;
    const b = { id: 'closed', type: 'end', name: 'Deal closed' } as Step;
    expect(stepSimilarity(a, b, new Set(['<sign']), new Set(['<sign']))).toBe(1);
  });
});
