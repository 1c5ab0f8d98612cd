import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', 'orphan-process', kind);

describe('orphan-process', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'orphan-process');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'complaints.yaml:2:5 orphan-process -',
      'renewals.yaml:2:5 orphan-process -',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'orphan-process');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });
});
