import { Option, type Command } from 'commander';
import type { AuthService, FieldIssue } from '../platform/auth/index.ts';
import { MIN_PASSWORD_LENGTH } from '../platform/auth/password.ts';
import { PERMISSIONS } from '../platform/auth/permissions.ts';
import type { Platform } from '../platform/platform.ts';
import { withPlatform, type CommandIo } from '../platform/cli/command-io.ts';
import { defaultCommandIo } from './default-io.ts';
import { CliFailure } from '../platform/cli/run.ts';

/** Where the users and tokens commands write and read; tests replace it. */
export interface UserCommandIo extends CommandIo {
  env: Record<string, string | undefined>;
  /** Asks for a secret without echoing it; undefined when there is no terminal to ask on. */
  askSecret(question: string): Promise<string | undefined>;
}

const SYSTEM = { kind: 'system' } as const;

/** Registers `kinga users ...` and `kinga tokens ...`. */
export function registerUserCommands(program: Command, io: UserCommandIo = defaultIo()): void {
  const users = program.command('users').description('Manage staff accounts (administrators, officers, operator agents, association representatives).');

  users
    .command('create-admin')
    .description('Create a regulator administrator, such as the first one after installation.')
    .requiredOption('--email <email>', 'the e-mail address the administrator signs in with')
    .requiredOption('--name <name>', 'the name shown on pages and in the account list')
    .addHelpText(
      'after',
      [
        '',
        'The password is read, in this order, from:',
        '  - the KINGA_ADMIN_PASSWORD environment variable;',
        '  - a prompt, when run in a terminal;',
        '  - otherwise a password is generated, printed once, and must be replaced at first sign-in.',
        `Passwords have at least ${MIN_PASSWORD_LENGTH} characters. At first sign-in the administrator sets up an authenticator app.`,
      ].join('\n'),
    )
    .action((options: { email: string; name: string }) =>
      withService(io, async (service, platform) => {
        let password = io.env['KINGA_ADMIN_PASSWORD'] || undefined;
        if (password === undefined) {
          const typed = await io.askSecret(`Password for ${options.email} (at least ${MIN_PASSWORD_LENGTH} characters, empty to generate one): `);
          if (typed !== undefined && typed !== '') {
            const again = await io.askSecret('The same password again: ');
            if (again !== typed) throw new CliFailure('The two passwords are not the same; nothing was created.');
            password = typed;
          }
        }
        const outcome = await service.createAdministrator({ email: options.email, displayName: options.name, password });
        if (!outcome.ok) throw new CliFailure(describeIssues(platform, outcome.issues, ADMIN_OPTIONS));
        const { account } = outcome.value;
        io.out(`Created administrator ${account.id} (${account.email}).\n`);
        if (outcome.value.isGenerated) {
          io.out(`Temporary password (shown once; it must be replaced at first sign-in): ${outcome.value.password}\n`);
        }
        io.out(`Sign in at ${platform.config.publicUrl}/staff/sign-in; the first sign-in sets up the authenticator app.\n`);
      }),
    );

  users
    .command('list')
    .description('List every account: id, role, operator, status, authenticator and last sign-in.')
    .action(() =>
      withService(io, async (service) => {
        const accounts = await service.listAccounts(SYSTEM);
        if (accounts.length === 0) {
          io.out('No accounts yet. Create the first administrator with `kinga users create-admin`.\n');
          return;
        }
        const rows = accounts.map((a) => [
          a.id,
          a.role,
          a.operatorId ?? '-',
          a.isActive ? 'active' : 'disabled',
          a.hasMfa ? 'totp' : 'no-totp',
          a.lastLoginAt ?? 'never',
          a.email,
        ]);
        io.out(table([['ID', 'ROLE', 'OPERATOR', 'STATUS', 'MFA', 'LAST SIGN-IN', 'E-MAIL'], ...rows]));
      }),
    );

  users
    .command('disable')
    .description('Disable an account and end its sessions; its API tokens keep working until revoked.')
    .argument('<id>', 'the account id, as `kinga users list` shows it')
    .action((id: string) =>
      withService(io, async (service) => {
        await service.disableAccount(SYSTEM, id);
        io.out(`Disabled account ${id}.\n`);
      }),
    );

  users
    .command('reset-mfa')
    .description('Forget the authenticator of an account (a lost phone); its next sign-in sets up a new one.')
    .argument('<id>', 'the account id, as `kinga users list` shows it')
    .action((id: string) =>
      withService(io, async (service) => {
        await service.resetMfa(SYSTEM, id);
        io.out(`Reset the authenticator of account ${id}; its sessions were ended.\n`);
      }),
    );

  const tokens = program.command('tokens').description('Manage API tokens for uploads and machine access.');
  tokens
    .command('create')
    .description('Issue an API token and print it once; only its hash is kept.')
    .requiredOption('--name <name>', 'what the token is for, such as "Nightly offer upload"')
    .option('--operator <id>', 'the operator the token acts for (omit for a token of the regulator)')
    .addOption(new Option('--permission <permission...>', 'a permission the token carries (repeatable)').choices([...PERMISSIONS]).makeOptionMandatory())
    .requiredOption('--created-by <userId>', "the account recorded as the token's creator")
    .option('--expires-days <days>', 'days until the token stops working (default: until revoked)')
    .action((options: { name: string; operator?: string; permission: string[]; createdBy: string; expiresDays?: string }) =>
      withService(io, async (service, platform) => {
        const outcome = await service.createToken(SYSTEM, {
          name: options.name,
          operatorId: options.operator ?? '',
          permissions: options.permission,
          expiresInDays: options.expiresDays ?? '',
          createdBy: options.createdBy,
        });
        if (!outcome.ok) throw new CliFailure(describeIssues(platform, outcome.issues, TOKEN_OPTIONS));
        const { token, plaintext } = outcome.value;
        io.out(`Created token ${token.id} for ${token.operatorId ?? 'the regulator'} with ${token.permissions.join(', ')}.\n`);
        io.out(`Token (shown once; store it in the uploading system's secrets):\n${plaintext}\n`);
      }),
    );
}

