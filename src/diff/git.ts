/**
 * Reads a crmflow project as it was at any git revision, without touching the working tree:
 * `git ls-tree` lists the files of the revision and one long-lived `git cat-file --batch`
 * streams their contents (a process per file would cost seconds on a 200-process project).
 * simple-git runs the one-shot commands; it is imported here only, and this module is only
 * imported by `diff`, `review` and `git-diff`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { parse } from 'yaml';
import type { SimpleGit } from 'simple-git';
import { msg, part } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import { CONFIG_FILE, DEFAULT_PROCESS_GLOB, findRoot, loadProject } from '../model/load.js';
import { buildProject, type FileInput } from '../model/project.js';
import type { Project } from '../model/types.js';

/** A git repository holding a crmflow project. */
export interface Repo {
  /** Absolute path of the repository's top folder. */
  top: string;
  /** Absolute path of the crmflow project root (the folder with crmflow.yaml). */
  root: string;
  /** The project root relative to `top`, with forward slashes and a trailing slash ('' at the top). */
  prefix: string;
  git: SimpleGit;
  /** Contents of blobs by object id, through one `git cat-file --batch`. */
  blobs: BlobReader;
  /** Ends the background git process. */
  close(): void;
}

/** A project read from a revision (or the working tree), with a hash of its content. */
export interface ProjectAt {
  project: Project;
  /** The revision as given, or `working tree`. */
  label: string;
  /** The full commit id; undefined for the working tree or an empty base. */
  commit?: string;
  /** A hash of every file read (config and processes): equal hashes mean equal projects. */
  contentHash: string;
}

const NOT_REPO = /not a git repository/i;

/** Opens the repository around the project found from `cwd`. Exit 2 when there is none. */
export async function openRepo(cwd: string): Promise<Repo> {
  const root = findRoot(cwd);
  if (!existsSync(root)) throw new CrmflowError(msg('git.noFolder', { cwd }), msg('git.noFolderHint'));
  const { simpleGit } = await import('simple-git');
  const git = simpleGit({ baseDir: root, trimmed: false });
  let top: string;
  try {
    top = (await git.raw(['rev-parse', '--show-toplevel'])).trim();
  } catch (e) {
    const why = gitReason(e);
    if (NOT_REPO.test(why)) throw new CrmflowError(msg('git.notRepo', { root }), msg('git.notRepoHint'), 'git');
    if (/ENOENT|spawn git/i.test(why)) throw new CrmflowError(msg('git.missing'), msg('git.missingHint'), 'git');
    throw new CrmflowError(msg('git.failed', { why }), undefined, 'git');
  }
  const rel = relative(top, root).split(sep).join('/');
  const prefix = rel === '' ? '' : `${rel}/`;
  const blobs = new BlobReader(top);
  // From here on git runs at the top, so paths and pathspecs are relative to it. core.quotepath
  // off: git otherwise prints `processes/线索分配.yaml` as "processes/\347\272\277..." and
  // review would not match the file.
  return { top, root, prefix, git: simpleGit({ baseDir: top, trimmed: false, config: ['core.quotepath=false'] }), blobs, close: () => blobs.close() };
}

/** The first line of git's own explanation in an error thrown by simple-git. */
export function gitReason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !/^hint:/i.test(l));
  return (line ?? text).replace(/^(fatal|error):\s*/i, '');
}

/**
 * Refuses what git could read as an option (a revision starting with `-` could smuggle
 * `--output=<file>`), and anything with control characters. Checked before git runs.
 */
export function checkRevisionSyntax(rev: string, what = 'revision'): void {
  if (rev === '') throw new CrmflowError(msg('git.emptyRev', { what: whatPart(what) }), msg('git.emptyRevHint'));
  if (rev.startsWith('-')) {
    throw new CrmflowError(
      msg('git.dashRev', { what: whatPart(what), rev }),
      msg('git.dashRevHint'),
      'git',
    );
  }
  // Spaces are fine (`main@{2 days ago}`): git gets an argument list, never a shell line.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(rev)) throw new CrmflowError(msg('git.controlRev', { what: whatPart(what) }), msg('git.controlRevHint'), 'git');
}

/** The default `what` of a revision message is itself translated; flag names stay as they are. */
function whatPart(what: string): string | ReturnType<typeof part> {
  return what === 'revision' ? part('git.revision') : what;
}

