/**
 * What `simulate` refuses before it starts (exit 2 with a hint, never a hang or an empty
 * report) and what it says while a long run goes on: the time left on stderr.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { timeLeft } from '../../src/cli/simulate.js';
import { LIMITS, simulate } from '../../src/simulate/index.js';
import { groupDigits } from '../../src/simulate/limits.js';
import { BIN, ROOT, crmflow, noStack } from '../cli/helpers.js';
import { fixture } from './helpers.js';

const FIX = join(import.meta.dirname, 'fixtures');

describe('groupDigits', () => {
  it('writes whole numbers as ICU does for en-US (toLocaleString), without loading ICU at start-up', () => {
    for (const n of [0, 7, 999, 1000, 12345, 999_999, 1_000_000, LIMITS.cases, 123_456_789, -1000, -987_654])
      expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
  });
});

describe('simulate limits', () => {
  it('refuses --cases, --runs and --warmup beyond the documented limits at once, with a hint', () => {
    const started = Date.now();
    const huge = crmflow(['simulate', 'lead-to-cash', '--cases', '99999999999999999999'], { cwd: ROOT, timeout: 20_000 });
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain('--cases must be at most 10,000,000, not 99999999999999999999');
    expect(huge.stderr).toContain('hint:');
    const runs = crmflow(['simulate', 'lead-to-cash', '--runs', String(LIMITS.runs + 1)], { cwd: ROOT });
    expect(runs.code).toBe(2);
    expect(runs.stderr).toContain('--runs must be at most 100, not 101');
    const warmup = crmflow(['simulate', 'lead-to-cash', '--warmup', '10000001'], { cwd: ROOT });
    expect(warmup.code).toBe(2);
    expect(warmup.stderr).toContain('--warmup must be at most 10,000,000');
    for (const r of [huge, runs, warmup]) expect(noStack(r.stderr)).toBe(true);
    // Refused before loading anything heavy: well under the time a single run would take.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('refuses the same limits from code and from crmflow.yaml (plan)', async () => {
    const project = await fixture('mm1');
    await expect(simulate(project, 'mm1', { cases: LIMITS.cases + 1, data: [] })).rejects.toThrow('cases must be at most 10,000,000');
    await expect(simulate(project, 'mm1', { cases: 10, runs: LIMITS.runs + 1, data: [] })).rejects.toThrow('runs must be a whole number of at most 100');
  });

  it('refuses a warm-up that leaves nothing to measure, also when the cases come from the data rows', async () => {
    // The example's sample data has 737 rows: --warmup 1000 without --cases used to print an empty report.
    const r = crmflow(['simulate', 'lead-to-cash', '--warmup', '1000'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a warm-up of 1000 leaves none of the 737 cases to measure');
    expect(r.stdout).toBe('');
    const both = crmflow(['simulate', 'lead-to-cash', '--cases', '50', '--warmup', '50'], { cwd: ROOT });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--warmup 50 leaves no case of --cases 50 to measure');
    const project = await fixture('mm1');
    await expect(simulate(project, 'mm1', { cases: 10, warmup: 10, data: [] })).rejects.toThrow('leaves none of the 10 cases');
  });

  it('--ui without a terminal exits 2 with a message instead of crashing', () => {
    // spawnSync gives the child pipes, not a TTY, as in CI or `| less`.
    const r = crmflow(['simulate', 'lead-to-cash', '--ui'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--ui needs an interactive terminal');
    expect(r.stderr).toContain('leave out --ui for the text report');
    expect(r.stderr).not.toMatch(/react|warning/i);
    expect(noStack(r.stderr)).toBe(true);
  });
});

describe('time left', () => {
  it('extrapolates the rate so far, and says nothing under the threshold', () => {
    // 100,000 of 1,000,000 cases in 2 s: 900,000 more at 50,000/s = 18 s.
    expect(timeLeft(100_000, 1_000_000, 2000)).toBe('about 18 s');
    // 10 of 1,000 in 1 s: 99 s → 2 min (rounded).
    expect(timeLeft(10, 1000, 1000)).toBe('about 2 min');
    expect(timeLeft(1, 10_000, 1000)).toBe('about 2.8 h');
    expect(timeLeft(900, 1000, 1000)).toBeUndefined(); // 0.1 s left
    expect(timeLeft(0, 1000, 1000)).toBeUndefined();
    expect(timeLeft(1000, 1000, 1000)).toBeUndefined();
  });

  it('a long run prints its estimated time on stderr', async () => {
    // 10 million M/M/1 cases take far more than a few seconds; stop once the estimate is out.
    const child = spawn(process.execPath, [BIN, 'simulate', 'mm1', '--cases', '10000000', '--format', 'json'], { cwd: join(FIX, 'mm1'), env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    const line = await new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 25_000);
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        const m = /10,000,000 cases will take about \d+(\.\d)? (s|min|h) more/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(m[0]);
        }
      });
      child.on('exit', () => resolve(undefined));
    });
    child.kill();
    expect(line, stderr).toBeDefined();
  });
});
