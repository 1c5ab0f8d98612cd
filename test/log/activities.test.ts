import { describe, expect, it } from 'vitest';
import { countActivities, mapActivities, normalizeActivity } from '../../src/log/activities.js';

describe('normalizeActivity', () => {
  it('ignores case, spaces, underscores and hyphens', () => {
    expect(normalizeActivity('Check  Credit-History')).toBe('checkcredithistory');
    expect(normalizeActivity('check_credit_history')).toBe('checkcredithistory');
  });
});

describe('mapActivities', () => {
  const steps = [
    { id: 'check-credit-history' },
    { id: 'assess', name: 'Assess loan risk' },
    { id: 'approve', name: 'Approve', activity: ['Approve loan offer', 'Approve application'] },
    { id: 'qualify', activity: 'Qualification' },
    { id: 'archive' },
  ];

  it('maps by activity:, then name, then id, and lists what is left with its count', () => {
    const counts = new Map([
      ['Check credit history', 4],
      ['ASSESS LOAN RISK', 3],
      ['Approve loan offer', 2],
      ['approve application', 1],
      ['Qualification', 5],
      ['Cancel application', 2],
      ['AML check', 2],
      ['Zebra', 7],
    ]);
    const m = mapActivities(counts, steps);
    expect(Object.fromEntries(m.steps)).toEqual({
      'Check credit history': 'check-credit-history',
      'ASSESS LOAN RISK': 'assess',
      'Approve loan offer': 'approve',
      'approve application': 'approve',
      Qualification: 'qualify',
    });
    // Most frequent first, ties by name.
    expect(m.unmapped).toEqual([
      { activity: 'Zebra', count: 7 },
      { activity: 'AML check', count: 2 },
      { activity: 'Cancel application', count: 2 },
    ]);
    expect(m.unseen).toEqual(['archive']);
    expect(m.ambiguous).toEqual([]);
  });

  it('lets an activity: claim win over another step of that name, and a name over an id', () => {
    const m = mapActivities(new Map([['Review', 1], ['Sign', 1]]), [
      { id: 'review' },
      { id: 'legal', activity: 'review' },
      { id: 'sign' },
      { id: 'contract', name: 'Sign' },
    ]);
    expect(Object.fromEntries(m.steps)).toEqual({ Review: 'legal', Sign: 'contract' });
    expect(m.unseen).toEqual(['review', 'sign']);
  });

  it('reports an activity two steps claim at the same level and uses the first', () => {
    const m = mapActivities(new Map([['Send quote', 3]]), [{ id: 'a', name: 'Send Quote' }, { id: 'b', name: 'send-quote' }]);
    expect(m.steps.get('Send quote')).toBe('a');
    expect(m.ambiguous).toEqual([{ activity: 'Send quote', steps: ['a', 'b'] }]);
  });

  it('counts activities over all cases', () => {
    const ev = (activity: string) => ({ case: 'c', activity, end: 0 });
    expect([...countActivities([{ id: 'c', events: [ev('a'), ev('b'), ev('a')] }, { id: 'd', events: [ev('b')] }])]).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
  });
});
