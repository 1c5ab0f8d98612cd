/**
 * `crmflow review`: the quarterly review of a git period. Per process: the commits of the
 * period, the net semantic change (start of the period → end), the findings introduced and
 * resolved, and with simulation the cycle time at each commit that touched it. Returns data;
 * src/cli/review.ts prints it.
 */
import { parseInstant } from '../model/date-times.js';
import { parseDay, type DateResult } from '../model/dates.js';
import { CrmflowError } from '../model/errors.js';
import type { Finding, Project } from '../model/types.js';
import { diffProjects } from './diff.js';
import { checkRevisionSyntax, emptyProject, gitReason, isShallow, openRepo, processMatcher, readProjectAt, resolveRevision, type ProjectAt, type Repo } from './git.js';
import { lintFindings } from './run.js';
import { CycleTimer, type CycleOptions } from './simulate.js';
import type { CycleTime, DiffFinding, ProcessDiff } from './types.js';

export interface ReviewRequest {
  cwd: string;
  /** A date (YYYY-MM-DD, or ISO date and time) or a revision. */
  since: string;
  /** A date or revision (default HEAD). */
  until?: string;
  /** Simulate the processes at each commit that touched them. */
  simulate?: Omit<CycleOptions, 'cwd' | 'root'>;
  findings?: (project: Project) => readonly Finding[];
}

export interface ReviewCommit {
  hash: string;
  /** Author date, ISO 8601. */
  date: string;
  author: string;
  subject: string;
}

export interface TrendPoint {
  /** Short commit id; `start` for the state at the start of the period. */
  commit: string;
  date: string | null;
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
  /** With simulation: cycle time at the start and after each commit that touched the process. */
  trend?: TrendPoint[];
}

export interface ReviewSummary {
  commits: number;
  authors: string[];
  processes: { added: number; removed: number; changed: number; unchanged: number };
  lint: { introduced: number; resolved: number };
  /** The processes that changed most (commits and changed steps), most first, at most 5. */
  mostChanged: Array<{ id: string; commits: number; stepChanges: number }>;
  /** With simulation: processes whose p90 cycle time rose / fell over the period, biggest change first. */
  slower: Array<{ id: string; before: CycleTime; after: CycleTime }>;
  faster: Array<{ id: string; before: CycleTime; after: CycleTime }>;
}

export interface ReviewReport {
  since: string;
  until: string;
  /** The commit the period starts from (the state before it), or null when history starts inside it. */
  from: { commit: string; date: string } | null;
  to: { commit: string; date: string };
  summary: ReviewSummary;
  processes: ReviewProcess[];
}

const DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Whether a --since/--until value is a date rather than a revision. */
export function isDate(text: string): boolean {
  return DATE.test(text) && checkDate(text).ok;
}

function checkDate(text: string): DateResult<number> {
  return text.length === 10 ? parseDay(text) : parseInstant(text);
}

interface Bound {
  kind: 'date' | 'rev';
  text: string;
  /** For dates: the instant as git understands it. */
  instant?: string;
  commit?: string;
}

async function bound(repo: Repo, text: string, what: string, endOfDay: boolean): Promise<Bound> {
  checkRevisionSyntax(text, what);
  if (isDate(text)) {
    const instant = text.length === 10 ? `${text}T${endOfDay ? '23:59:59' : '00:00:00'}` : text;
    return { kind: 'date', text, instant };
  }
  if (/^\d{4}-\d{1,2}-\d{1,2}/.test(text)) {
    const r = DATE.test(text) ? checkDate(text) : undefined;
    throw new CrmflowError(r && !r.ok ? `${what} ${r.message}` : `${what} "${text}" is not a valid date`, 'write dates as YYYY-MM-DD, e.g. 2026-07-01', 'usage');
  }
  try {
    return { kind: 'rev', text, commit: await resolveRevision(repo, text, what) };
  } catch (e) {
    if (e instanceof CrmflowError) {
      throw new CrmflowError(`${what} "${text}" is neither a date nor a revision: ${e.message.replace(/^[^(]*\(/, '(')}`, `give a date (YYYY-MM-DD) or a commit, branch or tag; ${e.hint ?? ''}`.trim(), 'git');
    }
    throw e;
  }
}

