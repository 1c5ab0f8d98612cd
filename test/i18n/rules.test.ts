/** Every lint rule has its explain texts in Chinese, and no translation is left for a rule that is gone. */
import { describe, expect, it } from 'vitest';
import { rulesZhCN } from '../../src/i18n/rules.zh-CN.js';
import { rules } from '../../src/lint/rules/index.js';
import { crmflow } from '../cli/helpers.js';

describe('rule texts in zh-CN', () => {
  it('covers exactly the rules', () => {
    expect(Object.keys(rulesZhCN).sort()).toEqual(rules.map((r) => r.id).sort());
  });
  it.each(rules.map((r) => [r.id, r] as const))('%s: description, why and fix in Chinese, options when the rule has them', (id, rule) => {
    const zh = rulesZhCN[id]!;
    for (const text of [zh.description, zh.why, zh.fix]) expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.options !== undefined).toBe(rule.meta.optionsHelp !== undefined);
  });
  it('explain prints them under LANG=zh_CN.UTF-8, English with --lang en', () => {
    const env = { LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' };
    const zh = crmflow(['explain', 'dead-end'], { env });
    expect(zh.stdout).toContain(rulesZhCN['dead-end']!.why);
    expect(zh.stdout).toContain('如何修正');
    expect(zh.stdout).not.toContain(rules.find((r) => r.id === 'dead-end')!.meta.why);
    const en = crmflow(['explain', 'dead-end', '--lang', 'en'], { env });
    expect(en.stdout).toContain('How to fix');
  });
});
