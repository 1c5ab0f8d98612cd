import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', 'max-steps', kind);

describe('max-steps', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'max-steps');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'lead-to-cash.yaml:4:1 max-steps -',
      'lifecycle.yaml:4:1 max-steps -',
      'small-operation.yaml:4:1 max-steps -',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'max-steps');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });

  it('takes its limits from the options', () => {
    const { findings } = lintOnly(fx('invalid'), 'max-steps');
    expect(findings.find((f) => f.process === 'small-operation')!.message).toContain('more than the 3');
  });
});
