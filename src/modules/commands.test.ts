import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleCommands } from './commands.ts';
import { modules } from './index.ts';

test('the commands `kinga` registers are those the modules declare, in the order of the modules', () => {
  assert.deepEqual(
    moduleCommands,
    modules.flatMap((module) => (module.commands === undefined ? [] : [module.commands])),
  );
});
