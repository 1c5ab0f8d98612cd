/**
 * Recent git history of the process files for the portal, and the `crmflow diff` text of each
 * commit shown. simple-git and the diff modules are imported here only, lazily.
 */
import { t, type Lang } from '../i18n/index.js';
import type { Project } from '../model/types.js';

export interface Commit {
  sha: string;
  /** Parent commit, or empty for the first commit. */
  parent: string;
  author: string;
  /** Author date, `YYYY-MM-DD`. */
  date: string;
  subject: string;
  /** Project-relative files it touched. */
  files: string[];
}

export interface History {
  /** Newest first. */
  commits: Commit[];
  /** `crmflow diff <parent> <sha>` text by sha, for the commits shown. */
  diffs: Map<string, string>;
  /** Why there is no history (not a git repository, git missing). */
  reason?: string;
}

export interface HistoryOptions {
  /** Commits read (default 100). */
  depth?: number;
  /** Commits that get a diff page (default 20, newest first). */
  diffs?: number;
  progress?: (message: string) => void;
  /** Language of the diff pages' own words (default English). */
  lang?: Lang;
}

const SEP = '\u001f';

/** Reads the last commits that touched the project, with a diff of the newest ones. */
export async function readHistory(project: Project, o: HistoryOptions = {}): Promise<History> {
  const { simpleGit } = await import('simple-git');
  const git = simpleGit({ baseDir: project.root, trimmed: false });
  let raw: string;
  let prefix: string;
  try {
    prefix = (await git.raw(['rev-parse', '--show-prefix'])).trim();
    raw = await git.raw(['log', `-n${o.depth ?? 100}`, '--no-merges', '--name-only', `--format=%x1e%H${SEP}%P${SEP}%an${SEP}%as${SEP}%s`, '--', '.']);
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    const lang = o.lang ?? 'en';
    const reason = /not a git repository/i.test(msg) ? t(lang, 'site.notRepo') : /does not have any commits/i.test(msg) ? t(lang, 'site.noCommits') : /ENOENT|spawn/i.test(msg) ? t(lang, 'site.noGit') : t(lang, 'site.gitFailed', { message: msg.split('\n')[0] ?? '' });
    return { commits: [], diffs: new Map(), reason };
  }
  const commits: Commit[] = [];
  for (const chunk of raw.split('\u001e')) {
    const lines = chunk.split('\n');
    const head = lines.shift()?.split(SEP);
    if (!head || head.length < 5) continue;
    const [sha, parents, author, date, ...subject] = head as [string, string, string, string, ...string[]];
    const files = lines.map((l) => l.trim()).filter(Boolean).map((f) => (f.startsWith(prefix) ? f.slice(prefix.length) : f));
    commits.push({ sha, parent: parents.split(' ')[0] ?? '', author, date, subject: subject.join(SEP), files });
  }
  const diffs = new Map<string, string>();
  const want = commits.filter((c) => c.parent).slice(0, o.diffs ?? 20);
  if (want.length) {
    const { runDiff } = await import('../diff/run.js');
    const { formatText } = await import('../diff/format.js');
    const { Chalk } = await import('chalk');
    const plain = new Chalk({ level: 0 });
    for (const c of want) {
      o.progress?.(t(o.lang ?? 'en', 'site.progressDiff', { sha: c.sha.slice(0, 7) }));
      try {
        const r = await runDiff({ cwd: project.root, revisions: [c.parent, c.sha] });
        try {
          diffs.set(c.sha, formatText(r.report, plain, o.lang));
        } finally {
          r.repo.close();
        }
      } catch {
        // A commit whose projects cannot be read gets no diff page; its row still shows.
      }
    }
  }
  return { commits, diffs };
}

/** The commits that touched `file`, newest first, at most `limit`. */
export function commitsOf(history: History, file: string, limit = 8): Commit[] {
  return history.commits.filter((c) => c.files.includes(file)).slice(0, limit);
}
