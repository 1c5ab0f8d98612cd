/**
 * `crmflow review`: the quarterly review of a git period. The period follows the reviewed
 * branch's first-parent history: it starts after the last commit that landed on the branch
 * before `--since` (in `--tz`), so a pull request written in June and merged in July belongs
 * to July. Per process: the commits of the period (merges included), the net semantic change
 * (start of the period → end), the findings introduced and resolved, and with simulation the
 * cycle time after each commit on the branch that changed its model (its file, a process it
 * calls or the settings it uses). Changes to crmflow.yaml are a section of their own. Returns
 * data; src/cli/review.ts prints it.
 */
import { DateTime, IANAZone } from 'luxon';
import { parse } from 'yaml';
import { parseInstant } from '../model/date-times.js';
import { parseDay, type DateResult } from '../model/dates.js';
import { embed, msg } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import type { Finding, Project } from '../model/types.js';
import { configChanges } from './format.js';
import { diffProjects } from './diff.js';
import { modelChanges, modelKey } from './model-key.js';
import { checkRevisionSyntax, emptyProject, gitReason, gitSays, isShallow, openRepo, processMatcher, readProjectAt, resolveRevision, type ProjectAt, type Repo } from './git.js';
import { lintFindings } from './run.js';
import { CycleTimer, type CycleOptions } from './simulate.js';
import type { CycleTime, CycleTimeChange, DiffFinding, FieldChange, ProcessDiff } from './types.js';

export interface ReviewRequest {
  cwd: string;
  /** A date (YYYY-MM-DD, or ISO date and time) or a revision. */
  since: string;
  /** A date or revision (default the tip of the branch). */
  until?: string;
  /** The branch whose first-parent history bounds the period (default the current branch). */
  branch?: string;
  /** IANA time zone in which dates bound the period (default the machine's). */
  tz?: string;
  /** Simulate the processes at each commit that touched them. */
  simulate?: Omit<CycleOptions, 'cwd' | 'root'>;
  findings?: (project: Project) => readonly Finding[];
}

export interface ReviewCommit {
  hash: string;
  /** Author date, ISO 8601 in the review's time zone. */
  date: string;
  author: string;
  subject: string;
  /** A merge commit (its files are what it brought to its first parent). */
  merge: boolean;
}

export interface TrendPoint {
  /** Short id of the commit on the branch (a merge for a merged pull request); `start` for the state at the start of the period. */
  commit: string;
  /** When it landed on the branch (committer date, in the review's time zone). */
  date: string | null;
  subject?: string;
  /** What of the model it changed: `process`, `subprocess x`, `crmflow.yaml roles.legal`, `added`. */
  because?: string[];
  /** Minutes; null when the process could not be simulated there. */
  p50: number | null;
  p90: number | null;
}

export interface ReviewProcess {
  id: string;
  name: string;
  layer: string;
  file: string;
  /** Net change over the period; `unchanged` when commits touched it but the end equals the start. */
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Oldest first. */
  commits: ReviewCommit[];
  /** The net semantic change (null when unchanged). */
  change: ProcessDiff | null;
  lint: { introduced: DiffFinding[]; resolved: DiffFinding[] };
  /** With simulation: cycle time at the start and after each commit on the branch that changed the process's model. */
  trend?: TrendPoint[];
  /** With simulation, when the model differs between start and end: why (see TrendPoint.because). */
  because?: string[];
  /** With simulation: start → end of the period, on common random numbers, each figure tested. */
  cycleTime?: CycleTimeChange;
}

/** crmflow.yaml over the period. */
export interface ReviewConfig {
  /** Settings that differ between start and end, by key (roles, kpis, …), and in words. */
  fields: Record<string, FieldChange>;
  changes: string[];
  commits: ReviewCommit[];
  lint: { introduced: DiffFinding[]; resolved: DiffFinding[] };
}

export interface ReviewSummary {
  /** Commits that changed the project, merges included. */
  commits: number;
  merges: number;
  authors: string[];
  processes: { added: number; removed: number; changed: number; unchanged: number };
  lint: { introduced: number; resolved: number };
  /** The processes that changed most (commits and changed steps), most first, at most 5. */
  mostChanged: Array<{ id: string; commits: number; stepChanges: number }>;
  /** With simulation: processes whose p90 cycle time rose / fell over the period, biggest change first. */
  slower: Moved[];
  faster: Moved[];
}