async function revList(repo: Repo, args: string[]): Promise<string | undefined> {
  try {
    const out = (await repo.git.raw(['rev-list', '-1', ...args])).trim();
    return out || undefined;
  } catch (e) {
    throw new CrmflowError(`git rev-list failed: ${gitReason(e)}`, undefined, 'git');
  }
}

async function commitDate(repo: Repo, commit: string): Promise<string> {
  return (await repo.git.raw(['show', '-s', '--format=%aI', commit])).trim();
}

interface LogEntry extends ReviewCommit {
  files: string[];
}

async function log(repo: Repo, args: string[]): Promise<LogEntry[]> {
  const raw = await repo.git.raw(['log', '--no-renames', '--name-only', '--format=%x1e%H%x1f%aI%x1f%an%x1f%s', ...args, '--', repo.prefix || '.']);
  const entries: LogEntry[] = [];
  for (const rec of raw.split('\x1e')) {
    if (!rec.trim()) continue;
    const [head, ...rest] = rec.split('\n');
    const [hash, date, author, subject] = head!.split('\x1f') as [string, string, string, string];
    const files = rest
      .map((l) => l.trim())
      .filter((l) => l && l.startsWith(repo.prefix))
      .map((l) => l.slice(repo.prefix.length));
    entries.push({ hash, date, author, subject, files });
  }
  return entries.reverse();
}

/** Builds the review of a period. */
export async function runReview(req: ReviewRequest): Promise<ReviewReport> {
  checkRevisionSyntax(req.since, '--since');
  if (req.until !== undefined) checkRevisionSyntax(req.until, '--until');
  const repo = await openRepo(req.cwd);
  try {
    return await review(repo, req);
  } finally {
    repo.close();
  }
}

