import type { Command } from 'commander';
import { PRESET_IDS } from '../log/presets.js';
import type { LogReadOptions } from '../log/types.js';

/** The options of every command that reads an event log: `--log`, `--map`, `--preset`, `--object`. */
export function logOptions(command: Command): Command {
  return command
    .option('--log <file>', 'the event log: .csv, .xes or OCEL 2.0 .json (any may be .gz)')
    .option('--map <pairs>', 'log columns for the fields, e.g. case=OpportunityId,activity=StageName,end=CreatedDate,resource=CreatedById')
    .option('--preset <name>', `read a CRM export as it comes: ${PRESET_IDS.join(', ')}`)
    .option('--object <type>', 'OCEL 2.0 logs: the object type whose objects are the cases, e.g. Opportunity');
}

/** The parsed log options, as `readEventLog` takes them (`--map` is parsed here, so a bad one exits 2). */
export async function logReadOptions(opts: { map?: string; preset?: string; object?: string }): Promise<LogReadOptions> {
  const { parseColumnMap } = await import('../log/columns.js');
  const options: LogReadOptions = {};
  if (opts.map !== undefined) options.map = parseColumnMap(opts.map);
  if (opts.preset !== undefined) options.preset = opts.preset;
  if (opts.object !== undefined) options.object = opts.object;
  return options;
}
