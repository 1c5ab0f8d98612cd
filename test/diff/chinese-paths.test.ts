/**
 * Files named in Chinese: git quotes non-ASCII paths ("processes/\346\212\230...") unless
 * core.quotepath is off, and review then missed every commit to them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReview } from '../../src/diff/review.js';
import { tempRepo } from './repo.js';

describe('review of a process file named in Chinese', () => {
  it('counts the commit that adds it and each later edit', async () => {
    const repo = tempRepo();
    try {
      repo.use('chinese-name');
      repo.commit('添加折扣审批', '2026-07-01T10:00:00Z');
      const file = join(repo.dir, 'processes', '折扣审批.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('8h', '12h'));
      repo.commit('放宽审批时限', '2026-07-02T10:00:00Z');
      writeFileSync(file, readFileSync(file, 'utf8').replace('12h', '16h'));
      repo.commit('再次放宽', '2026-07-03T10:00:00Z');
      // The repository's own setting is git's default: quoted paths.
      expect(repo.git('log', '-1', '--name-only', '--format=')).toContain('\\346');
      const review = await runReview({ cwd: repo.dir, since: '2026-06-30' });
      expect(review.summary.commits).toBe(3);
      const p = review.processes.find((x) => x.id === 'zhekou-shenpi')!;
      expect(p.commits.map((c) => c.subject)).toEqual(['添加折扣审批', '放宽审批时限', '再次放宽']);
    } finally {
      repo.remove();
    }
  });
});
