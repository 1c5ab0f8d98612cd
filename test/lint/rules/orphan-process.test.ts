import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid' | 'broken-link') => here(import.meta.url, 'fixtures', 'orphan-process', kind);

describe('orphan-process', () => {
  it('reports the invalid fixture at each step and position', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'orphan-process');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'complaints.yaml:2:5 orphan-process -',
      'renewals.yaml:2:5 orphan-process -',
    ]);
  });

  it('accepts the valid fixture', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'orphan-process');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });

  it('says nothing when a file that may be the link cannot be read', () => {
    // broken-link: lead-to-cash.yaml has a YAML error; it calls selling, and quotes refines it.
    const { findings, validation } = lintOnly(fx('broken-link'), 'orphan-process');
    expect(validation.map((f) => `${f.file} ${f.rule}`)).toEqual(['lead-to-cash.yaml yaml-syntax']);
    expect(where(findings)).toEqual([]);
  });
});
