import { describe, expect, it } from 'vitest';
import { parseColumnMap, resolveColumns } from '../../src/log/columns.js';
import { CrmflowError } from '../../src/model/errors.js';

describe('parseColumnMap', () => {
  it('reads field=column pairs, trimming spaces and keeping the column name as written', () => {
    expect(parseColumnMap('case=OpportunityId, activity=StageName,end=CreatedDate,resource=CreatedById')).toEqual({
      case: 'OpportunityId',
      activity: 'StageName',
      end: 'CreatedDate',
      resource: 'CreatedById',
    });
  });

  it('keeps an "=" inside the column name and accepts an upper-case field', () => {
    expect(parseColumnMap('CASE=a=b')).toEqual({ case: 'a=b' });
  });

  it.each([
    ['case', /"case" has no "="/],
    ['csae=Id', /unknown field "csae"; did you mean "case"\?/],
    ['case=', /"case=" names no column/],
    ['case=A,case=B', /gives the field "case" twice/],
  ])('rejects %j', (text, message) => {
    expect(() => parseColumnMap(text)).toThrow(CrmflowError);
    expect(() => parseColumnMap(text)).toThrow(message);
  });
});

describe('resolveColumns', () => {
  it('recognises the usual names of pm4py and XES exports, whatever their case and spacing', () => {
    const header = ['Case ID', 'concept:name', 'time:timestamp', 'org:resource', 'extra'];
    expect(resolveColumns(header, {}, 'log.csv')).toEqual({
      index: { case: 0, activity: 1, end: 2, resource: 3 },
      columns: { case: 'Case ID', activity: 'concept:name', end: 'time:timestamp', resource: 'org:resource' },
    });
  });

  it('takes start_time and end_time as the two times of a row', () => {
    const { index } = resolveColumns(['case_id', 'activity', 'start_time', 'end_time', 'role'], {}, 'log.csv');
    expect(index).toEqual({ case: 0, activity: 1, start: 2, end: 3, role: 4 });
  });

  it('uses a lone start column as the one timestamp', () => {
    expect(resolveColumns(['case', 'activity', 'start_timestamp'], {}, 'log.csv').index).toEqual({ case: 0, activity: 1, end: 2 });
  });

  it('prefers the mapped column and does not take a mapped column again by its usual name', () => {
    const header = ['case', 'OpportunityId', 'StageName', 'CreatedDate'];
    // "case" is a usual case name, but the user mapped it to the activity.
    const { index } = resolveColumns(header, { case: 'OpportunityId', activity: 'case', end: 'createddate' }, 'log.csv');
    expect(index).toEqual({ case: 1, activity: 0, end: 3 });
  });

  it('names the file, line 1 and the missing mapped column with a suggestion', () => {
    expect(() => resolveColumns(['OpportunityId', 'StageName', 'CreatedDate'], { case: 'OpportunityID2' }, 'h.csv')).toThrow(
      'h.csv:1: --map case=OpportunityID2, but the header has no column "OpportunityID2"; did you mean "OpportunityId"?',
    );
  });

  it.each([
    [['activity', 'end_time'], /h\.csv:1: the log has no case column/],
    [['case_id', 'end_time'], /h\.csv:1: the log has no activity column/],
    [['case_id', 'activity'], /h\.csv:1: the log has no timestamp column/],
  ])('fails without a required column: %j', (header, message) => {
    expect(() => resolveColumns(header, {}, 'h.csv')).toThrow(message);
  });
});
