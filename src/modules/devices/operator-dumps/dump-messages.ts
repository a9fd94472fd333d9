/**
 * The words of a refused operator dump. Each problem carries a key of
 * `operator-dumps/locales/` and its values, so the portal says it in the reader's language,
 * and its English text, which the API and the CLI show; that catalogue is the one source of both.
 */
import type { FieldProblem, KeyedProblem } from '../../../platform/http/errors.ts';
import { englishMessagesOf, termValue, type EnglishMessageValues } from '../../../platform/i18n/index.ts';
import { devicesProblem } from '../device-messages.ts';
import type { DumpCheck } from './dump-checks.ts';

/** The catalogue beside this code: its English words are what the API and the command line say. */
const CATALOGUE = new URL('./locales/', import.meta.url);

/** What is wrong, as a message key and the values it interpolates. */
export interface DumpMessage {
  /** A key of `operator-dumps/locales/`, such as `devices.dumpFile.line.futureDate`. */
  key: string;
  values: EnglishMessageValues;
}

/** A problem of a dump with its English `message`, and the key and values a page translates. */
export interface DumpProblem extends FieldProblem, DumpMessage {}

const english = englishMessagesOf(CATALOGUE);

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

/** Whether a problem carries a message key (a dump's, a list file's) rather than words only. */
export function isDumpProblem(problem: FieldProblem): problem is DumpProblem {
  return 'key' in problem && typeof problem.key === 'string' && 'values' in problem;
}

/**
 * A failed check of a dump as a problem of the API's answer, named by the check's code: what was
 * measured against its limit, said in the reader's language with the check's own name (the
 * portal's table names it the same way).
 */
export function checkProblem(check: DumpCheck): KeyedProblem {
  const name = termValue(`devices.dumps.check.${check.code}`);
  if (check.unit === 'none' || check.measured === null || check.limit === null)
    return devicesProblem(CATALOGUE, check.code, undefined, 'devices.dumps.problem.checkFailed', { check: name });
  const values = { check: name, measured: check.measured, limit: check.limit };
  if (check.unit === 'rows') return devicesProblem(CATALOGUE, check.code, undefined, 'devices.dumps.problem.checkRows', values);
  // A volume drop is a floor: the day's rows must reach a share of the earlier dumps'.
  return devicesProblem(
    CATALOGUE,
    check.code,
    undefined,
    check.code === 'volumeDrop' ? 'devices.dumps.problem.checkAtLeast' : 'devices.dumps.problem.checkAtMost',
    values,
  );
}
