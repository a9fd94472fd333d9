/**
 * The words of a refused operator dump. Each problem carries a key of
 * `locales/devices-dump-messages/` and its values, so the portal says it in the reader's language,
 * and its English text, which the API and the CLI show; that catalogue is the one source of both.
 */
import type { FieldProblem } from '../../platform/http/errors.ts';
import { englishMessagesOf, type EnglishMessageValues } from '../../platform/i18n/index.ts';

/** What is wrong, as a message key and the values it interpolates. */
export interface DumpMessage {
  /** A key of `locales/devices-dump-messages/`, such as `devices.dumpFile.line.futureDate`. */
  key: string;
  values: EnglishMessageValues;
}

/** A problem of a dump with its English `message`, and the key and values a page translates. */
export interface DumpProblem extends FieldProblem, DumpMessage {}

const english = englishMessagesOf('devices-dump-messages');

/** The message `devices.dumpFile.<name>` with its values. */
export function dumpMessage(name: string, values: EnglishMessageValues = {}): DumpMessage {
  return { key: `devices.dumpFile.${name}`, values };
}

/** The English text of a message. */
export function sayDumpMessage(message: DumpMessage): string {
  return english(message.key, message.values);
}

/** A problem of a dump's field (a column, the file, its name), on a line when it has one. */
export function dumpProblem(field: string, line: number | undefined, message: DumpMessage): DumpProblem {
  return { field, ...(line === undefined ? {} : { line }), message: sayDumpMessage(message), key: message.key, values: message.values };
}

/** Whether a problem carries a message key (a dump's) rather than English words only (a list file's). */
export function isDumpProblem(problem: FieldProblem): problem is DumpProblem {
  return 'key' in problem && typeof problem.key === 'string' && 'values' in problem;
}

/** A problem as the API sends it: field, line and the English message, nothing else. */
export function plainProblem(problem: FieldProblem): FieldProblem {
  return { field: problem.field, ...(problem.line === undefined ? {} : { line: problem.line }), message: problem.message };
}