async function review(repo: Repo, req: ReviewRequest): Promise<ReviewReport> {
  const since = await bound(repo, req.since, '--since', false);
  const until = req.until === undefined ? { kind: 'rev' as const, text: 'HEAD', commit: await resolveRevision(repo, 'HEAD') } : await bound(repo, req.until, '--until', true);

  const endCommit = until.kind === 'rev' ? until.commit! : await revList(repo, [`--before=${until.instant}`, 'HEAD']);
  if (!endCommit) throw new CrmflowError(`there are no commits before ${until.text}`, 'choose a later --until', 'usage');
  let baseCommit: string | undefined;
  let range: string[];
  if (since.kind === 'rev') {
    baseCommit = since.commit!;
    range = [`${baseCommit}..${endCommit}`];
  } else {
    baseCommit = await revList(repo, [`--before=${since.instant}`, endCommit]);
    range = [`--since=${since.instant}`, endCommit];
    // In a shallow clone the history may only seem to start inside the period.
    if (!baseCommit && (await isShallow(repo))) {
      throw new CrmflowError(
        `this is a shallow clone: the history before ${since.text} is missing, so the start of the period is unknown`,
        'run `git fetch --unshallow`, or in GitHub Actions check out with `fetch-depth: 0` (actions/checkout)',
        'git',
      );
    }
  }

  const end = await readProjectAt(repo, endCommit, until.text);
  const base = baseCommit ? await readProjectAt(repo, baseCommit, since.text) : emptyProject(repo, since.text);
  const findings = req.findings ?? (await lintFindings());
  const net = diffProjects(base.project, end.project, { from: base.label, to: end.label, findings });

  const matchEnd = processMatcher(end.project.configFile ? { path: 'crmflow.yaml', bytes: end.project.configFile.text } : undefined);
  const matchBase = processMatcher(base.project.configFile ? { path: 'crmflow.yaml', bytes: base.project.configFile.text } : undefined);
  const fileToId = new Map<string, string>();
  for (const p of [...base.project.processes.values(), ...end.project.processes.values()]) fileToId.set(p.file, p.id);
  const commits = (await log(repo, range)).filter((c) => c.files.some((f) => f === 'crmflow.yaml' || matchEnd(f) || matchBase(f)));

  const byProcess = new Map<string, LogEntry[]>();
  for (const c of commits) {
    const ids = new Set<string>();
    for (const f of c.files) {
      if (f === 'crmflow.yaml' || !(matchEnd(f) || matchBase(f))) continue;
      ids.add(fileToId.get(f) ?? f.split('/').pop()!.replace(/\.ya?ml$/i, ''));
    }
    for (const id of ids) byProcess.set(id, [...(byProcess.get(id) ?? []), c]);
  }

  const ids = new Set([...byProcess.keys(), ...net.processes.map((p) => p.id)]);
  const timer = req.simulate ? new CycleTimer({ ...req.simulate, cwd: req.cwd, root: repo.root }) : undefined;
  const atCommit = new Map<string, ProjectAt>();
  const processes: ReviewProcess[] = [];
  for (const id of ids) {
    const change = net.processes.find((p) => p.id === id) ?? null;
    const p = end.project.processes.get(id) ?? base.project.processes.get(id);
    const touching = byProcess.get(id) ?? [];
    const entry: ReviewProcess = {
      id,
      name: change?.name ?? p?.name ?? id,
      layer: change?.layer ?? p?.layer ?? 'operation',
      file: change?.file ?? p?.file ?? '',
      status: change?.status ?? 'unchanged',
      commits: touching.map(({ hash, date, author, subject }) => ({ hash, date, author, subject })),
      change,
      lint: change?.lint ?? { introduced: [], resolved: [] },
    };
    if (timer) {
      const trend: TrendPoint[] = [];
      if (baseCommit && base.project.processes.has(id)) {
        const ct = await timer.cycleTime(base, id);
        trend.push({ commit: 'start', date: await commitDate(repo, baseCommit), p50: ct?.p50 ?? null, p90: ct?.p90 ?? null });
      }
      for (const c of touching) {
        let side = atCommit.get(c.hash);
        if (!side) atCommit.set(c.hash, (side = await readProjectAt(repo, c.hash, c.hash.slice(0, 7))));
        const ct = await timer.cycleTime(side, id);
        trend.push({ commit: c.hash.slice(0, 7), date: c.date, p50: ct?.p50 ?? null, p90: ct?.p90 ?? null });
      }
      entry.trend = trend;
      if (change) {
        const last = [...trend].reverse().find((t) => t.p50 !== null);
        change.cycleTime = {
          before: baseCommit && base.project.processes.has(id) && trend[0]?.commit === 'start' && trend[0].p50 !== null ? { p50: trend[0].p50, p90: trend[0].p90! } : null,
          after: end.project.processes.has(id) && last ? { p50: last.p50!, p90: last.p90! } : null,
        };
      }
    }
    processes.push(entry);
  }
  const order: Record<string, number> = { strategy: 0, core: 1, operation: 2 };
  processes.sort((a, b) => (order[a.layer] ?? 9) - (order[b.layer] ?? 9) || (a.id < b.id ? -1 : 1));

  return {
    since: req.since,
    until: req.until ?? 'HEAD',
    from: baseCommit ? { commit: baseCommit, date: await commitDate(repo, baseCommit) } : null,
    to: { commit: endCommit, date: await commitDate(repo, endCommit) },
    summary: summarize(commits, processes),
    processes,
  };
}

function summarize(commits: LogEntry[], processes: ReviewProcess[]): ReviewSummary {
  const count = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  let introduced = 0;
  let resolved = 0;
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
    .map((p) => ({ id: p.id, ct: p.change?.cycleTime }))
    .filter((x): x is { id: string; ct: { before: CycleTime; after: CycleTime } } => Boolean(x.ct?.before && x.ct.after))
    .map((x) => ({ id: x.id, before: x.ct.before, after: x.ct.after, delta: (x.ct.after.p90 - x.ct.before.p90) / (x.ct.before.p90 || 1) }));
  const strip = ({ id, before, after }: { id: string; before: CycleTime; after: CycleTime }) => ({ id, before, after });
  return {
    commits: commits.length,
    authors: [...new Set(commits.map((c) => c.author))].sort(),
    processes: count,
    lint: { introduced, resolved },
    mostChanged,
    slower: moved.filter((m) => m.delta > 0.005).sort((a, b) => b.delta - a.delta).map(strip),
    faster: moved.filter((m) => m.delta < -0.005).sort((a, b) => a.delta - b.delta).map(strip),
  };
}
