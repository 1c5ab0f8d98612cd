import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', `sla-without-breach-path.${kind}.yaml`);

describe('sla-without-breach-path', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'sla-without-breach-path');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'sla-without-breach-path.invalid.yaml:11:5 sla-without-breach-path first-contact',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'sla-without-breach-path');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });
});
