/** `--help` in Chinese: every command, option and argument has a translation, and none is stale. */
import { describe, expect, it } from 'vitest';
import { helpZhCN, programHelpZhCN } from '../../src/i18n/help.zh-CN.js';
import { buildProgram, helpLang } from '../../src/cli/main.js';
import { crmflow } from '../cli/helpers.js';

describe('help in zh-CN', () => {
  const program = buildProgram('en');

  it('translates every command, option and argument (a new one fails here until it is added to src/i18n/help.zh-CN.ts)', () => {
    const missing: string[] = [];
    for (const cmd of program.commands) {
      const zh = helpZhCN[cmd.name()];
      if (!zh) {
        missing.push(cmd.name());
        continue;
      }
      for (const o of cmd.options) if (o.long && !zh.options[o.long]) missing.push(`${cmd.name()} ${o.long}`);
      for (const a of cmd.registeredArguments) if (!zh.args?.[a.name()]) missing.push(`${cmd.name()} <${a.name()}>`);
    }
    for (const o of program.options) if (o.long && !programHelpZhCN.options[o.long]) missing.push(`crmflow ${o.long}`);
    expect(missing).toEqual([]);
  });

  it('has no translation for a command or option that is gone', () => {
    const stale: string[] = [];
    for (const [name, zh] of Object.entries(helpZhCN)) {
      const cmd = program.commands.find((c) => c.name() === name);
      if (!cmd) {
        stale.push(name);
        continue;
      }
      for (const long of Object.keys(zh.options)) if (!cmd.options.some((o) => o.long === long)) stale.push(`${name} ${long}`);
    }
    expect(stale).toEqual([]);
  });

  it('picks the help language from --lang, else the locale', () => {
    expect(helpLang(['node', 'crmflow', 'lint', '--help'], { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(helpLang(['node', 'crmflow', '--lang', 'en', 'lint', '--help'], { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(helpLang(['node', 'crmflow', 'lint', '--lang=zh-CN', '--help'], {})).toBe('zh-CN');
    expect(helpLang(['node', 'crmflow', '--help'], {})).toBe('en');
  });

  it('prints it: crmflow lint --help under LANG=zh_CN.UTF-8', () => {
    const r = crmflow(['lint', '--help'], { env: { LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(helpZhCN.lint!.options['--quiet']);
    expect(r.stdout).not.toContain('report errors only');
  });

  it("puts commander's own headings and default notes in Chinese, for the program and every command", () => {
    const zh = buildProgram('zh-CN');
    for (const cmd of [zh, ...zh.commands]) {
      const text = cmd.helpInformation();
      expect(text, cmd.name()).toMatch(/^用法：/);
      expect(text, cmd.name()).not.toMatch(/Usage:|Options:|Arguments:|Commands:|\((default|choices): /);
    }
    const en = buildProgram('en').commands.find((c) => c.name() === 'simulate')!.helpInformation();
    expect(en).toMatch(/^Usage:/);
    expect(en).toContain('(default: "text")');
  });
});
