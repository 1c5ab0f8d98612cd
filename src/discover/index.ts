/**
 * Discovery: a draft process from an event log (`crmflow discover`). The miner (tree.ts) finds
 * the structure; draft.ts turns it into steps, roles and durations; this file writes the YAML.
 */
import { Document } from 'yaml';
import type { Discovery } from './draft.js';

export { discoverProcess, fitDuration, quantile, slug, type Discovery, type DiscoverOptions, type DiscoverNote, type DiscoveredActivity } from './draft.js';
export { directlyFollows, filterDfg, mineTree, type Dfg, type Tree, type Variant } from './tree.js';

/** The YAML text of a drafted process: the schema comment and what to review on top. */
export function draftYaml(discovery: Discovery, options: { schemaPath: string }): string {
  const doc = new Document(discovery.process);
  const lines = [`yaml-language-server: $schema=${options.schemaPath}`, '', 'A draft by crmflow discover: review names, roles and durations before relying on it.'];
  const warnings = discovery.notes.filter((n) => n.severity === 'warning');
  if (warnings.length > 0) {
    lines.push('Ambiguous in the data (check these):');
    for (const w of warnings) lines.push(`- ${w.step ? `${w.step}: ` : ''}${w.message}`);
  }
  doc.commentBefore = lines.map((l) => (l ? ` ${l}` : '')).join('\n');
  return doc.toString({ lineWidth: 0 });
}
