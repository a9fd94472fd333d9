import { buildCli } from './program.ts';
import { exitOnExpectedFailure } from '../platform/cli/run.ts';

try {
  await buildCli().parseAsync(process.argv);
} catch (error) {
  exitOnExpectedFailure(error);
}
