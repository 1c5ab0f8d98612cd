/**
 * `crmflow simulate --ui`: a live workshop view (ink). The container `SimulateApp` owns the
 * state and runs the simulation through an injected `runner`; the leaf components are pure.
 * The simulator never imports React: this view subscribes to its progress callback.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Text, render, useApp, useInput } from 'ink';
import { minutesIn } from '../i18n/duration.js';
import { t, type Lang } from '../i18n/index.js';
import type { Project } from '../model/types.js';
import { differences, verdict, type Difference } from '../simulate/format.js';
import type { Progress, SimulationReport } from '../simulate/types.js';
import type { SimulateOptions } from '../simulate/index.js';

/** Runs one simulation with the given overrides, reporting progress; rejects when cancelled. */
export type Runner = (set: Record<string, string | number | boolean>, onProgress: (p: Progress) => void, cancelled: () => boolean) => Promise<SimulationReport>;

export interface RoleInfo {
  role: string;
  headcount: number;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The comparison's flag of one figure, e.g. "not significant" (never a bare change). */
function flagOf(diffs: Difference[] | undefined, figure: string, lang: Lang = 'en'): string {
  const d = diffs?.find((x) => x.figure === figure);
  return d ? `${lang === 'en' ? ', ' : '，'}${verdict(d, lang)}` : '';
}

export function ProgressBar({ done, total, width = 30, lang = 'en' }: { done: number; total: number; width?: number; lang?: Lang }) {
  const f = total > 0 ? Math.min(1, done / total) : 0;
  const n = Math.round(f * width);
  return (
    <Text>
      <Text color="cyan">{'█'.repeat(n)}</Text>
      <Text dimColor>{'░'.repeat(width - n)}</Text> {t(lang, 'ui.progress', { pct: Math.floor(f * 100), total: total.toLocaleString('en-US') })}
    </Text>
  );
}

export function Figures({ report, baseline, lang = 'en' }: { report: SimulationReport; baseline?: SimulationReport; lang?: Lang }) {
  const formatDuration = (m: number) => minutesIn(lang, m);
  const ct = report.cycleTime;
  const diffs = baseline ? differences(baseline, report) : undefined;
  const delta = (a: number, b: number | undefined, figure: string) => (b === undefined ? '' : ` (${a - b >= 0 ? '+' : '−'}${formatDuration(Math.abs(a - b))}${flagOf(diffs, figure, lang)})`);
  return (
    <Box flexDirection="column">
      <Text>
        {t(lang, 'ui.cycleTime')}  {t(lang, 'sim.mean')} <Text bold>{formatDuration(ct.mean)}</Text>
        {delta(ct.mean, baseline?.cycleTime.mean, 'cycleTime.mean')}  p50 {formatDuration(ct.p50)}  p90 <Text bold>{formatDuration(ct.p90)}</Text>
        {delta(ct.p90, baseline?.cycleTime.p90, 'cycleTime.p90')}
      </Text>
      <Text>
        {t(lang, 'ui.throughput', { n: report.throughput, pct: pct(report.efficiency) })}
      </Text>
      {report.kpis.map((k) => (
        <Text key={k.id}>
          <Text color={k.value === null ? 'gray' : k.met ? 'green' : 'red'}>{k.value === null ? '·' : k.met ? '✓' : '✗'}</Text> {k.id} {k.statistic}{' '}
          {k.value === null ? '–' : formatDuration(k.value)} {t(lang, 'ui.target', { target: formatDuration(k.target) })}
        </Text>
      ))}
    </Box>
  );
}

export function RoleList({ roles, selected, report, baseline, changed, lang = 'en' }: { roles: RoleInfo[]; selected: number; report?: SimulationReport; baseline?: SimulationReport; changed: Set<string>; lang?: Lang }) {
  const diffs = baseline && report ? differences(baseline, report) : undefined;
  return (
    <Box flexDirection="column">
      {roles.map((r, i) => {
        const u = report?.roles.find((x) => x.role === r.role)?.utilisation;
        const b = baseline?.roles.find((x) => x.role === r.role)?.utilisation;
        return (
          <Text key={r.role} inverse={i === selected}>
            {i === selected ? '›' : ' '} {r.role.padEnd(28)} {String(r.headcount).padStart(3)}
            {changed.has(r.role) ? '*' : ' '} {u === undefined ? '' : pct(u).padStart(8)}
            {b === undefined || u === undefined ? '' : t(lang, 'ui.was', { value: pct(b), flag: flagOf(diffs, `roles.${r.role}.utilisation`, lang) })}
          </Text>
        );
      })}
    </Box>
  );
}

export function SimulateApp({ process, roles: initial, runner, lang = 'en' }: { process: string; roles: RoleInfo[]; runner: Runner; lang?: Lang }) {
  const { exit } = useApp();
  const [roles, setRoles] = useState(initial);
  const [selected, setSelected] = useState(0);
  const [progress, setProgress] = useState<Progress | undefined>();
  const [report, setReport] = useState<SimulationReport | undefined>();
  const [baseline, setBaseline] = useState<SimulationReport | undefined>();
  const [comparing, setComparing] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const generation = useRef(0);
  // The input handler may be an older closure: read the current roles and selection from refs.
  const rolesRef = useRef(roles);
  rolesRef.current = roles;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  const start = useCallback(
    (current: RoleInfo[]) => {
      const gen = ++generation.current;
      const set: Record<string, number> = {};
      for (const r of current) {
        const orig = initial.find((x) => x.role === r.role);
        if (orig && orig.headcount !== r.headcount) set[`roles.${r.role}.headcount`] = r.headcount;
      }
      setReport(undefined);
      setError(undefined);
      runner(set, (p) => gen === generation.current && setProgress(p), () => gen !== generation.current).then(
        (rep) => {
          if (gen !== generation.current) return;
          setReport(rep);
          setBaseline((b) => b ?? rep);
        },
        (e: Error) => gen === generation.current && setError(e.message),
      );
    },
    [runner, initial],
  );

  useEffect(() => {
    start(initial);
    return () => {
      generation.current++;
    };
  }, []);

  useInput((input, key) => {
    if (input === 'q' || key.escape) {
      generation.current++;
      exit();
      return;
    }
    if (key.upArrow || input === 'k') setSelected((s) => Math.max(0, s - 1));
    else if (key.downArrow || input === 'j') setSelected((s) => Math.min(rolesRef.current.length - 1, s + 1));
    else if (input === '+' || input === '=' || input === '-') {
      const next = rolesRef.current.map((r, i) => (i === selectedRef.current ? { ...r, headcount: Math.max(1, r.headcount + (input === '-' ? -1 : 1)) } : r));
      rolesRef.current = next;
      setRoles(next);
    } else if (input === 'r') start(rolesRef.current);
    else if (input === 'c') setComparing((c) => !c);
  });

  const changed = new Set(roles.filter((r) => initial.find((x) => x.role === r.role)?.headcount !== r.headcount).map((r) => r.role));
  return (
    <Box flexDirection="column">
      <Text bold>crmflow simulate {process}</Text>
      {report ? <Text color="green">{t(lang, 'ui.done', { n: report.cases.toLocaleString('en-US') })}</Text> : <ProgressBar done={progress?.done ?? 0} total={progress?.total ?? 0} lang={lang} />}
      {error ? <Text color="red">{t(lang, 'ui.error', { text: error })}</Text> : null}
      {!report && progress && progress.done > 0 ? <Text dimColor>{t(lang, 'ui.running', { d: minutesIn(lang, progress.meanCycle) })}</Text> : null}
      {report ? <Figures report={report} baseline={comparing ? baseline : undefined} lang={lang} /> : null}
      {comparing && baseline && report ? <Text dimColor>{t(lang, 'ui.compared', { runs: report.runs })}</Text> : null}
      <Box marginTop={1} flexDirection="column">
        <Text dimColor>{t(lang, 'ui.head')}</Text>
        <RoleList roles={roles} selected={selected} report={report} baseline={comparing ? baseline : undefined} changed={changed} lang={lang} />
      </Box>
      <Text dimColor>{t(lang, 'ui.keys')}</Text>
    </Box>
  );
}

/** Starts the UI on the terminal and resolves when the user quits. */
export async function runUi(args: { project: Project; processId: string; options: SimulateOptions }): Promise<void> {
  const sim = await import('../simulate/index.js');
  const { compileModel } = await import('../simulate/model.js');
  // Roles that the simulated process actually uses, with their headcounts after --set.
  const model = compileModel(args.project, args.processId, { data: [], set: args.options.set, origin: sim.DEFAULT_START });
  const roles = model.pools.map((p) => ({ role: p.role, headcount: p.headcount }));
  const runner: Runner = (set, onProgress, cancelled) =>
    sim.simulate(args.project, args.processId, { ...args.options, set: { ...args.options.set, ...set }, onProgress, cancelled, workers: false });
  const { currentLang } = await import('../i18n/index.js');
  const app = render(<SimulateApp process={args.processId} roles={roles} runner={runner} lang={currentLang(args.project.config.lang)} />);
  await app.waitUntilExit();
}
