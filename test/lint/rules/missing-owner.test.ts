import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', `missing-owner.${kind}.yaml`);

describe('missing-owner', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'missing-owner');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'missing-owner.invalid.yaml:9:9 missing-owner send-contract',
      'missing-owner.invalid.yaml:12:9 missing-owner approve',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'missing-owner');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });
});
