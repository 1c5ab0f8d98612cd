import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', 'layer-order', kind);

describe('layer-order', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'layer-order');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'lifecycle.yaml:4:10 layer-order -',
      'selling.yaml:10:14 layer-order back-up',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'layer-order');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });
});