function withService(io: UserCommandIo, work: (service: AuthService, platform: Platform) => Promise<void>): Promise<void> {
  return withPlatform(io, async (platform) => {
    const { createAuthServiceFor } = await import('../platform/auth/index.ts');
    await work(createAuthServiceFor(platform), platform);
  });
}

/** The option of `users create-admin` that carries each field of the account form (the password has none: KINGA_ADMIN_PASSWORD or the prompt). */
const ADMIN_OPTIONS: Readonly<Record<string, string>> = { email: '--email', displayName: '--name', password: 'password' };

/** The option of `tokens create` that carries each field of the token form. */
const TOKEN_OPTIONS: Readonly<Record<string, string>> = {
  name: '--name',
  operatorId: '--operator',
  permissions: '--permission',
  expiresInDays: '--expires-days',
  createdBy: '--created-by',
};

/** What a person at the terminal can do about a problem, where the page's words point elsewhere. */
const COMMAND_HINTS: Readonly<Record<string, string>> = {
  'staff.users.operatorUnknown': 'kinga operators add <licence-id> --name <name> adds one',
};

function describeIssues(platform: Platform, issues: readonly FieldIssue[], options: Readonly<Record<string, string>> = {}): string {
  const t = platform.catalogs.translator('en');
  return issues
    .map((i) => {
      const hint = COMMAND_HINTS[i.messageKey];
      return `${options[i.field] ?? i.field}: ${t(i.messageKey, i.values)}${hint === undefined ? '' : ` (${hint})`}`;
    })
    .join('; ');
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((r) => (r[column] ?? '').length))) ?? [];
  return rows
    .map(
      (r) =>
        `${r
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
    )
    .join('');
}

function defaultIo(): UserCommandIo {
  return { ...defaultCommandIo(), env: process.env, askSecret };
}

/** Reads a line from the terminal with echo off; undefined when stdin is not a terminal. */
function askSecret(question: string): Promise<string | undefined> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.resolve(undefined);
  process.stdout.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const finish = (result: string | undefined, error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stdout.write('\n');
      if (error) reject(error);
      else resolve(result);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish(value);
        if (char === '\u0003') return finish(undefined, new CliFailure('Cancelled.'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
      return undefined;
    };
    input.on('data', onData);
  });
}
