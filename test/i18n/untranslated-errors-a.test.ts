/**
 * Under LANG=zh_CN.UTF-8 the errors and hints of simulate, calibrate, conform, discover and the
 * event-log readers are Chinese, and so is the text after the options in their --help (examples,
 * notes, exit codes). Each bad input runs once; `englishIn` finds English catalog text and
 * `englishRuns` English that never went through the catalog.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, crmflow } from '../cli/helpers.js';
import { ZH, englishIn, englishRuns } from './scan.js';

const HAN = /[\u4e00-\u9fff]/;
const sim = (name: string) => join(ROOT, 'test', 'simulate', 'fixtures', name);
const logs = join(ROOT, 'test', 'log', 'fixtures');
const sfHistory = join(logs, 'salesforce-field-history.csv');

const tmp = mkdtempSync(join(tmpdir(), 'crmflow-zh-errors-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const noActivity = file('no-activity.csv', 'case_id,time\nc1,2026-07-01T09:00:00Z\n');
const badTime = file('bad-time.csv', 'case_id,activity,timestamp\nc1,受理,yesterday\n');
const emptyActivity = file('empty-activity.csv', 'case_id,activity,timestamp\nc1,,2026-07-01T09:00:00Z\n');
const xesNoActivity = file(
  'no-activity.xes',
  '<?xml version="1.0"?>\n<log><trace><string key="concept:name" value="c1"/><event><date key="time:timestamp" value="2026-07-01T09:00:00Z"/></event></trace></log>\n',
);
const calMissingLog = file('cal-missing-log.yaml', 'crmflow-calibration: 1\nprocess: mm1\nsteps: {}\n');
const calStale = file('cal-stale.yaml', 'crmflow-calibration: 1\nprocess: mm1\nlog: x.csv\ntimestamps: single\ncases: 2\nevents: 6\nsteps:\n  mm1/nope: { duration: 1h }\n');
const folder = join(tmp, 'events-folder');
mkdirSync(folder);

// [what, args, cwd]: every one is bad input, so exit 2.
const bad: Array<[string, string[], string]> = [
  ['simulate: missing --data file', ['simulate', 'mm1', '--data', 'missing.csv'], sim('mm1')],
  ['simulate: --set of an unknown role', ['simulate', 'mm1', '--set', 'roles.nope.headcount=1'], sim('mm1')],
  ['simulate: --set of an unknown path', ['simulate', 'mm1', '--set', 'bogus.x=1'], sim('mm1')],
  ['simulate: --set without =', ['simulate', 'mm1', '--set', 'roles'], sim('mm1')],
  ['simulate: unknown --scenario', ['simulate', 'mm1', '--scenario', 'nope'], sim('mm1')],
  ['simulate: --compare without a change', ['simulate', 'mm1', '--compare'], sim('mm1')],
  ['simulate: --cases 0', ['simulate', 'mm1', '--cases', '0'], sim('mm1')],
  ['simulate: --cases above the limit', ['simulate', 'mm1', '--cases', '99999999999'], sim('mm1')],
  ['simulate: --runs above the limit', ['simulate', 'mm1', '--runs', '500'], sim('mm1')],
  ['simulate: --warmup as large as --cases', ['simulate', 'mm1', '--cases', '5', '--warmup', '5'], sim('mm1')],
  ['simulate: unknown process', ['simulate', 'nope'], sim('mm1')],
  ['simulate: --events is a folder', ['simulate', 'mm1', '--events', folder], sim('mm1')],
  ['simulate: a CSV value that does not fit its field', ['simulate', 'vip', '--data', 'bad.csv'], sim('typed')],
  ['simulate: a calibration file without log:', ['simulate', 'mm1', '--calibration', calMissingLog], sim('mm1')],
  ['simulate: a calibration for a step that is gone', ['simulate', 'mm1', '--calibration', calStale], sim('mm1')],
  ['conform: no --log', ['conform', 'mm1'], sim('mm1')],
  ['conform: missing log', ['conform', 'mm1', '--log', 'missing.csv'], sim('mm1')],
  ['conform: bad --map', ['conform', 'mm1', '--log', sfHistory, '--map', 'bad'], sim('mm1')],
  ['conform: unknown --preset', ['conform', 'mm1', '--log', sfHistory, '--preset', 'bogus'], sim('mm1')],
  ['conform: unknown log extension', ['conform', 'mm1', '--log', 'events.txt'], sim('mm1')],
  ['conform: --min-fitness 2', ['conform', 'mm1', '--log', sfHistory, '--min-fitness', '2'], sim('mm1')],
  ['calibrate: no --log', ['calibrate', 'mm1'], sim('mm1')],
  ['calibrate: --only speed', ['calibrate', 'mm1', '--log', sfHistory, '--preset', 'salesforce-field-history', '--only', 'speed'], sim('mm1')],
  ['discover: no --log', ['discover'], tmp],
  ['discover: a CSV without an activity column', ['discover', '--log', noActivity], tmp],
  ['discover: a CSV with a bad timestamp', ['discover', '--log', badTime], tmp],
  ['discover: a CSV with an empty activity', ['discover', '--log', emptyActivity], tmp],
  ['discover: an XES event without an activity', ['discover', '--log', xesNoActivity], tmp],
  ['discover: an OCEL log without --object', ['discover', '--log', join(logs, 'opportunities.ocel.json')], tmp],
  ['discover: --object on a CSV log', ['discover', '--log', sfHistory, '--object', 'Opportunity'], tmp],
  ['discover: --noise 2', ['discover', '--log', sfHistory, '--noise', '2'], tmp],
];

describe('errors of simulate, calibrate, conform and discover under LANG=zh_CN.UTF-8', () => {
  it.each(bad)('%s', (_what, args, cwd) => {
    const r = crmflow(args, { cwd, env: ZH });
    const output = r.stdout + r.stderr;
    expect(r.code, output).toBe(2);
    expect(r.stderr).toContain('错误');
    expect(r.stderr).toMatch(HAN);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(englishIn(output)).toEqual([]);
    expect(englishRuns(output)).toEqual([]);
  });

  it('keeps the English text under --lang en', () => {
    const r = crmflow(['discover', '--log', noActivity, '--lang', 'en'], { cwd: tmp, env: ZH });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(': the log has no activity column (looked for ');
    expect(r.stderr).toContain('name it with --map activity=COLUMN; the columns are: "case_id", "time"');
  });
});

describe('--help of simulate, calibrate, conform and discover under LANG=zh_CN.UTF-8', () => {
  it.each(['simulate', 'calibrate', 'conform', 'discover'])('%s --help', (command) => {
    const r = crmflow([command, '--help'], { env: ZH });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('示例：');
    expect(r.stdout).toContain('退出码：');
    expect(r.stdout).not.toContain('Exit codes');
    expect(englishIn(r.stdout)).toEqual([]);
    expect(englishRuns(r.stdout)).toEqual([]);
  });
});
