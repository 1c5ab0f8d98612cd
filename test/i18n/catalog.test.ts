/** The message catalogs: same keys and parameters in every language, and how the language is chosen. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS, LANGS, currentLang, langFromEnv, paramsOf, parseLang, plural, t } from '../../src/i18n/index.js';
import { crmflow } from '../cli/helpers.js';

describe('catalogs', () => {
  const en = CATALOGS.en;
  it.each(LANGS.filter((l) => l !== 'en'))('%s has exactly the English keys, each with the same parameters', (lang) => {
    const other = CATALOGS[lang];
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(paramsOf(other[key]), key).toEqual(paramsOf(en[key]));
  });
  it.each(LANGS)('defines each %s key in one file only (a spread would silently let one text replace another)', (lang) => {
    const dir = join(import.meta.dirname, '..', '..', 'src', 'i18n');
    const files = readdirSync(dir).filter((f) => f === `${lang}.ts` || f.endsWith(`.${lang}.ts`));
    const where = new Map<string, string[]>();
    for (const f of files) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/^  '([\w.-]+)':/gm)) where.set(m[1]!, [...(where.get(m[1]!) ?? []), f]);
    }
    expect(where.size).toBeGreaterThan(500);
    expect([...where].filter(([, fs]) => fs.length > 1).map(([k, fs]) => `${k}: ${fs.join(', ')}`)).toEqual([]);
  });
  it('finds a parameter that is missing', () => {
    expect(paramsOf('{n} 个问题')).toEqual(['n']);
    expect(paramsOf('个问题')).not.toEqual(paramsOf('{n} problems'));
  });
  it('has both plural forms of every counted word', () => {
    const keys = Object.keys(en);
    for (const k of keys.filter((x) => x.endsWith('.one'))) expect(keys).toContain(k.replace(/\.one$/, '.other'));
  });
  it('fills parameters and picks the plural form', () => {
    expect(plural('en', 'count.problems', 1)).toBe('1 problem');
    expect(plural('en', 'count.problems', 19)).toBe('19 problems');
    expect(t('zh-CN', 'summary.problems', { problems: plural('zh-CN', 'count.problems', 19), errors: plural('zh-CN', 'count.errors', 11), warnings: plural('zh-CN', 'count.warnings', 8) })).toBe(
      '✖ 19 个问题（11 个错误，8 个警告）',
    );
  });
});

describe('language selection', () => {
  it('reads LC_ALL, then LC_MESSAGES, then LANG; zh_* is zh-CN, anything else English', () => {
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'zh_TW.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'C' })).toBe('zh-CN');
    expect(langFromEnv({ LC_ALL: '', LANG: 'zh_CN' })).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
    expect(parseLang('zh-Hans')).toBe('zh-CN');
    expect(parseLang('fr')).toBeUndefined();
  });
  it('prefers lang: of crmflow.yaml over the environment', () => {
    expect(currentLang('en', { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(currentLang(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
  });
  it('the CLI: --lang wins over LANG, LANG over the default, a bad --lang exits 2', () => {
    const cwd = join(import.meta.dirname, '..', 'lint', 'fixtures', 'all-rules');
    const zh = crmflow(['lint'], { cwd, env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' } });
    expect(zh.stdout).toMatch(/✖ \d+ 个问题（\d+ 个错误，\d+ 个警告），1 个已屏蔽\n$/);
    expect(zh.stdout).toContain('  错误  ');
    const en = crmflow(['lint', '--lang', 'en'], { cwd, env: { ...process.env, LC_ALL: '', LANG: 'zh_CN.UTF-8' } });
    expect(en.stdout).toMatch(/✖ \d+ problems \(\d+ errors, \d+ warnings\), 1 suppressed\n$/);
    const bad = crmflow(['lint', '--lang', 'fr'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang must be en or zh-CN');
  });
});
