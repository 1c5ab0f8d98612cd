/**
 * Finding ids that are not lint rules: the validation errors of DESIGN §6 and the engine's
 * own. Suppressions may name them; SARIF describes them.
 */
export const VALIDATION_IDS: Readonly<Record<string, string>> = {
  'branch-order': 'a decision whose else branch is not last, or has more than one',
  'cel-syntax': 'a condition that is not valid CEL',
  'control-character': 'a control character (U+0000–U+001F, U+007F–U+009F) in a name, id or text',
  'duplicate-id': 'a process or step id used twice',
  'empty-file': 'an empty process file',
  encoding: 'a file that is not UTF-8',
  'file-too-large': 'a file too large to be a process',
  'invalid-duration': 'a duration or distribution that cannot happen (min above max, p90 below the median, zero mean)',
  'id-file-mismatch': 'a process id that does not match its file name',
  'join-mismatch': 'a parallel whose join is not a join step',
  'probability-sum': 'branch or exception probabilities that do not add up',
  'ref-cycle': 'processes that call or refine each other in a circle',
  schema: 'a value the file format does not allow',
  'type-mismatch': 'a condition that combines or compares field types CEL has no operator for (int + double, bool == string)',
  'undeclared-fields': 'conditions or templates that read case fields while crmflow.yaml declares no fields: (a warning)',
  'unknown-calendar': 'a calendar that is not declared',
  'unknown-enum-value': 'an enum field compared with a value outside its values',
  'unknown-field': 'a condition or action template that reads a field not declared under fields:',
  'unknown-process': 'a reference to a process that does not exist',
  'unknown-role': 'a role that is not declared',
  'unknown-step': 'a reference to a step that does not exist',
  'yaml-syntax': 'a file that is not valid YAML',
};

/** Findings the lint engine itself produces. */
export const ENGINE_IDS: Readonly<Record<string, string>> = {
  'invalid-suppression': 'a crmflow-disable-next-line comment that is malformed or names an unknown rule',
  'lint-config': 'a problem in the lint section of crmflow.yaml',
  'rule-error': 'a lint rule that failed while running (a bug in crmflow)',
  'unused-suppression': 'a crmflow-disable-next-line comment that hides nothing',
};