export interface Moved {
  id: string;
  before: CycleTime;
  after: CycleTime;
  /** Whether the p90 change is significant (Welch over the runs); null with one run. */
  significant: boolean | null;
}

export interface ReviewReport {
  since: string;
  until: string;
  /** The branch whose first-parent history was followed. */
  branch: string;
  /** The time zone that bounds date periods and in which dates are shown. */
  timeZone: string;
  /** The bounds as instants when given as dates (ISO in `timeZone`; `end` exclusive), else null. */
  period: { start: string | null; end: string | null };
  /** The commit the period starts from (the state before it), or null when history starts inside it. */
  from: { commit: string; date: string } | null;
  to: { commit: string; date: string };
  summary: ReviewSummary;
  /** crmflow.yaml changes and commits; null when it did not change. */
  config: ReviewConfig | null;
  processes: ReviewProcess[];
}

const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Whether a --since/--until value is a date rather than a revision. */
export function isDate(text: string): boolean {
  return DATE.test(text) && checkDate(text).ok;
}

function checkDate(text: string, zone = 'UTC'): DateResult<number> {
  return text.length === 10 ? parseDay(text) : parseInstant(text, zone);
}

interface Bound {
  kind: 'date' | 'rev';
  text: string;
  /** For dates: epoch milliseconds; a day starts at 00:00 (`--since`) or ends at the next 00:00 (`--until`, exclusive). */
  ms?: number;
  commit?: string;
}

async function bound(repo: Repo, text: string, what: string, endOfDay: boolean, zone: string): Promise<Bound> {
  checkRevisionSyntax(text, what);
  if (isDate(text)) {
    if (text.length === 10) {
      const day = DateTime.fromISO(text, { zone });
      return { kind: 'date', text, ms: (endOfDay ? day.plus({ days: 1 }) : day).toMillis() };
    }
    const r = parseInstant(text, zone);
    if (r.ok) return { kind: 'date', text, ms: r.value + (endOfDay ? 1 : 0) };
  }
  if (/^\d{4}-\d{1,2}-\d{1,2}/.test(text)) {
    const r = DATE.test(text) ? checkDate(text, zone) : undefined;
    throw new CrmflowError(r && !r.ok ? msg('review.badDate', { what, why: embed(r.message) }) : msg('review.notDate', { what, text }), msg('review.badDateHint'), 'usage');
  }
  try {
    return { kind: 'rev', text, commit: await resolveRevision(repo, text, what) };
  } catch (e) {
    if (e instanceof CrmflowError) {
      throw new CrmflowError(
        msg('review.neither', { what, text, reason: gitSays(/\(git: (.*)\)$/.exec(e.message)?.[1] ?? e.message) }),
        e.hint ? msg('review.neitherHint', { hint: embed(e.hint) }) : msg('review.neitherHintShort'),
        'git',
      );
    }
    throw e;
  }
}

/** The machine's time zone (TZ when set). */
export function machineZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Checks `--tz`: an IANA zone such as Asia/Shanghai, or UTC. */
export function checkZone(zone: string): string {
  if (IANAZone.isValidZone(zone)) return zone;
  throw new CrmflowError(msg('review.badZone', { zone }), msg('review.badZoneHint'), 'usage');
}

interface FirstParent {
  hash: string;
  /** Committer date, epoch milliseconds: when the commit landed on the branch. */
  ms: number;
  date: string;
  subject: string;
}

/** The branch's first-parent history from `tip`, newest first. */
async function firstParents(repo: Repo, tip: string): Promise<FirstParent[]> {
  const raw = await repo.git.raw(['log', '--first-parent', '--format=%H%x1f%ct%x1f%cI%x1f%s', tip]);
  return raw
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [hash, ct, date, subject] = l.split('\x1f') as [string, string, string, string];
      return { hash, ms: Number(ct) * 1000, date, subject };
    });
}

