/** Byte-level mutations for fuzzing YAML input: flips, inserts, deletes, splices of YAML syntax. */
import { join } from 'node:path';
import fc from 'fast-check';

export const ROOT = join(import.meta.dirname, '..', '..');

export type Mutation =
  | { op: 'set'; at: number; byte: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; at: number };

/** Pieces of YAML syntax that make mutations hit the parser's interesting paths. */
const SYNTAX = [': ', '- ', '&a ', '*a', '!!binary ', '{', '}', '[', ']', '"', "'", '\t', '\n  ', '<<: *a', '%YAML 1.1\n', '---\n', '\u0000', '\uFEFF', '\r\n', '#', '|', '>-', '? ', '@', '`', '\\u'].map((s) => [...Buffer.from(s)]);

export function mutationArb(length: number): fc.Arbitrary<Mutation[]> {
  const at = fc.nat({ max: Math.max(0, length - 1) });
  const one: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ op: fc.constant('set' as const), at, byte: fc.nat({ max: 255 }) }),
    fc.record({ op: fc.constant('insert' as const), at, bytes: fc.oneof(fc.constantFrom(...SYNTAX), fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 8 })) }),
    fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ op: fc.constant('truncate' as const), at }),
  );
  return fc.array(one, { minLength: 1, maxLength: 6 });
}

export function applyMutations(input: Uint8Array, mutations: Mutation[]): Buffer {
  let b = Buffer.from(input);
  for (const m of mutations) {
    const at = Math.min(m.at, b.length);
    if (m.op === 'set') {
      if (b.length) b[Math.min(at, b.length - 1)] = m.byte;
    } else if (m.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
    else if (m.op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
    else b = b.subarray(0, at);
  }
  return b;
}
