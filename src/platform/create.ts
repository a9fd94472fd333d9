import { resolve } from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import { ConfigError, type Config } from '../config.ts';
import { createClock, type Clock } from './clock.ts';
import {
  createPlatformMigrations,
  mergeMigrations,
  migrateToLatest,
  openDatabase,
  type Db,
  type Migrations,
  type PlatformMigrationOptions,
} from './db/index.ts';
import { uuidv7, type IdGenerator } from './ids.ts';
import { createKeyring, loadKeyMaterial, type Keyring } from './crypto/index.ts';
import { loadCatalogs, missingMessages, type Catalogs } from './i18n/index.ts';
import { auditChainKey, createAuditLog } from './audit/index.ts';
import { createJobQueue } from './jobs/index.ts';
import { createMailer, createSendLimiter, registerEmailJob, type Mailer } from './notify/index.ts';
import { registerMaintenanceJob } from './maintenance.ts';
import { prettyLogDestination } from './log-format.ts';
import type { KingaModule } from './module.ts';
import { platformRecordKinds } from './privacy/platform-kinds.ts';
import { checkRecordKinds } from './privacy/retention-schedule.ts';
import type { Platform } from './platform.ts';
import { createSmsOutbox, createSmsOutboxRepository } from './sms/index.ts';
import { readSettings, type AnySettingsDefinition, type ModuleSettings } from './settings.ts';

/** Replacements for the platform's side effects, for tests and tools. */
export interface PlatformOverrides {
  db?: Db;
  clock?: Clock;
  ids?: IdGenerator;
  keyring?: Keyring;
  mailer?: Mailer;
  logger?: Logger;
  catalogs?: Catalogs;
  /** Settings of modules the platform is not given, resolved too (tests build one module's services on a bare platform). */
  settings?: readonly AnySettingsDefinition[];
}

/**
 * A pino logger that never writes secrets carried by headers. Without a destination it writes JSON
 * lines to standard output, or readable lines when `format` is `pretty` (a person at a terminal).
 */
export function createLogger(level: Config['logLevel'], destination?: DestinationStream, format: Config['logFormat'] = 'json'): Logger {
  return pino(
    {
      level,
      serializers: {
        // The route pattern, never the URL: paths and queries can carry an IMEI or a reference,
        // and client addresses are personal data too, so neither is written.
        req: (request: { method?: string; routeOptions?: { url?: string } }) => ({ method: request.method, route: request.routeOptions?.url ?? 'unmatched' }),
      },
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', 'req.headers["x-api-key"]'], censor: '[redacted]' },
    },
    destination ?? (format === 'pretty' ? prettyLogDestination() : undefined),
  );
}

/**
 * Every migration: the platform's, then each module's, in name order; a name used twice stops
 * the start (see {@link mergeMigrations}). `options` carry the keys a
 * platform migration needs for an existing database (see {@link createPlatformMigrations}).
 */
export function allMigrations(modules: readonly KingaModule[], options: PlatformMigrationOptions = {}): Migrations {
  return mergeMigrations([
    { owner: 'the platform', migrations: createPlatformMigrations(options) },
    ...modules.map((m) => ({ owner: `the ${m.name} module`, migrations: m.migrations ?? {} })),
  ]);
}

/**
 * Opens the database, applies pending migrations and assembles the platform services.
 * Key material is created on first start only for the embedded SQLite database.
 */
export async function createPlatform(config: Config, modules: readonly KingaModule[], overrides: PlatformOverrides = {}): Promise<Platform> {
  const settingsProblems: string[] = [];
  const settings: Record<string, unknown> = {};
  for (const definition of [...modules.flatMap((m) => (m.settings ? [m.settings] : [])), ...(overrides.settings ?? [])]) {
    if (definition.module in settings) continue;
    const result = readSettings(definition, config.jurisdiction.modules[definition.module]);
    if (result.ok) settings[definition.module] = result.value;
    else settingsProblems.push(...result.problems);
  }
  if (settingsProblems.length > 0) throw new ConfigError(settingsProblems.map((p) => `KINGA_JURISDICTION ${config.jurisdictionFile} ${p}`));
  const logger = overrides.logger ?? createLogger(config.logLevel, undefined, config.logFormat);
  const clock = overrides.clock ?? createClock(config.clock);
  const ids = overrides.ids ?? (() => uuidv7(Date.now()));
  const keyring = overrides.keyring ?? createKeyring(loadKeyMaterial(config.keys.inline, config.keys.file, config.database.dialect === 'sqlite'));
  const db = overrides.db ?? (await openDatabase(config.database));
  try {
    await migrateToLatest(db, allMigrations(modules, { auditKey: auditChainKey(keyring) }));
  } catch (error) {
    if (!overrides.db) await db.destroy();
    throw error;
  }
  const mailer = overrides.mailer ?? createMailer({ url: config.smtp.url, from: config.smtp.from, outboxDir: resolve(config.dataDir, 'outbox'), logger });
  const platform: Platform = {
    config,
    db,
    clock,
    ids,
    keyring,
    catalogs: overrides.catalogs ?? loadCatalogs(),
    audit: createAuditLog({ clock, ids, keyring }),
    jobs: createJobQueue({ db, clock, ids, keyring, logger }),
    mailer,
    // A member for each module given or listed in overrides.settings; any problem stopped the start above.
    settings: Object.freeze(settings) as Readonly<ModuleSettings>,
    // With KINGA_CLOCK the platform clock stands still, but a window of sends must end in real time.
    sms: createSmsOutbox({ repository: createSmsOutboxRepository(db.kysely), keyring, clock, ids }),
    sendLimits: createSendLimiter({ db: db.kysely, keyring, clock: config.clock ? createClock() : clock, settings: config.codeSends }),
    logger,
    moduleNames: modules.map((m) => m.name),
    recordKinds: [],
    datasets: [],
  };
  // Both read the platform's services, so they are asked for once it exists.
  platform.recordKinds = [...platformRecordKinds(platform), ...modules.flatMap((m) => m.recordKinds?.(platform) ?? [])];
  platform.datasets = modules.flatMap((m) => m.datasets?.(platform) ?? []);
  const kindProblems = checkRecordKinds(platform.recordKinds);
  if (kindProblems.length > 0) throw new Error(`The kinds of record the modules declare are not valid:\n${kindProblems.map((p) => `  - ${p}`).join('\n')}`);
  // Pages in such a language still show English where a message is missing, marked and said so;
  // the warning tells the administrator that the profile promises more than the catalogues hold.
  for (const language of config.jurisdiction.completeLanguages ?? []) {
    const missing = missingMessages(platform.catalogs, language).length;
    if (missing > 0) logger.warn({ language, missing }, 'A language the jurisdiction profile lists as complete lacks messages; they are shown in English');
  }
  registerEmailJob(platform.jobs, platform.mailer, platform.catalogs);
  registerMaintenanceJob(platform);
  for (const module of modules) module.jobs?.(platform);
  return platform;
}

/** Closes what the platform opened. */
export async function closePlatform(platform: Platform): Promise<void> {
  await platform.jobs.stop();
  await platform.mailer.close();
  await platform.db.destroy();
}
