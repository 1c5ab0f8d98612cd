import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseXesLog, readXesLog } from '../../src/log/xes.js';

const RUNNING = fileURLToPath(new URL('../fixtures/event-logs/running-example.xes', import.meta.url));
const fromText = (text: string, map = {}) => parseXesLog(Readable.from([text]), 'log.xes', { map });
const xes = (traces: string) => `<?xml version="1.0" encoding="UTF-8" ?>\n<log xes.version="1.0">\n${traces}\n</log>\n`;

/** pm4js's own XES importer (a DOM parser), the reference for what the log holds. */
function pm4jsTraces(path: string): Array<{ id: string; events: Array<[string, string, number]> }> {
  const require = createRequire(import.meta.url);
  // Only the XES importer: the whole of pm4js keeps handles open that stop the test run from ending.
  require('pm4js/pm4js/objects/log/importer/xes/importer.js');
  const g = globalThis as unknown as { XesImporter: { apply(xml: string): { traces: Array<{ attributes: Record<string, { value: unknown }>; events: Array<{ attributes: Record<string, { value: unknown }> }> }> } } };
  return g.XesImporter.apply(readFileSync(path, 'utf8')).traces.map((t) => ({
    id: String(t.attributes['concept:name']!.value),
    events: t.events.map((e) => [String(e.attributes['concept:name']!.value), String(e.attributes['org:resource']!.value), (e.attributes['time:timestamp']!.value as Date).getTime()]),
  }));
}

describe('readXesLog on the running example (pm4js)', () => {
  it('reads the 6 cases with the events pm4js reads, per case', async () => {
    const log = await readXesLog(RUNNING);
    expect(log.stats).toMatchObject({ rows: 42, cases: 6, events: 42, timestamps: 'single' });
    const reference = pm4jsTraces(RUNNING);
    expect(reference).toHaveLength(6);
    // The running example's events are in time order in the file, so sorting keeps pm4js's order.
    expect(log.cases.map((c) => ({ id: c.id, events: c.events.map((e) => [e.activity, e.resource, e.end]) }))).toEqual(reference);
    expect(log.cases.map((c) => c.events.length)).toEqual([9, 5, 5, 5, 13, 5]);
  });
});

describe('parseXesLog', () => {
  it('pairs lifecycle start and complete into one event and skips nested attributes', async () => {
    const text = xes(`<trace><string key="concept:name" value="T1"/>
  <event><string key="concept:name" value="review"/><string key="lifecycle:transition" value="start"/><date key="time:timestamp" value="2026-01-01T09:00:00Z"/></event>
  <event><string key="concept:name" value="call"/><date key="time:timestamp" value="2026-01-01T09:30:00+01:00"/>
    <list key="people"><string key="concept:name" value="not the activity"/></list></event>
  <event><string key="concept:name" value="review"/><string key="lifecycle:transition" value="complete"/><date key="time:timestamp" value="2026-01-01T10:00:00Z"/><string key="org:role" value="Legal"/></event>
  <event><string key="concept:name" value="sign"/><string key="lifecycle:transition" value="start"/><date key="time:timestamp" value="2026-01-01T11:00:00Z"/></event>
</trace>`);
    const log = await fromText(text);
    expect(log.stats).toMatchObject({ rows: 4, cases: 1, events: 2, timestamps: 'start-end' });
    expect(log.cases).toEqual([
      {
        id: 'T1',
        events: [
          { case: 'T1', activity: 'call', end: Date.UTC(2026, 0, 1, 8, 30) },
          { case: 'T1', activity: 'review', start: Date.UTC(2026, 0, 1, 9), end: Date.UTC(2026, 0, 1, 10), role: 'Legal' },
        ],
      },
    ]);
  });

  it('reads other attribute keys through --map', async () => {
    const text = xes(`<trace><string key="id" value="7"/><event><string key="Activity" value="a"/><date key="start" value="2026-01-01T09:00:00Z"/><date key="time:timestamp" value="2026-01-01T10:00:00Z"/></event></trace>`);
    const log = await fromText(text, { case: 'id', activity: 'Activity', start: 'start' });
    expect(log.cases).toEqual([{ id: '7', events: [{ case: '7', activity: 'a', start: Date.UTC(2026, 0, 1, 9), end: Date.UTC(2026, 0, 1, 10) }] }]);
  });

  it('names line and column of an event without an activity and of a bad date', async () => {
    const noName = xes(`<trace><string key="concept:name" value="1"/>\n  <event><date key="time:timestamp" value="2026-01-01T10:00:00Z"/></event></trace>`);
    await expect(fromText(noName)).rejects.toThrow('log.xes:4:3: the event has no "concept:name" attribute');
    const badDate = xes(`<trace><string key="concept:name" value="1"/><event><string key="concept:name" value="a"/>\n<date key="time:timestamp" value="yesterday"/></event></trace>`);
    await expect(fromText(badDate)).rejects.toThrow('log.xes:4:1: time:timestamp "yesterday" is not a date and time');
  });

  it('fails on a trace without a case id, broken XML and a file that is not XES', async () => {
    await expect(fromText(xes('<trace></trace>'))).rejects.toThrow('log.xes:3:1: the trace has no "concept:name" attribute');
    await expect(fromText('<log><trace>')).rejects.toThrow(/^log\.xes: not well-formed XML/);
    await expect(fromText('<root/>')).rejects.toThrow('log.xes: not an XES log (no <log> element)');
  });

  it('reads a .xes.gz from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crmflow-xes-'));
    writeFileSync(join(dir, 'l.xes.gz'), gzipSync(readFileSync(RUNNING)));
    expect((await readXesLog(join(dir, 'l.xes.gz'))).stats.events).toBe(42);
  });
});
