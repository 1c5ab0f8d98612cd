import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readEventLog } from '../../src/log/index.js';

describe('readEventLog', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crmflow-read-'));
  const csv = 'case,activity,time:timestamp\nc1,Qualify,2026-01-01T09:00:00Z\n';
  const xes = '<log><trace><string key="concept:name" value="c1"/><event><string key="concept:name" value="Qualify"/><date key="time:timestamp" value="2026-01-01T09:00:00Z"/></event></trace></log>';
  const expected = [{ id: 'c1', events: [{ case: 'c1', activity: 'Qualify', end: Date.UTC(2026, 0, 1, 9) }] }];

  it.each([
    ['l.csv', csv],
    ['L.CSV.GZ', gzipSync(csv)],
    ['l.xes', xes],
    ['l.xes.gz', gzipSync(xes)],
  ])('reads %s by its extension', async (file, bytes) => {
    writeFileSync(join(dir, file), bytes);
    expect((await readEventLog(join(dir, file))).cases).toEqual(expected);
  });

  it('refuses an extension it cannot read, naming it', async () => {
    await expect(readEventLog('log.txt')).rejects.toThrow('log.txt: cannot read an event log with the extension ".txt"');
  });
});
