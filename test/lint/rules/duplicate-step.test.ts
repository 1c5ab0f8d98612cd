import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', 'duplicate-step', kind);

describe('duplicate-step', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'duplicate-step');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'approvals.yaml:8:9 duplicate-step manager',
      'handover.yaml:11:11 duplicate-step approve',
      'opportunity.yaml:10:11 duplicate-step confirm-needs',
      'opportunity.yaml:19:11 duplicate-step reconfirm',
      'opportunity.yaml:29:11 duplicate-step confirm-cn-again',
      'opportunity.yaml:47:11 duplicate-step manager-final',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'duplicate-step');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });

  it('matches names across width, case, punctuation and whitespace, CJK included', () => {
    const { findings } = lintOnly(fx('invalid'), 'duplicate-step');
    const msg = (step: string) => findings.find((f) => f.step === step)!.message;
    expect(msg('reconfirm')).toContain('"confirm-needs"');
    expect(msg('confirm-cn-again')).toContain('"confirm-cn"');
    // the full-width twin in the called process
    expect(msg('confirm-needs')).toContain('"quoting/confirm"');
    expect(msg('approve')).toContain('which this process refines');
    expect(msg('manager-final')).toContain('"sales-manager" approves twice');
    expect(msg('manager')).toMatch(/^3 approvals in a row \("manager" → "director" → "presales-check"\)/);
  });
});
