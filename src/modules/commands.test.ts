import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleCommands } from './commands.ts';
import { moduleSettings } from './settings.ts';
import { modules } from './index.ts';

test('the commands `kinga` registers are those the modules declare, in the order of the modules', () => {
  assert.deepEqual(
    moduleCommands,
    modules.flatMap((module) => (module.commands === undefined ? [] : [module.commands])),
  );
});

test('the settings listed for the profile schema are those the modules declare, in the order of the modules', () => {
  assert.deepEqual(
    moduleSettings,
    modules.flatMap((module) => (module.settings === undefined ? [] : [module.settings])),
  );
});
