// A node:test reporter that writes one block per failed test: its file, its name and the first
// lines of its error. scripts/test.mjs runs it beside the standard reporter and prints what it
// wrote once every suite has run, so that the end of a long log says what failed.
import { relative } from 'node:path';

const ERROR_LINES = 12;

/** The first lines of a failure's cause, without the runner's wrapping. */
function describeError(error) {
  const cause = error?.cause ?? error;
  const text = cause instanceof Error ? cause.stack || cause.message : String(cause);
  return text
    .split('\n')
    .filter((line) => !/\(node:|^\s*$/.test(line))
    .slice(0, ERROR_LINES)
    .map((line) => `      ${line}`)
    .join('\n');
}

export default async function* failuresReporter(source) {
  for await (const event of source) {
    if (event.type !== 'test:fail') continue;
    const { name, file, details } = event.data;
    // A suite fails when one of its tests does: that test already has its own block.
    if (details?.error?.failureType === 'subtestsFailed') continue;
    yield `  ${file ? relative(process.cwd(), file) : '(no file)'}\n    ${name}\n${describeError(details?.error)}\n`;
  }
}
