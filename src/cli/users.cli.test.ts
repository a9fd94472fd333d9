import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { createCommandRunner } from '../../test/helpers/command-runner.ts';
import { openTestDatabases, type TestDatabase } from '../../test/helpers/db.ts';
import { addOperators, OPERATOR_REGISTER_MODULES, operatorRegisterMigrations } from '../../test/helpers/operators.ts';
import { createTestPlatform } from '../../test/helpers/platform.ts';
import { buildStaffAccount } from '../../test/helpers/staff.ts';
import { registerUserCommands } from './users.cli.ts';
import { CliFailure } from '../platform/cli/run.ts';

const databases = openTestDatabases(operatorRegisterMigrations());

/** Runs the users and tokens commands on a fresh database, with `env` and the answers `typed` at the prompt. */
async function usersCommands(database: TestDatabase, env: Record<string, string | undefined> = {}, typed: Array<string | undefined> = []) {
  const platform = await createTestPlatform(await database.fresh(), { modules: OPERATOR_REGISTER_MODULES });
  await addOperators(platform, ['OP-1']);
  return createCommandRunner(platform, (program, io) => registerUserCommands(program, { ...io, env, askSecret: async () => typed.shift() }));
}

/** The same commands, with the platform they run on, to add accounts in between. */
async function usersCommandsWithPlatform(database: TestDatabase) {
  const platform = await createTestPlatform(await database.fresh(), { modules: OPERATOR_REGISTER_MODULES });
  await addOperators(platform, ['OP-TEST-1']);
  return { platform, ...createCommandRunner(platform, (program, io) => registerUserCommands(program, { ...io, env: {}, askSecret: async () => undefined })) };
}

for (const database of databases.all) {
  test(`create-admin takes the password from KINGA_ADMIN_PASSWORD, then list, tokens create, reset-mfa and disable work on it [${database.dialect}]`, async () => {
    const { run } = await usersCommands(database, { KINGA_ADMIN_PASSWORD: 'a long admin password' });
    const created = await run('users', 'create-admin', '--email', 'Root@Example.org', '--name', 'Root Admin');
    assert.match(created, /Created administrator [0-9a-f-]{36} \(root@example\.org\)/);
    assert.doesNotMatch(created, /a long admin password/);
    assert.doesNotMatch(created, /Temporary password/);

    const list = await run('users', 'list');
    const id = /^([0-9a-f-]{36})\s+admin\s+-\s+active\s+no-totp\s+never\s+root@example\.org$/m.exec(list)?.[1];
    assert.ok(id, list);

    const token = await run(
      'tokens',
      'create',
      '--name',
      'Nightly upload',
      '--operator',
      'OP-1',
      '--permission',
      'offers:write',
      'devices:upload',
      '--created-by',
      id,
    );
    assert.match(token, /for OP-1 with devices:upload, offers:write/);
    assert.match(token, /^kinga_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/m);
    // Issue 13 item 15 (class): an operator that is not in the register is refused, naming the option.
    await assert.rejects(
      run('tokens', 'create', '--name', 'Nowhere', '--operator', 'OP-NOWHERE', '--permission', 'offers:write', '--created-by', id),
      (error: unknown) =>
        error instanceof CliFailure &&
        /--operator: There is no operator with this id in the register; add the operator first, or check the id \(kinga operators add <licence-id> --name <name> adds one\)/.test(
          error.message,
        ),
    );

    assert.match(await run('users', 'reset-mfa', id), /Reset the authenticator/);
    assert.match(await run('users', 'disable', id), /Disabled account/);
    assert.match(await run('users', 'list'), /disabled/);
    await assert.rejects(run('users', 'disable', 'no-such-id'), (error: unknown) => error instanceof CliFailure && /USER_NOT_FOUND/.test(error.message));
  });

  test(`tokens create on behalf of an operator agent gives only the permissions and the operator of that agent [${database.dialect}]`, async () => {
    const { run, platform } = await usersCommandsWithPlatform(database);
    const agent = await buildStaffAccount(platform, { role: 'operator_agent', operatorId: 'OP-TEST-1' });
    await assert.rejects(
      run('tokens', 'create', '--name', 'Subscribers', '--operator', 'OP-TEST-1', '--permission', 'complaints:subscribers', '--created-by', agent.id),
      (error: unknown) =>
        error instanceof CliFailure && /--permission: Your role cannot give a token the permission complaints:subscribers/.test(error.message),
    );
    await assert.rejects(
      run('tokens', 'create', '--name', 'Rival', '--operator', 'OP-RIVAL', '--permission', 'offers:write', '--created-by', agent.id),
      (error: unknown) => error instanceof CliFailure && /only for your own operator/.test(error.message),
    );
    assert.match(await run('tokens', 'create', '--name', 'Ours', '--permission', 'offers:write', '--created-by', agent.id), /for OP-TEST-1 with offers:write/);
  });

  test(`create-admin generates and prints a temporary password when there is no terminal and no variable [${database.dialect}]`, async () => {
    const { run } = await usersCommands(database, {}, [undefined]);
    const output = await run('users', 'create-admin', '--email', 'root@example.org', '--name', 'Root');
    assert.match(output, /Temporary password \(shown once; it must be replaced at first sign-in\): [a-z2-9]{5}(-[a-z2-9]{5}){3}/);
    await assert.rejects(
      run('users', 'create-admin', '--email', 'root@example.org', '--name', 'Root'),
      (error: unknown) => error instanceof CliFailure && /exists already/.test(error.message),
    );
  });

  test(`create-admin asks twice on a terminal and refuses two different answers [${database.dialect}]`, async () => {
    const { run } = await usersCommands(database, {}, ['first long password', 'second long password', 'the chosen password', 'the chosen password']);
    await assert.rejects(run('users', 'create-admin', '--email', 'a@example.org', '--name', 'A'), /not the same/);
    const output = await run('users', 'create-admin', '--email', 'a@example.org', '--name', 'A');
    assert.match(output, /Created administrator/);
    assert.doesNotMatch(output, /Temporary password/);
  });
}

test('every users and tokens command has help text', () => {
  const program = new Command('kinga');
  registerUserCommands(program);
  const group = (name: string) => program.commands.find((c) => c.name() === name);
  for (const [parent, names] of [
    ['users', ['create-admin', 'list', 'disable', 'reset-mfa']],
    ['tokens', ['create']],
  ] as const) {
    const command = group(parent);
    assert.ok(command?.description(), parent);
    for (const name of names) assert.ok(command?.commands.find((c) => c.name() === name)?.description(), `${parent} ${name}`);
  }
});
