import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', `unreachable-step.${kind}.yaml`);

describe('unreachable-step', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'unreachable-step');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'unreachable-step.invalid.yaml:12:9 unreachable-step escalate',
      'unreachable-step.invalid.yaml:16:9 unreachable-step escalate-more',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'unreachable-step');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });

  it('reports a process without a start step once', () => {
    const { findings } = lintOnly(here(import.meta.url, 'fixtures', 'unreachable-step.no-start.yaml'), 'unreachable-step');
    expect(where(findings)).toEqual(['unreachable-step.no-start.yaml:4:1 unreachable-step -']);
    expect(findings[0]!.message).toContain('has no start step');
  });

  it('waits for validation when a step is broken (no cascade of unreachable steps)', () => {
    const { findings, validation } = lintOnly(here(import.meta.url, 'fixtures', 'unreachable-step.broken-step.yaml'), 'unreachable-step');
    expect(validation.map((f) => f.rule)).toEqual(['schema']);
    expect(findings).toEqual([]);
  });
});