/** git's reasons that crmflow passes on, in the reader's language when they are known (git itself speaks English here). */
export function gitSays(reason: string): string | ReturnType<typeof part> {
  return reason === 'Needed a single revision' ? part('git.needSingle') : reason;
}

/** Resolves a revision to a full commit id, or fails with git's reason and what to do (exit 2). */
export async function resolveRevision(repo: Repo, rev: string, what = 'revision'): Promise<string> {
  checkRevisionSyntax(rev, what);
  try {
    return (await repo.git.raw(['rev-parse', '--verify', '--end-of-options', `${rev}^{commit}`])).trim();
  } catch (e) {
    const reason = gitReason(e);
    let hint = msg('git.unresolvedHint');
    if (await isShallow(repo)) hint = msg('git.shallowHint');
    else if (!(await hasCommits(repo))) hint = msg('git.noCommitsHint');
    throw new CrmflowError(msg('git.unresolved', { what: whatPart(what), rev, reason: gitSays(reason) }), hint, 'git');
  }
}

/** Whether the clone is shallow (older history missing). */
export async function isShallow(repo: Repo): Promise<boolean> {
  try {
    return (await repo.git.raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  } catch {
    return false;
  }
}

async function hasCommits(repo: Repo): Promise<boolean> {
  try {
    await repo.git.raw(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    return true;
  } catch {
    return false;
  }
}

/** Matches project-relative paths against the `processes:` glob of a config (default when absent). */
export function processMatcher(config: FileInput | undefined): (path: string) => boolean {
  const patterns = processPatterns(config);
  const isMatch = picomatch(patterns, { dot: false });
  return (p) => p !== CONFIG_FILE && !p.split('/').includes('node_modules') && isMatch(p);
}

function processPatterns(config: FileInput | undefined): string[] {
  if (!config) return [DEFAULT_PROCESS_GLOB];
  // Only the glob is read here; buildProject reports a broken config properly.
  try {
    const text = typeof config.bytes === 'string' ? config.bytes : new TextDecoder().decode(config.bytes);
    const data = parse(text, { maxAliasCount: 100 }) as { processes?: unknown } | null;
    const p = data?.processes;
    if (typeof p === 'string') return [p];
    if (Array.isArray(p) && p.length > 0 && p.every((x) => typeof x === 'string')) return p as string[];
  } catch {
    // the default glob; the parse error is a finding of the project
  }
  return [DEFAULT_PROCESS_GLOB];
}

interface TreeEntry {
  /** Path relative to the project root. */
  path: string;
  oid: string;
}

/** The blobs under the project root at `commit`, with project-relative paths. */
async function listTree(repo: Repo, commit: string): Promise<TreeEntry[]> {
  const args = ['ls-tree', '-r', '-z', '--full-tree', commit];
  if (repo.prefix) args.push('--', repo.prefix);
  const raw = await repo.git.raw(args);
  const entries: TreeEntry[] = [];
  for (const rec of raw.split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [, type, oid] = rec.slice(0, tab).split(' ');
    if (type !== 'blob' || !oid) continue;
    const full = rec.slice(tab + 1);
    if (!full.startsWith(repo.prefix)) continue;
    entries.push({ path: full.slice(repo.prefix.length), oid });
  }
  return entries;
}

/** The files of the project at `commit`: crmflow.yaml and the process files its glob matches. */
export interface FilesAt {
  config?: FileInput;
  files: FileInput[];
  /** A hash of every file (config and processes): equal hashes mean equal projects. */
  contentHash: string;
}

/** Reads the project's files at `commit` (a full commit id). Nothing on disk is touched. */
export async function readFilesAt(repo: Repo, commit: string): Promise<FilesAt> {
  const entries = await listTree(repo, commit);
  const configEntry = entries.find((e) => e.path === CONFIG_FILE);
  const config: FileInput | undefined = configEntry ? { path: CONFIG_FILE, bytes: (await repo.blobs.read([configEntry.oid]))[0]! } : undefined;
  const matches = processMatcher(config);
  const wanted = entries.filter((e) => matches(e.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const contents = await repo.blobs.read(wanted.map((e) => e.oid));
  const files: FileInput[] = wanted.map((e, i) => ({ path: e.path, bytes: contents[i]! }));
  const hash = createHash('sha1');
  hash.update(`config ${configEntry?.oid ?? '-'}\n`);
  for (const e of wanted) hash.update(`${e.oid} ${e.path}\n`);
  return { config, files, contentHash: hash.digest('hex') };
}

/** Loads the project as it was at `commit` (a full commit id). Nothing on disk is touched. */
export async function readProjectAt(repo: Repo, commit: string, label = commit): Promise<ProjectAt> {
  const { config, files, contentHash } = await readFilesAt(repo, commit);
  return { project: buildProject({ root: repo.root, config, files }), label, commit, contentHash };
}

/** Loads the project from the working tree (uncommitted changes included). */
export async function readWorkingTree(repo: Repo): Promise<ProjectAt> {
  const project = await loadProject({ cwd: repo.root, allowEmpty: true });
  const hash = createHash('sha1');
  if (project.configFile) hash.update(`config ${project.configFile.text}\n`);
  for (const f of project.files) hash.update(`${f.path}\n${f.text}\n`);
  return { project, label: 'working tree', contentHash: hash.digest('hex') };
}

/** A project with no processes: the "before" of a history that starts inside the period. */
export function emptyProject(repo: Repo, label = 'nothing'): ProjectAt {
  return { project: buildProject({ root: repo.root, files: [] }), label, contentHash: 'empty' };
}

/**
 * Turns paths given after `--` into project-relative prefixes. A path outside the repository
 * (or outside the project) is refused with exit 2.
 */
export function pathScopes(repo: Repo, cwd: string, paths: readonly string[]): string[] {
  return paths.map((p) => {
    const abs = resolve(cwd, p);
    const inRepo = relative(repo.top, abs);
    if (inRepo.startsWith('..') || isAbsolute(inRepo)) {
      throw new CrmflowError(msg('git.outsideRepo', { path: p, top: repo.top }), msg('git.outsideRepoHint'), 'usage');
    }
    const inProject = relative(repo.root, abs);
    if (inProject.startsWith('..') || isAbsolute(inProject)) {
      throw new CrmflowError(msg('git.outsideProject', { path: p, root: repo.root }), msg('git.outsideProjectHint'), 'usage');
    }
    return inProject.split(sep).join('/');
  });
}

/** Streams blob contents through one `git cat-file --batch`, one request at a time. */
export class BlobReader {
  private child?: ChildProcessWithoutNullStreams;
  private buffer: Buffer = Buffer.alloc(0);
  private queue: Promise<unknown> = Promise.resolve();
  private waiting?: () => void;
  private failed?: Error;

  constructor(private readonly cwd: string) {}

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', ['cat-file', '--batch'], { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.waiting?.();
    });
    const fail = (e: Error) => {
      this.failed = e;
      this.waiting?.();
    };
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) fail(new CrmflowError(msg('git.catFileStopped', { code }), undefined, 'git'));
    });
    child.stdin.on('error', fail);
    this.child = child;
    return child;
  }

  /** The contents of each object id, in order. */
  read(oids: readonly string[]): Promise<Buffer[]> {
    const run = this.queue.then(() => this.readNow(oids));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readNow(oids: readonly string[]): Promise<Buffer[]> {
    if (oids.length === 0) return [];
    const child = this.start();
    child.stdin.write(oids.map((o) => `${o}\n`).join(''));
    const out: Buffer[] = [];
    while (out.length < oids.length) {
      const nl = this.buffer.indexOf(10);
      if (nl >= 0) {
        const header = this.buffer.subarray(0, nl).toString('utf8');
        const m = /^([0-9a-f]+) (\S+) (\d+)$/.exec(header);
        if (!m) {
          if (/ missing$/.test(header)) throw new CrmflowError(msg('git.objectMissing', { object: header.split(' ')[0] }), msg('git.objectMissingHint'), 'git');
          throw new CrmflowError(msg('git.catFileAnswer', { header }), undefined, 'git');
        }
        const size = Number(m[3]);
        if (this.buffer.length >= nl + 1 + size + 1) {
          out.push(Buffer.from(this.buffer.subarray(nl + 1, nl + 1 + size)));
          this.buffer = this.buffer.subarray(nl + 1 + size + 1);
          continue;
        }
      }
      if (this.failed) throw this.failed;
      await new Promise<void>((r) => (this.waiting = r));
      this.waiting = undefined;
    }
    return out;
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }
}
