/**
 * Presets for the stage histories CRMs export, so `--preset salesforce-field-history` reads an
 * export as it comes out of the CRM. Column names are the ones each CRM's export or API uses
 * (Salesforce object reference, HubSpot's deal property history as connectors export it, Zoho's
 * stage history related list, 悟空CRM's database table); `--map` still overrides any of them.
 *
 * A stage history has one row per stage change, so the log has one timestamp per row: the
 * time a case entered the stage.
 */
import { embed, msg } from '../i18n/index.js';
import { CrmflowError } from '../model/errors.js';
import { hint } from '../model/suggest.js';
import type { LogField } from './types.js';

export interface LogPreset {
  id: string;
  /** What the export is, for `--help` and the README. */
  source: string;
  /** Candidate column names per field, best first (compared like the usual names). */
  columns: Partial<Record<LogField, readonly string[]>>;
  /** Only rows whose `column` holds one of `values` are stage changes (a field history logs every field). */
  filter?: { column: readonly string[]; values: readonly string[]; created?: readonly string[] };
  /** The column with the stage before the change: the first change's old stage becomes the case's first event. */
  previous?: readonly string[];
  /** Rows repeat the stage when other fields change (amount, close date): keep only stage changes. */
  collapseRepeats?: boolean;
}

export const PRESETS: readonly LogPreset[] = [
  {
    id: 'salesforce-field-history',
    source: 'Salesforce OpportunityFieldHistory (rows with Field = StageName; OldValue → NewValue)',
    columns: { case: ['OpportunityId', 'Opportunity ID'], activity: ['NewValue', 'New Value'], end: ['CreatedDate', 'Created Date', 'Edit Date'], resource: ['CreatedById', 'Created By ID', 'Edited By'] },
    filter: { column: ['Field', 'Changed Field'], values: ['StageName', 'Stage'], created: ['created', 'opportunityCreatedFromLead'] },
    previous: ['OldValue', 'Old Value'],
  },
  {
    id: 'salesforce-opportunity-history',
    source: 'Salesforce OpportunityHistory (one row per change of stage, amount, probability or close date)',
    columns: { case: ['OpportunityId', 'Opportunity ID'], activity: ['StageName', 'Stage Name', 'To Stage'], end: ['CreatedDate', 'Created Date', 'Last Modified'], resource: ['CreatedById', 'Created By ID', 'Last Modified By'] },
    collapseRepeats: true,
  },
  {
    id: 'hubspot-deal-stages',
    source: 'HubSpot deal property history (deals_property_history rows with property = dealstage)',
    columns: { case: ['dealId', 'deal_id', 'Record ID'], activity: ['value', 'Deal Stage'], end: ['timestamp', 'Date'], resource: ['updatedByUserId', 'sourceId', 'Updated by user ID'] },
    filter: { column: ['property', 'property_name', 'name'], values: ['dealstage'] },
    collapseRepeats: true,
  },
  {
    id: 'zoho-stage-history',
    source: 'Zoho CRM Deals stage history (the Stage History related list)',
    columns: { case: ['Deal_Id', 'Deal Id', 'Deal ID', 'POTENTIALID', 'Potential Id'], activity: ['Stage'], end: ['Modified_Time', 'Last_Modified_Time', 'Last Modified Time', 'Modified Time'], resource: ['Modified_By', 'Modified By', 'MODIFIEDBY'] },
    collapseRepeats: true,
  },
  {
    id: 'wukong-business-change',
    source: '悟空CRM wk_crm_business_change (商机阶段变化表: business_id, status_id, create_time, create_user_id)',
    columns: { case: ['business_id', '商机ID'], activity: ['status_id', '阶段ID', '阶段'], end: ['create_time', '创建时间'], resource: ['create_user_id', 'create_user', '创建人'] },
  },
];

export const PRESET_IDS = PRESETS.map((p) => p.id);

/** The preset with this id; an unknown id is a usage error that lists the presets. */
export function findPreset(id: string): LogPreset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new CrmflowError(msg('logPreset.unknown', { preset: id, hint: embed(hint(id, PRESET_IDS)) }), msg('logPreset.unknownHint', { presets: PRESET_IDS.join(', ') }), 'usage');
  return preset;
}
