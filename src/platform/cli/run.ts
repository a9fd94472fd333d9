/** A command that cannot do what was asked, for a reason the person running it can fix. */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliFailure';
  }
}

/**
 * Failures that are the operator's to fix: one clear message, no stack trace. They are matched by
 * name, so that `kinga --help` and the small commands need not load the database drivers that
 * define some of them.
 */
export const EXPECTED_FAILURES: ReadonlySet<string> = new Set([
  'ConfigError',
  'DatabaseUnavailableError',
  'MigrationError',
  'KeyError',
  'JurisdictionError',
  'SqliteFileError',
  'MailerConfigError',
  'CliFailure',
  'AuditChainError',
]);

/** Answers whether an error is one of the {@link EXPECTED_FAILURES}. */
export function isExpectedFailure(error: unknown): error is Error {
  return error instanceof Error && EXPECTED_FAILURES.has(error.name);
}

/** Prints an expected failure as one sentence on stderr and exits with status 1; rethrows anything else. */
export function exitOnExpectedFailure(error: unknown): void {
  if (!isExpectedFailure(error)) throw error;
  process.stderr.write(`kinga: ${error.message}\n`);
  process.exit(1);
}