interface LogEntry extends ReviewCommit {
  files: string[];
}

/** Every commit of `range`, oldest first; a merge's files are those it changed against its first parent. */
async function log(repo: Repo, range: string[], zone: string): Promise<LogEntry[]> {
  const raw = await repo.git.raw(['log', '--no-renames', '--diff-merges=first-parent', '--name-only', '--format=%x1e%H%x1f%aI%x1f%an%x1f%P%x1f%s', ...range]);
  const entries: LogEntry[] = [];
  for (const rec of raw.split('\x1e')) {
    if (!rec.trim()) continue;
    const [head, ...rest] = rec.split('\n');
    const [hash, date, author, parents, subject] = head!.split('\x1f') as [string, string, string, string, string];
    const files = rest
      .map((l) => l.trim())
      .filter((l) => l && l.startsWith(repo.prefix))
      .map((l) => l.slice(repo.prefix.length));
    entries.push({ hash, date: inZone(date, zone), author, subject, merge: parents.trim().split(' ').length > 1, files });
  }
  return entries.reverse();
}

function inZone(iso: string, zone: string): string {
  const d = DateTime.fromISO(iso, { setZone: true });
  return d.isValid ? d.setZone(zone).toISO({ suppressMilliseconds: true })! : iso;
}

/** Builds the review of a period. */
export async function runReview(req: ReviewRequest): Promise<ReviewReport> {
  checkRevisionSyntax(req.since, '--since');
  if (req.until !== undefined) checkRevisionSyntax(req.until, '--until');
  if (req.branch !== undefined) checkRevisionSyntax(req.branch, '--branch');
  const zone = checkZone(req.tz ?? machineZone());
  const repo = await openRepo(req.cwd);
  try {
    return await review(repo, req, zone);
  } finally {
    repo.close();
  }
}

