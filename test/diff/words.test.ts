import { describe, expect, it } from 'vitest';
import { describeChange } from '../../src/diff/words.js';

describe('field changes in the user\'s words', () => {
  it.each([
    ['sla', { within: '8h', breach: 'director-approval' }, null, 'SLA 8h (on breach to director-approval) → removed'],
    ['sla', null, { within: '4h' }, 'SLA 4h (measured only) (new)'],
    ['role', 'sales-manager', 'sales-director', 'role sales-manager → sales-director'],
    ['duration', { dist: 'lognormal', median: '2h', p90: '1d' }, '4h..2d', 'duration lognormal median 2h, p90 1d → 4h..2d'],
    ['on', { rejected: 'revise' }, { rejected: { next: 'revise', probability: 0.15 } }, 'exceptions rejected to revise → rejected to revise (15%)'],
    ['branches', [{ when: 'case.x > 1', next: 'a' }, { else: 'b' }], [{ probability: 0.4, next: 'a' }, { else: 'c' }], 'branches case.x > 1 to a; else to b → 40% to a; else to c'],
    ['tiers', null, { field: 'case.amount', levels: [{ below: 10000, role: 'sales-manager' }, { role: 'cfo' }] }, 'approval tiers case.amount: below 10000 sales-manager, cfo (new)'],
    ['value-added', true, false, 'value-added true → false'],
  ])('%s', (field, before, after, text) => {
    expect(describeChange(field, { before, after })).toBe(text);
  });
});
