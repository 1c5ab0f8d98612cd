/** Real temporary git repositories for the diff and review tests. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

export interface TempRepo {
  dir: string;
  git(...args: string[]): string;
  /** Replaces the project (crmflow.yaml and processes/) by a fixture folder. */
  use(fixture: string): void;
  /** Commits everything with a fixed author date (ISO), returns the commit id. */
  commit(message: string, date?: string, author?: string): string;
  remove(): void;
}

export function tempRepo(): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), 'crmflow-diff-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Test Person');
  git('config', 'user.email', 'test@example.com');
  git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    use(fixture) {
      rmSync(join(dir, 'processes'), { recursive: true, force: true });
      cpSync(join(FIXTURES, fixture), dir, { recursive: true });
    },
    commit(message, date = '2026-07-15T10:00:00Z', author = 'Test Person <test@example.com>') {
      git('add', '-A');
      execFileSync('git', ['commit', '-q', '-m', message, `--author=${author}`], {
        cwd: dir,
        env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1' },
      });
      return git('rev-parse', 'HEAD').trim();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
