import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEventLog } from '../../src/log/index.js';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const trace = (log: Awaited<ReturnType<typeof readEventLog>>) => Object.fromEntries(log.cases.map((c) => [c.id, c.events.map((e) => e.activity)]));
const utc = (text: string) => Date.parse(text);

describe('CRM presets', () => {
  it('salesforce-field-history keeps StageName changes and takes the first stage from OldValue at creation', async () => {
    const log = await readEventLog(fixture('salesforce-field-history.csv'), { preset: 'salesforce-field-history' });
    expect(trace(log)).toEqual({
      '0060X00000xYzA1': ['Prospecting', 'Qualification', 'Proposal/Price Quote', 'Closed Won'],
      '0060X00000xYzB2': ['Prospecting', 'Closed Lost'],
    });
    const a = log.cases[0]!.events;
    // The "created" row gives the first stage its time and who entered it.
    expect(a[0]).toEqual({ case: '0060X00000xYzA1', activity: 'Prospecting', end: utc('2026-07-01T09:00:00Z'), resource: '0050X000007abc1' });
    expect(a[2]).toEqual({ case: '0060X00000xYzA1', activity: 'Proposal/Price Quote', end: utc('2026-07-08T14:00:00Z'), resource: '0050X000007abc2' });
    expect(log.stats).toMatchObject({ rows: 8, cases: 2, events: 6, timestamps: 'single', preset: 'salesforce-field-history' });
    expect(log.stats.columns).toEqual({ case: 'OpportunityId', activity: 'NewValue', end: 'CreatedDate', resource: 'CreatedById' });
  });

  it('salesforce-opportunity-history drops rows where only the amount changed', async () => {
    const log = await readEventLog(fixture('salesforce-opportunity-history.csv'), { preset: 'salesforce-opportunity-history' });
    expect(trace(log)).toEqual({ '0060X00000xYzA1': ['Prospecting', 'Qualification', 'Closed Won'] });
    expect(log.cases[0]!.events[1]!.end).toBe(utc('2026-07-03T10:30:00Z'));
  });

  it('hubspot-deal-stages keeps dealstage rows of the property history', async () => {
    const log = await readEventLog(fixture('hubspot-deal-stages.csv'), { preset: 'hubspot-deal-stages' });
    expect(trace(log)).toEqual({
      '9876543210': ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'closedwon'],
      '9876543211': ['appointmentscheduled', 'closedlost'],
    });
    expect(log.cases[0]!.events[3]!.resource).toBe('4412');
    expect(log.cases[1]!.events[0]!.resource).toBeUndefined();
  });

  it('zoho-stage-history reads the stage history related list, repeats collapsed', async () => {
    const log = await readEventLog(fixture('zoho-stage-history.csv'), { preset: 'zoho-stage-history' });
    expect(trace(log)).toEqual({ '4876876000000624001': ['Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Closed Won'] });
    expect(log.cases[0]!.events[0]).toEqual({ case: '4876876000000624001', activity: 'Qualification', end: utc('2026-07-01T01:00:00Z'), resource: 'Li Wei' });
  });

  it('wukong-business-change reads wk_crm_business_change (stage ids as activities)', async () => {
    const log = await readEventLog(fixture('wk_crm_business_change.csv'), { preset: 'wukong-business-change' });
    expect(trace(log)).toEqual({ '1001': ['1', '2', '3'], '1002': ['1', '2'] });
    expect(log.cases[0]!.events[2]).toEqual({ case: '1001', activity: '3', end: utc('2026-07-08T14:00:00Z'), resource: '14774' });
  });

  it('--map overrides a preset column', async () => {
    const log = await readEventLog(fixture('hubspot-deal-stages.csv'), { preset: 'hubspot-deal-stages', map: { resource: 'sourceType' } });
    expect(log.cases[0]!.events[0]!.resource).toBe('CRM_UI');
  });

  it('names the presets for an unknown one, and needs the Field column of a field history', async () => {
    await expect(readEventLog(fixture('hubspot-deal-stages.csv'), { preset: 'salesforce' })).rejects.toThrow(/unknown --preset "salesforce"/);
    await expect(readEventLog(fixture('salesforce-opportunity-history.csv'), { preset: 'salesforce-field-history' })).rejects.toThrow(/needs the column "Field"/);
  });
});

describe('OCEL 2.0 JSON', () => {
  it('flattens on the object type named by --object; an event of two opportunities counts in both', async () => {
    const log = await readEventLog(fixture('opportunities.ocel.json'), { object: 'Opportunity' });
    expect(trace(log)).toEqual({ 'opp-1': ['Qualify', 'Send quote', 'Close won'], 'opp-2': ['Qualify', 'Send quote'] });
    expect(log.cases[0]!.events[1]).toEqual({ case: 'opp-1', activity: 'Send quote', end: utc('2026-07-03T10:00:00Z'), resource: 'zhang.min' });
    expect(log.stats).toMatchObject({ rows: 4, cases: 2, events: 5, timestamps: 'single' });
  });

  it('asks for --object when the log has several object types, and suggests a close one', async () => {
    await expect(readEventLog(fixture('opportunities.ocel.json'))).rejects.toThrow(/2 object types/);
    await expect(readEventLog(fixture('opportunities.ocel.json'), { object: 'Opportunty' })).rejects.toThrow(/did you mean "Opportunity"|Opportunity/);
  });

  it('refuses --object on a CSV log and --preset on OCEL', async () => {
    await expect(readEventLog(fixture('zoho-stage-history.csv'), { object: 'Opportunity' })).rejects.toThrow(/--object applies to OCEL 2.0 logs only/);
    await expect(readEventLog(fixture('opportunities.ocel.json'), { preset: 'zoho-stage-history' })).rejects.toThrow(/--preset reads CSV exports only/);
  });
});
