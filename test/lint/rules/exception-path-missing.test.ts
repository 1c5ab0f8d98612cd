import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', `exception-path-missing.${kind}.yaml`);

describe('exception-path-missing', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'exception-path-missing');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'exception-path-missing.invalid.yaml:10:5 exception-path-missing route',
      'exception-path-missing.invalid.yaml:15:9 exception-path-missing director-approval',
      'exception-path-missing.invalid.yaml:19:9 exception-path-missing customer-review',
      'exception-path-missing.invalid.yaml:23:9 exception-path-missing sync-erp',
      'exception-path-missing.invalid.yaml:29:14 exception-path-missing await-signature',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'exception-path-missing');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });

  it('says what to add', () => {
    const { findings } = lintOnly(fx('invalid'), 'exception-path-missing');
    expect(findings.find((f) => f.step === 'director-approval')!.message).toMatch(/^approval "director-approval" has no path for a rejection; add on\.rejected/);
  });
});
