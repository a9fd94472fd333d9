import { buildCli } from './program.ts';
import { exitOnExpectedFailure } from './run.ts';

export { buildCli } from './program.ts';
export { run, CliFailure, EXPECTED_FAILURES } from './run.ts';

try {
  await buildCli().parseAsync(process.argv);
} catch (error) {
  exitOnExpectedFailure(error);
}
