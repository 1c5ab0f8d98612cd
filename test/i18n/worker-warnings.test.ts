/**
 * Simulation warnings made on worker threads (`--runs 2`) are said in the user's language: the
 * worker sends the messages behind them, and the main thread takes them as its own.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crmflow } from '../cli/helpers.js';
import { t } from '../../src/i18n/index.js';

const DIR = join(import.meta.dirname, 'fixtures', 'worker-warnings');
const PARAMS = { step: 'deal/await-signature', message: 'signed contract' };
const args = ['simulate', 'deal', '-C', DIR, '--cases', '20', '--no-progress'];

describe('warnings from worker threads', () => {
  it.each([['1'], ['2']])('are Chinese with --runs %s, as the catalog says them', (runs) => {
    const r = crmflow([...args, '--runs', runs, '--lang', 'zh-CN']);
    expect(r.code).toBe(0);
    const expected = t('zh-CN', 'sim.warn.noArrives', PARAMS);
    expect(r.stdout).toContain(expected);
    expect(r.stdout).not.toContain('does not say when');
  });

  it('stay English in --format json, whatever the language', () => {
    const r = crmflow([...args, '--runs', '2', '--lang', 'zh-CN', '--format', 'json']);
    const report = JSON.parse(r.stdout) as { warnings: string[] };
    expect(report.warnings).toEqual([t('en', 'sim.warn.noArrives', PARAMS)]);
  });
});
