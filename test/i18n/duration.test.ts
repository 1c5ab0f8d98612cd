/** Durations in the reader's language: whole units for Chinese, formatDuration's text kept for English. */
import { describe, expect, it } from 'vitest';
import { minutesIn } from '../../src/i18n/duration.js';
import { durationIn } from '../../src/i18n/index.js';

describe('Chinese durations', () => {
  // Expectations worked out by hand: 183,600 s = 3,060 min = 51 h = 2 days and 3 hours.
  it.each([
    [183_600 / 60, '2 天 3 小时'],
    [1440, '1 天'],
    [17.8 * 1440, '17 天 19 小时'], // 427.2 h → 427 h = 17 × 24 + 19
    [1016 * 1440, '1,016 天'],
    [1439.6, '1 天'], // 23.99 h rounds to a whole day, not "23 小时 60 分钟"
    [90, '1 小时 30 分钟'],
    [60, '1 小时'],
    [59.6, '1 小时'],
    [45.4, '45 分钟'],
    [4.64, '4.6 分钟'],
    [0.5, '30 秒'],
    [0, '0 分钟'],
    [-90, '-1 小时 30 分钟'],
  ])('%d minutes → %s', (minutes, expected) => {
    expect(minutesIn('zh-CN', minutes)).toBe(expected);
  });
  it('reads the durations formatDuration writes', () => {
    expect(durationIn('zh-CN', '2.5d')).toBe('2 天 12 小时');
    expect(durationIn('zh-CN', '1.5w')).toBe('10 天 12 小时');
    expect(durationIn('zh-CN', '8h')).toBe('8 小时');
    expect(durationIn('zh-CN', '-4.5h')).toBe('-4 小时 30 分钟');
    expect(durationIn('zh-CN', 'next week')).toBe('next week');
  });
  it('leaves English as formatDuration writes it', () => {
    expect(minutesIn('en', 17.8 * 1440)).toBe('17.8d');
    expect(minutesIn('en', 90)).toBe('1.5h');
    expect(durationIn('en', '2.5d')).toBe('2.5d');
  });
});
