import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', 'approval-mode', kind);

describe('approval-mode', () => {
  it('reports one approver under all/any, an approver listed twice, and a supervisor with no submitter', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'approval-mode');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'processes/contract.yaml:12:16 approval-mode one-countersigner',
      'processes/contract.yaml:18:41 approval-mode twice-in-order',
      'processes/contract.yaml:24:16 approval-mode either-supervisor',
      'processes/contract.yaml:33:19 approval-mode by-amount',
      'processes/no-submitter.yaml:10:30 approval-mode boss',
    ]);
    const messages = findings.map((f) => f.message);
    expect(messages[0]).toContain('all (会签) with one approver (legal); use mode: single');
    expect(messages[1]).toContain('"legal" approve twice in its sequence');
    expect(messages[2]).toContain('{ supervisor: 1 }, which is one approver');
    expect(messages[3]).toMatch(/^tier 2 of approval "by-amount" lists approver "cfo" twice/);
    expect(messages[4]).toContain('no step with a role comes before it');
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'approval-mode');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });
});
