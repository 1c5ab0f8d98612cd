import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseCsvLog, readCsvLog } from '../../src/log/csv.js';

const LOAN_APP = fileURLToPath(new URL('../fixtures/event-logs/LoanApp_simplified_train.csv.gz', import.meta.url));
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const fromText = (text: string, map = {}) => parseCsvLog(Readable.from([text]), 'log.csv', { map });

describe('readCsvLog on LoanApp (Simod)', () => {
  it('reads 1,000 cases and 7,544 events with start and end times from the .gz', async () => {
    const log = await readCsvLog(LOAN_APP);
    // Figures from the log's README (the Simod export), not from this reader.
    expect(log.stats).toEqual({
      rows: 7544,
      cases: 1000,
      events: 7544,
      timestamps: 'start-end',
      columns: { case: 'case_id', activity: 'activity', start: 'start_time', end: 'end_time', resource: 'resource', role: 'role' },
    });
    expect(log.cases.reduce((n, c) => n + c.events.length, 0)).toBe(7544);
  });

  it('gathers a case whose rows are spread over the file, in end-time order', async () => {
    const log = await readCsvLog(LOAN_APP);
    const first = log.cases[0]!;
    expect(first.id).toBe('0');
    // Case 0's eleven rows, read off the file by hand (`zcat … | awk -F, '$1=="0"'`), sorted by end_time.
    expect(first.events.map((e) => [e.activity, iso(e.end)])).toEqual([
      ['Check application form completeness', '2023-02-09T08:05:04.420Z'],
      ['Return application back to applicant', '2023-02-09T08:10:04.420Z'],
      ['Applicant completes form', '2023-02-09T09:10:04.420Z'],
      ['Check application form completeness', '2023-02-09T09:41:38.460Z'],
      ['AML check', '2023-02-09T09:57:08.535Z'],
      ['Appraise property', '2023-02-09T09:57:32.147Z'],
      ['Check credit history', '2023-02-09T09:57:50.368Z'],
      ['Assess loan risk', '2023-02-09T10:17:50.368Z'],
      ['Design loan offer', '2023-02-09T10:37:46.696Z'],
      ['Approve loan offer', '2023-02-09T10:57:46.696Z'],
      ['Cancel application', '2023-02-09T12:02:46.696Z'],
    ]);
    expect(first.events[4]).toEqual({
      case: '0',
      activity: 'AML check',
      start: Date.UTC(2023, 1, 9, 9, 44, 3, 425),
      end: Date.UTC(2023, 1, 9, 9, 57, 8, 535),
      resource: 'AML Investigator-000001',
      role: 'AML Investigator',
    });
  });
});

describe('parseCsvLog', () => {
  it('reads a one-timestamp stage history through --map and says it has single timestamps', async () => {
    const text = 'OpportunityId,StageName,CreatedDate\nA,Qualify,2026-03-02 09:00\nB,Qualify,2026-03-02 10:00\nA,Propose,2026-03-01T12:00:00+01:00\n';
    const log = await fromText(text, { case: 'OpportunityId', activity: 'StageName', end: 'CreatedDate' });
    expect(log.stats).toMatchObject({ rows: 3, cases: 2, events: 3, timestamps: 'single' });
    // The +01:00 row is earlier, so it comes first although it is later in the file.
    expect(log.cases.map((c) => [c.id, c.events.map((e) => [e.activity, iso(e.end)])])).toEqual([
      ['A', [['Propose', '2026-03-01T11:00:00.000Z'], ['Qualify', '2026-03-02T09:00:00.000Z']]],
      ['B', [['Qualify', '2026-03-02T10:00:00.000Z']]],
    ]);
    expect(log.cases[0]!.events[0]).not.toHaveProperty('start');
  });

  it('keeps file order for events with the same end time and leaves an empty start out', async () => {
    const text = 'case,activity,start_time,end_time\n1,b,,2026-01-01T10:00:00Z\n1,a,2026-01-01T09:00:00Z,2026-01-01T10:00:00Z\n';
    const log = await fromText(text);
    expect(log.stats.timestamps).toBe('start-end');
    expect(log.cases[0]!.events).toEqual([
      { case: '1', activity: 'b', end: Date.UTC(2026, 0, 1, 10) },
      { case: '1', activity: 'a', start: Date.UTC(2026, 0, 1, 9), end: Date.UTC(2026, 0, 1, 10) },
    ]);
  });

  it('names file, line, row and column of a timestamp that is not a date (Feb 30 included)', async () => {
    // Line 4 holds data row 2: the blank line 3 is skipped but still counted.
    const text = 'case_id,activity,end_time\n1,a,2026-01-01T10:00:00Z\n\n1,b,2026-02-30T10:00:00Z\n';
    await expect(fromText(text)).rejects.toThrow('log.csv:4: row 2, column "end_time": "2026-02-30T10:00:00Z" is not a date and time: February 2026 has 28 days');
  });

  it('names the line and column of an empty case id', async () => {
    await expect(fromText('case_id,activity,end_time\n,a,2026-01-01T10:00:00Z\n')).rejects.toThrow('log.csv:2: row 1, column "case_id": the case is empty');
  });

  it('fails on a log without an activity column, naming the file', async () => {
    await expect(fromText('case_id,step,end_time\n1,a,2026-01-01T10:00:00Z\n')).rejects.toThrow('log.csv:1: the log has no activity column');
  });

  it('names the line of a row with too many fields', async () => {
    await expect(fromText('case_id,activity,end_time\n1,a,2026-01-01T10:00:00Z\n1,a,b,c\n')).rejects.toThrow(/^log\.csv:3: malformed CSV record/);
  });

  it('fails on an empty file', async () => {
    await expect(fromText('')).rejects.toThrow('log.csv: the event log is empty');
  });
});

describe('readCsvLog from disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmflow-log-'));

  it('unpacks a .gz and reads the same events as the plain file', async () => {
    const text = 'case,activity,end\nx,a,2026-01-01 08:00:00\n';
    writeFileSync(join(dir, 'l.csv'), text);
    writeFileSync(join(dir, 'l.csv.gz'), gzipSync(text));
    const plain = await readCsvLog(join(dir, 'l.csv'));
    const packed = await readCsvLog(join(dir, 'l.csv.gz'), { name: 'l.csv.gz' });
    expect(packed.cases).toEqual([{ id: 'x', events: [{ case: 'x', activity: 'a', end: Date.UTC(2026, 0, 1, 8) }] }]);
    expect(packed.cases).toEqual(plain.cases);
  });

  it('says a corrupt .gz is not gzip and a missing file cannot be read', async () => {
    writeFileSync(join(dir, 'bad.csv.gz'), 'case,activity\n');
    await expect(readCsvLog(join(dir, 'bad.csv.gz'), { name: 'bad.csv.gz' })).rejects.toThrow('bad.csv.gz: not a valid gzip file');
    await expect(readCsvLog(join(dir, 'none.csv'), { name: 'none.csv' })).rejects.toThrow('none.csv: cannot read the event log');
  });
});
