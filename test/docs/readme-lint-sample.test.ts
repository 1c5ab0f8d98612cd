/**
 * The `crmflow lint` sample in README.md and README.zh-CN.md is what lint prints on the lint
 * fixture project today, in each README's language: a rule or message change that forgets the
 * README fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, crmflow } from '../cli/helpers.js';

/** The lines of the console block that starts with `$ crmflow lint`, without that line. */
function lintSample(readme: string): string {
  const text = readFileSync(join(ROOT, readme), 'utf8');
  const m = /```console\n\$ crmflow lint\n([\s\S]*?)\n```/.exec(text);
  if (!m) throw new Error(`${readme} has no \`$ crmflow lint\` console block`);
  return m[1]!;
}

describe('README lint sample', () => {
  it.each([
    ['README.md', 'en'],
    ['README.zh-CN.md', 'zh-CN'],
  ])('%s shows what lint prints on test/lint/fixtures/all-rules (%s)', (readme, lang) => {
    const r = crmflow(['lint', '--lang', lang], { cwd: join(ROOT, 'test', 'lint', 'fixtures', 'all-rules'), env: { NO_COLOR: '1' } });
    expect(r.code).toBe(1);
    expect(lintSample(readme)).toBe(r.stdout.trimEnd());
  });
});
