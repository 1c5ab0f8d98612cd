import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', `ping-pong-handoff.${kind}.yaml`);

describe('ping-pong-handoff', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'ping-pong-handoff');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'ping-pong-handoff.invalid.yaml:29:11 ping-pong-handoff fix-contract',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'ping-pong-handoff');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });
});
