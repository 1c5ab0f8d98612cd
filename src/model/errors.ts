/**
 * An error that means the command could not run (exit 2): a missing file, a bad flag, a git
 * failure. It carries a hint for the user; the CLI prints it without a stack trace.
 */
export class CrmflowError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly code: string = 'usage',
  ) {
    super(message);
    this.name = 'CrmflowError';
  }
}
