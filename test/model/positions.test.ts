/**
 * The fast reader (js-yaml offsets) and the careful one (`yaml` document ranges) must agree
 * on the data and on every position, for the example and for every fixture in the repository.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../src/model/source.js';
import type { PathSegment } from '../../src/model/types.js';

const ROOT = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (e === 'node_modules' || e === 'hostile') continue;
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e)) out.push(p);
  }
  return out;
}

function paths(value: unknown, prefix: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

const files = [...yamlFiles(join(ROOT, 'processes')), join(ROOT, 'crmflow.yaml'), ...yamlFiles(join(ROOT, 'test'))];

describe('fast and careful YAML readers agree', () => {
  it(`on ${files.length} files`, () => {
    let compared = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const slow = parseSource('x.yaml', text, { fast: false });
      if (slow.findings.length) continue; // broken files always take the careful path
      const fast = parseSource('x.yaml', text);
      const name = relative(ROOT, f);
      expect(fast.data, name).toEqual(slow.data);
      for (const p of paths(slow.data)) {
        for (const part of ['value', 'key'] as const) {
          const a = fast.source.locate(p, part);
          const b = slow.source.locate(p, part);
          // Ends may differ inside block scalars and trailing comments; starts must not.
          expect([a.line, a.column], `${name} ${p.join('.')} ${part}`).toEqual([b.line, b.column]);
        }
        const vs = slow.source.valueStart(p);
        if (vs) expect(fast.source.valueStart(p), `${name} ${p.join('.')}`).toEqual(vs);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
