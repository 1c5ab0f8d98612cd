/**
 * The --ui view with ink-testing-library: a fake runner stands in for the simulator, so the
 * test sees exactly which overrides a key press asks for.
 */
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { SimulateApp, type Runner } from '../../src/cli/simulate-ui.js';
import type { SimulationReport } from '../../src/simulate/types.js';

/** A report of two runs whose cycle means are mean ± spread and utilisations u ± spread. */
function report(mean: number, utilisation: number, spread = 1): SimulationReport {
  const rep = (d: number) => ({ seed: 0, cycleTime: { mean: mean + d, p50: mean, p90: mean * 2 + d, p95: mean * 3, max: mean * 4 }, efficiency: 0.2, throughput: 5, utilisation: [utilisation + d / 100, 0.5], slaRate: [], kpi: [60] });
  return {
    process: 'p', cases: 100, seed: 42, runs: 2, warmup: 0, window: { start: '', end: '' }, utilisationWindow: { start: '', end: '' },
    replications: [rep(-spread), rep(spread)],
    cycleTime: { mean, p50: mean, p90: mean * 2, p95: mean * 3, max: mean * 4 },
    outcomes: { won: 100 }, stopped: { cases: 0, at: [] }, steps: [],
    roles: [{ role: 'sales-manager', name: 'Sales manager', headcount: 2, utilisation }, { role: 'sales-rep', name: 'Sales rep', headcount: 8, utilisation: 0.5 }],
    slas: [], kpis: [{ id: 'lead-response-time', name: 'x', statistic: 'p90', value: 60, target: 120, met: true, count: 100 }],
    efficiency: 0.2, throughput: 5, histogram: [], events: 0, warnings: [],
  };
}

const tick = () => new Promise((r) => setTimeout(r, 30));

describe('simulate --ui', () => {
  it('shows progress, then figures; +/- change the selected role, r re-runs with it, c compares, q quits', async () => {
    const calls: Array<Record<string, string | number | boolean>> = [];
    let release: (() => void) | undefined;
    const runner: Runner = (set, onProgress) => {
      calls.push(set);
      onProgress({ done: 50, total: 100, run: 1, runs: 1, meanCycle: 90, p90Cycle: 180 });
      return new Promise((resolve) => {
        release = () => resolve(calls.length === 1 ? report(120, 0.9) : report(60, 0.6));
      });
    };
    const app = render(<SimulateApp process="lead-to-cash" roles={[{ role: 'sales-manager', headcount: 2 }, { role: 'sales-rep', headcount: 8 }]} runner={runner} />);
    await tick();
    expect(app.lastFrame()).toContain('50 % of 100 cases');
    release!();
    await tick();
    expect(app.lastFrame()).toContain('mean 2h');
    expect(app.lastFrame()).toContain('90.0 %');
    app.stdin.write('+');
    await tick();
    expect(app.lastFrame()).toMatch(/sales-manager\s+3\*/);
    app.stdin.write('r');
    await tick();
    expect(calls, app.lastFrame()).toHaveLength(2);
    expect(calls[1]).toEqual({ 'roles.sales-manager.headcount': 3 });
    release!();
    await tick();
    app.stdin.write('c');
    await tick();
    // Two runs per side: mean 119/121 against 59/61 minutes is a change Welch's test sees
    // (t = 60 / √(2/2 + 2/2) ≈ 42 on 2 df, far above 4.303); sales-rep's 50 % in every run did not move.
    expect(app.lastFrame()).toContain('mean 1h (−1h, significant)');
    expect(app.lastFrame()).toContain('compared with the first run');
    expect(app.lastFrame()).toMatch(/sales-manager\s+3\*\s+60\.0 %\s+\(was 90\.0 %, significant\)/);
    expect(app.lastFrame()).toMatch(/sales-rep\s+8\s+50\.0 %\s+\(was 50\.0 %, not significant\)/);
    app.stdin.write('q');
    await tick();
    app.unmount();
  });

  it('the simulator does not import React', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const dir = new URL('../../src/simulate/', import.meta.url);
    for (const f of readdirSync(dir)) expect(readFileSync(new URL(f, dir), 'utf8')).not.toMatch(/from 'react'|from 'ink'/);
  });
});
