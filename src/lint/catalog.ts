/**
 * Everything that can appear as a finding's rule id, described: the lint rules from their
 * meta, the validation ids and the engine's own. For `explain` and SARIF.
 */
import type { SarifRule } from './formatters/sarif.js';
import { ENGINE_IDS, VALIDATION_IDS } from './ids.js';
import { rules } from './rules/index.js';

/** SARIF rule descriptors for every id crmflow lint can report. */
export function sarifRules(): SarifRule[] {
  return [
    ...rules.map((r) => ({
      id: r.id,
      description: r.meta.description,
      full: r.meta.why,
      help: r.meta.fix,
      level: r.meta.defaultLevel === 'error' ? ('error' as const) : ('warning' as const),
      examples: r.meta.examples,
    })),
    ...Object.entries(VALIDATION_IDS).map(([id, description]) => ({
      id,
      description,
      full: `Validation: ${description}. Found by crmflow validate; always reported, cannot be turned off.`,
      help: 'Run crmflow validate for the details; the message says what to change.',
      level: id === 'id-file-mismatch' || id === 'undeclared-fields' ? ('warning' as const) : ('error' as const),
    })),
    ...Object.entries(ENGINE_IDS).map(([id, description]) => ({ id, description, level: id === 'unused-suppression' ? ('warning' as const) : ('error' as const) })),
  ];
}
