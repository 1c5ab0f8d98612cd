import { describe, expect, it } from 'vitest';
import { here, lintOnly, where } from '../helpers.js';

const fx = (kind: 'valid' | 'invalid') => here(import.meta.url, 'fixtures', `parallel-escape.${kind}.yaml`);

describe('parallel-escape', () => {
  it('reports each path out of a block at the reference, naming the step it goes to', () => {
    const { findings, validation } = lintOnly(fx('invalid'), 'parallel-escape');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([
      'parallel-escape.invalid.yaml:19:21 parallel-escape legal-ok',
      'parallel-escape.invalid.yaml:24:32 parallel-escape finance-ok',
      'parallel-escape.invalid.yaml:34:11 parallel-escape score',
      'parallel-escape.invalid.yaml:39:17 parallel-escape limit',
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'on.rejected of "legal-ok" leaves the parallel block of "checks" for "revise-terms", a step before the fork, so this branch never reaches the join "both" and BPMN engines keep the other branches waiting there forever; send it to "both", a step inside the block or an end step',
      'sla.breach of "finance-ok" leaves the parallel block of "checks" for "notify", a step after the join, so this branch never reaches the join "both" and BPMN engines keep the other branches waiting there forever; send it to "both", a step inside the block or an end step',
      // The inner block's branch jumps to the outer join: reported once, for the inner block.
      'next of "score" leaves the parallel block of "credit" for "both", a step after the join, so this branch never reaches the join "credit-done" and BPMN engines keep the other branches waiting there forever; send it to "credit-done", a step inside the block or an end step',
      'a branch of "limit" leaves the parallel block of "credit" for "notify", a step after the join, so this branch never reaches the join "credit-done" and BPMN engines keep the other branches waiting there forever; send it to "credit-done", a step inside the block or an end step',
    ]);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('accepts rework inside a branch, ends, nested blocks and a loop after the join', () => {
    const { findings, validation } = lintOnly(fx('valid'), 'parallel-escape');
    expect(validation).toEqual([]);
    expect(where(findings)).toEqual([]);
  });
});
