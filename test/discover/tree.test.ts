import { describe, expect, it } from 'vitest';
import { directlyFollows, mineTree, type Tree, type Variant } from '../../src/discover/index.js';

/** `log('abc*3', 'acb')`: one letter an activity, `*n` a count. */
const log = (...variants: string[]): Variant[] =>
  variants.map((v) => {
    const [trace, count] = v.split('*');
    return { trace: [...trace!], count: count ? Number(count) : 1 };
  });

/** A tree as text: seq(a, b), xor(b, τ; 3/2), loop(a, c; 1/3), flower(a, b). */
function show(t: Tree): string {
  switch (t.op) {
    case 'activity':
      return t.label;
    case 'tau':
      return 'τ';
    case 'loop':
      return `loop(${show(t.body)}, ${show(t.again)}; ${t.redo}/${t.exit})`;
    case 'flower':
      return `flower(${t.activities.join(', ')})`;
    case 'xor':
      return `xor(${t.children.map(show).join(', ')}; ${t.counts.join('/')})`;
    default:
      return `${t.op}(${t.children.map(show).join(', ')})`;
  }
}

describe('mineTree (inductive miner)', () => {
  it('finds a sequence', () => {
    expect(show(mineTree(log('abc*3')))).toBe('seq(a, b, c)');
  });

  it('finds an exclusive choice with how many cases took each way', () => {
    expect(show(mineTree(log('abd*3', 'acd')))).toBe('seq(a, xor(b, c; 3/1), d)');
  });

  it('finds a parallel block from both orders', () => {
    expect(show(mineTree(log('abcd*2', 'acbd')))).toBe('seq(a, and(b, c), d)');
  });

  it('finds a loop with how often it went round again', () => {
    // Three cases leave the loop; one goes round once (a c a).
    expect(show(mineTree(log('ab*2', 'acab')))).toBe('seq(loop(a, c; 1/3), b)');
  });

  it('makes an activity some cases skip optional', () => {
    expect(show(mineTree(log('abc*3', 'ac*2')))).toBe('seq(a, xor(b, τ; 3/2), c)');
  });

  it('repeats a lone activity as a self-loop', () => {
    expect(show(mineTree(log('abbc', 'abc')))).toBe('seq(a, loop(b, τ; 1/2), c)');
  });

  it('leaves rare behaviour out with the noise threshold, and keeps it at 0', () => {
    // One case in 51 jumps from a straight to c; at noise 0 that makes b optional.
    expect(show(mineTree(log('abc*50', 'ac'), { noise: 0 }))).toBe('seq(a, xor(b, τ; 50/1), c)');
    expect(show(mineTree(log('abc*50', 'ac'), { noise: 0.2 }))).toBe('seq(a, b, c)');
  });

  it('falls through to a flower where no cut exists', () => {
    expect(show(mineTree(log('abc', 'bca', 'cab'), { noise: 0 }))).toBe('flower(a, b, c)');
  });

  it('counts directly-follows edges, starts and ends', () => {
    const dfg = directlyFollows(log('abc*2', 'ac'));
    expect(Object.fromEntries([...dfg.edges].map(([from, out]) => [from, Object.fromEntries(out)]))).toEqual({ a: { b: 2, c: 1 }, b: { c: 2 } });
    expect(Object.fromEntries(dfg.start)).toEqual({ a: 3 });
    expect(Object.fromEntries(dfg.end)).toEqual({ c: 3 });
  });
});
