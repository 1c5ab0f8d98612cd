/** 简体中文消息（与 en.ts 同键、同参数）。术语见 docs/glossary.zh-CN.md。 */
import type { MessageId } from './en.js';

export const zhCN: Record<MessageId, string> = {
  'severity.error': '错误',
  'severity.warning': '警告',
  'count.problems.one': '{n} 个问题',
  'count.problems.other': '{n} 个问题',
  'count.errors.one': '{n} 个错误',
  'count.errors.other': '{n} 个错误',
  'count.warnings.one': '{n} 个警告',
  'count.warnings.other': '{n} 个警告',
  'count.processFiles.one': '{n} 个流程文件',
  'count.processFiles.other': '{n} 个流程文件',
  'count.suppressed.one': '{n} 个已屏蔽',
  'count.suppressed.other': '{n} 个已屏蔽',
  'summary.problems': '✖ {problems}（{errors}，{warnings}）',
  'summary.note': '{summary}，{note}',
  'summary.ok': '✔ {checked}{ok}',
  'summary.okNote': '{ok}（{note}）',
  'ok.valid': '均有效',
  'ok.clean': '没有问题',
  'ok.noProblems': '没有问题',
};