async function review(repo: Repo, req: ReviewRequest, zone: string): Promise<ReviewReport> {
  const branchName = req.branch ?? ((await repo.git.raw(['rev-parse', '--abbrev-ref', 'HEAD']).catch(() => 'HEAD')).trim() || 'HEAD');
  const tip = await resolveRevision(repo, req.branch ?? 'HEAD', '--branch');
  const since = await bound(repo, req.since, '--since', false, zone);
  const until = req.until === undefined ? undefined : await bound(repo, req.until, '--until', true, zone);

  // The end: the last commit on the branch before --until, or the revision.
  let history = await firstParents(repo, until?.kind === 'rev' ? until.commit! : tip);
  if (until?.kind === 'date') {
    const at = history.findIndex((c) => c.ms < until.ms!);
    if (at < 0) throw new CrmflowError(msg('review.noCommitBefore', { branch: branchName, until: until.text, zone }), msg('review.noCommitBeforeHint'), 'usage');
    history = history.slice(at);
  }
  const endCommit = history[0]!.hash;
  // The start: the state the branch was in when the period began.
  let baseCommit: string | undefined;
  if (since.kind === 'rev') baseCommit = since.commit!;
  else {
    baseCommit = history.find((c) => c.ms < since.ms!)?.hash;
    // In a shallow clone the history may only seem to start inside the period.
    if (!baseCommit && (await isShallow(repo))) {
      throw new CrmflowError(
        msg('review.shallow', { since: since.text }),
        msg('review.shallowHint'),
        'git',
      );
    }
  }
  // The commits that landed on the branch in the period, oldest first (a merge stands for its pull request).
  let landed: FirstParent[];
  if (!baseCommit) landed = [...history].reverse();
  else {
    const inRange = new Set((await repo.git.raw(['rev-list', '--first-parent', `${baseCommit}..${endCommit}`])).split('\n').filter(Boolean));
    landed = history.filter((c) => inRange.has(c.hash)).reverse();
  }
  const startDate = baseCommit ? inZone(await commitDate(repo, baseCommit), zone) : null;

  const end = await readProjectAt(repo, endCommit, until?.text ?? branchName);
  const base = baseCommit ? await readProjectAt(repo, baseCommit, since.text) : emptyProject(repo, since.text);
  const findings = req.findings ?? (await lintFindings());
  const net = diffProjects(base.project, end.project, { from: base.label, to: end.label, findings });

  const matchEnd = processMatcher(end.project.configFile ? { path: 'crmflow.yaml', bytes: end.project.configFile.text } : undefined);
  const matchBase = processMatcher(base.project.configFile ? { path: 'crmflow.yaml', bytes: base.project.configFile.text } : undefined);
  const fileToId = new Map<string, string>();
  for (const p of [...base.project.processes.values(), ...end.project.processes.values()]) fileToId.set(p.file, p.id);
  const range = baseCommit ? [`${baseCommit}..${endCommit}`] : [endCommit];
  const commits = (await log(repo, range, zone)).filter((c) => c.files.some((f) => f === 'crmflow.yaml' || matchEnd(f) || matchBase(f)));

  // A process renamed in the period is listed once, under its id at the end.
  const alias = new Map<string, string>();
  for (const p of net.processes) if (typeof p.fields?.id?.before === 'string') alias.set(p.fields.id.before, p.id);
  const byProcess = new Map<string, LogEntry[]>();
  const configCommits: LogEntry[] = [];
  for (const c of commits) {
    const ids = new Set<string>();
    for (const f of c.files) {
      if (f === 'crmflow.yaml') {
        configCommits.push(c);
        continue;
      }
      if (!(matchEnd(f) || matchBase(f))) continue;
      const id = fileToId.get(f) ?? (await idAt(repo, c, f));
      ids.add(alias.get(id) ?? id);
    }
    for (const id of ids) byProcess.set(id, [...(byProcess.get(id) ?? []), c]);
  }

  const ids = new Set([...byProcess.keys(), ...net.processes.map((p) => p.id)]);
  const timer = req.simulate ? new CycleTimer({ ...req.simulate, cwd: req.cwd, root: repo.root }) : undefined;
  const because = new Map<string, string[]>();
  if (timer) {
    for (const id of new Set([...base.project.processes.keys(), ...end.project.processes.keys()])) {
      const why = modelChanges(base.project, end.project, id);
      if (why.length && !alias.has(id)) {
        because.set(id, why);
        ids.add(id);
      }
    }
  }
  // The states after each commit that landed on the branch, read once.
  const states = new Map<string, ProjectAt>();
  const stateAt = async (c: FirstParent) => {
    let s = states.get(c.hash);
    if (!s) states.set(c.hash, (s = await readProjectAt(repo, c.hash, c.hash.slice(0, 7))));
    return s;
  };
  const strip = ({ files: _files, ...c }: LogEntry): ReviewCommit => c;

  const processes: ReviewProcess[] = [];
  for (const id of ids) {
    const change = net.processes.find((p) => p.id === id) ?? null;
    const p = end.project.processes.get(id) ?? base.project.processes.get(id);
    const entry: ReviewProcess = {
      id,
      name: change?.name ?? p?.name ?? id,
      layer: change?.layer ?? p?.layer ?? 'operation',
      file: change?.file ?? p?.file ?? '',
      status: change?.status ?? 'unchanged',
      commits: (byProcess.get(id) ?? []).map(strip),
      change,
      lint: change?.lint ?? { introduced: [], resolved: [] },
    };
    if (timer) {
      const trend: TrendPoint[] = [];
      let previous = base;
      let key = base.project.processes.has(id) ? modelKey(base.project, id) : '';
      if (baseCommit && base.project.processes.has(id)) {
        const ct = await timer.cycleTime(base, id);
        trend.push({ commit: 'start', date: startDate, p50: ct?.p50 ?? null, p90: ct?.p90 ?? null });
      }
      for (const c of landed) {
        const side = await stateAt(c);
        const k = side.project.processes.has(id) ? modelKey(side.project, id) : '';
        if (k !== key) {
          const ct = await timer.cycleTime(side, id);
          trend.push({ commit: c.hash.slice(0, 7), date: inZone(c.date, zone), subject: c.subject, because: modelChanges(previous.project, side.project, id), p50: ct?.p50 ?? null, p90: ct?.p90 ?? null });
        }
        key = k;
        previous = side;
      }
      entry.trend = trend;
      const why = because.get(id);
      if (why) {
        entry.because = why;
        entry.cycleTime = await timer.compare(base, end, id);
        if (change) change.cycleTime = entry.cycleTime;
      }
    }
    processes.push(entry);
  }
  const order: Record<string, number> = { strategy: 0, core: 1, operation: 2 };
  processes.sort((a, b) => (order[a.layer] ?? 9) - (order[b.layer] ?? 9) || (a.id < b.id ? -1 : 1));

  const config: ReviewConfig | null =
    net.config || net.lint || configCommits.length
      ? { fields: net.config ?? {}, changes: configChanges(net), commits: configCommits.map(strip), lint: net.lint ?? { introduced: [], resolved: [] } }
      : null;
  const iso = (ms: number | undefined) => (ms === undefined ? null : DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }));
  return {
    since: req.since,
    until: req.until ?? req.branch ?? 'HEAD',
    branch: branchName,
    timeZone: zone,
    period: { start: since.kind === 'date' ? iso(since.ms) : null, end: until?.kind === 'date' ? iso(until.ms) : null },
    from: baseCommit ? { commit: baseCommit, date: startDate! } : null,
    to: { commit: endCommit, date: inZone(await commitDate(repo, endCommit), zone) },
    summary: summarize(commits, processes, config),
    config,
    processes,
  };
}

