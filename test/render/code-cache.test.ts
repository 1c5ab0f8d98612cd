/**
 * elkjs's compiled code in the user's cache folder (src/render/elk-load.ts): the first render
 * writes one entry, later renders reuse it (V8 accepts it, so it is not written again), the
 * diagrams are the same with and without it, and CRMFLOW_CODE_CACHE=0 leaves the folder alone.
 * Runs the built CLI, whose ELK thread loads elkjs as a user's render does.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crmflow } from '../cli/helpers.js';

const FIX = join(import.meta.dirname, 'fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'crmflow-code-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const entries = (home: string) => {
  const dir = join(home, 'crmflow', 'v8');
  return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
};

describe("elkjs's code cache", () => {
  it('is written once, then reused, and changes no diagram', () => {
    const home = join(tmp, 'home');
    const render = (out: string, env: Record<string, string> = {}) => {
      const r = crmflow(['render', '-C', join(FIX, 'shapes'), '--no-cache', '-o', join(tmp, out)], { env: { XDG_CACHE_HOME: home, ...env } });
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(join(tmp, out, 'onboarding.svg'), 'utf8');
    };
    const first = render('first');
    const written = entries(home);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/elk-[0-9a-f]{24}\.bin$/);
    const stamp = statSync(written[0]!).mtimeMs;
    expect(render('second')).toBe(first);
    // V8 took the entry: a rejected one would have been written again.
    expect(entries(home)).toEqual(written);
    expect(statSync(written[0]!).mtimeMs).toBe(stamp);
    const off = join(tmp, 'off');
    expect(render('third', { CRMFLOW_CODE_CACHE: '0', XDG_CACHE_HOME: off })).toBe(first);
    expect(entries(off)).toEqual([]);
  });
});
