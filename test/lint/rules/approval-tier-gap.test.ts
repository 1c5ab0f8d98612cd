import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', `approval-tier-gap.${kind}.yaml`);

describe('approval-tier-gap', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'approval-tier-gap');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'approval-tier-gap.invalid.yaml:14:20 approval-tier-gap gap',
      'approval-tier-gap.invalid.yaml:23:20 approval-tier-gap overlap',
      'approval-tier-gap.invalid.yaml:32:19 approval-tier-gap open-early',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'approval-tier-gap');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });
});