/** When the commit landed (committer date). */
async function commitDate(repo: Repo, commit: string): Promise<string> {
  return (await repo.git.raw(['show', '-s', '--format=%cI', commit])).trim();
}

/** The id of the process in `file` at `commit` (or before it, when the commit deleted it); the file name when it does not read. */
async function idAt(repo: Repo, c: LogEntry, file: string): Promise<string> {
  for (const rev of [c.hash, `${c.hash}^`]) {
    try {
      const data = parse(await repo.git.raw(['show', `${rev}:${repo.prefix}${file}`])) as { id?: unknown } | null;
      if (typeof data?.id === 'string') return data.id;
    } catch {
      // not there at this revision
    }
  }
  return file.split('/').pop()!.replace(/\.ya?ml$/i, '');
}

function summarize(commits: LogEntry[], processes: ReviewProcess[], config: ReviewConfig | null): ReviewSummary {
  const count = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  let introduced = config?.lint.introduced.length ?? 0;
  let resolved = config?.lint.resolved.length ?? 0;
  for (const p of processes) {
    count[p.status]++;
    introduced += p.lint.introduced.length;
    resolved += p.lint.resolved.length;
  }
  const stepChanges = (p: ReviewProcess) => (p.change ? p.change.steps.length + p.change.flows.added.length + p.change.flows.removed.length : 0);
  const mostChanged = processes
    .filter((p) => p.commits.length || p.change)
    .map((p) => ({ id: p.id, commits: p.commits.length, stepChanges: stepChanges(p) }))
    .sort((a, b) => b.stepChanges + b.commits - (a.stepChanges + a.commits) || (a.id < b.id ? -1 : 1))
    .slice(0, 5);
  const moved = processes
    .filter((p): p is ReviewProcess & { cycleTime: { before: CycleTime; after: CycleTime } } => Boolean(p.cycleTime?.before && p.cycleTime.after))
    .map((p) => ({
      id: p.id,
      before: p.cycleTime.before,
      after: p.cycleTime.after,
      significant: p.cycleTime.significant?.p90 ?? null,
      delta: (p.cycleTime.after.p90 - p.cycleTime.before.p90) / (p.cycleTime.before.p90 || 1),
    }));
  const strip = ({ delta: _delta, ...m }: Moved & { delta: number }): Moved => m;
  return {
    commits: commits.length,
    merges: commits.filter((c) => c.merge).length,
    authors: [...new Set(commits.map((c) => c.author))].sort(),
    processes: count,
    lint: { introduced, resolved },
    mostChanged,
    slower: moved.filter((m) => m.delta > 0.005).sort((a, b) => b.delta - a.delta).map(strip),
    faster: moved.filter((m) => m.delta < -0.005).sort((a, b) => a.delta - b.delta).map(strip),
  };
}
