import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', `dead-end.${kind}.yaml`);

describe('dead-end', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'dead-end');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'dead-end.invalid.yaml:12:9 dead-end apologise',
      'dead-end.invalid.yaml:16:9 dead-end refund',
      'dead-end.invalid.yaml:20:9 dead-end joined',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'dead-end');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });
});
