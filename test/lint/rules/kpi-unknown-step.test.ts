import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', 'kpi-unknown-step', kind);

describe('kpi-unknown-step', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'kpi-unknown-step');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'crmflow.yaml:5:9 kpi-unknown-step -',
      'crmflow.yaml:8:11 kpi-unknown-step -',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'kpi-unknown-step');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });
});
