/**
 * English messages, keyed by message id. `{name}` is a parameter; `.one` / `.other` are the
 * plural forms `plural()` picks. zh-CN.ts must have the same keys with the same parameters
 * (test/i18n/catalog.test.ts checks it).
 */
export const en = {
  'severity.error': 'error',
  'severity.warning': 'warning',
  'count.problems.one': '{n} problem',
  'count.problems.other': '{n} problems',
  'count.errors.one': '{n} error',
  'count.errors.other': '{n} errors',
  'count.warnings.one': '{n} warning',
  'count.warnings.other': '{n} warnings',
  'count.processFiles.one': '{n} process file',
  'count.processFiles.other': '{n} process files',
  'count.suppressed.one': '{n} suppressed',
  'count.suppressed.other': '{n} suppressed',
  'summary.problems': '✖ {problems} ({errors}, {warnings})',
  'summary.note': '{summary}, {note}',
  'summary.ok': '✔ {checked} {ok}',
  'summary.okNote': '{ok} ({note})',
  'ok.valid': 'valid',
  'ok.clean': 'clean',
  'ok.noProblems': 'no problems',
} as const;

export type MessageId = keyof typeof en;
