import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', `no-exit-loop.${kind}.yaml`);

describe('no-exit-loop', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'no-exit-loop');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'no-exit-loop.invalid.yaml:8:9 no-exit-loop propose',
      'no-exit-loop.invalid.yaml:17:9 no-exit-loop chase',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'no-exit-loop');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });
});
