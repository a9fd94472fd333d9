import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db/index.ts';
import type { IdGenerator } from './ids.ts';
import type { Keyring } from './crypto/index.ts';
import type { Catalogs } from './i18n/index.ts';
import type { AuditLog } from './audit/index.ts';
import type { JobQueue } from './jobs/index.ts';
import type { Mailer, SendLimiter } from './notify/index.ts';
import type { ModuleSettings } from './settings.ts';
import type { SmsOutbox } from './sms/index.ts';
import type { RecordKind } from './privacy/record-kinds.ts';
import type { DatasetDescription } from './open-data/dataset-description.ts';

/** The shared kernel every module receives: configuration and the platform's services. */
export interface Platform {
  config: Config;
  db: Db;
  clock: Clock;
  ids: IdGenerator;
  keyring: Keyring;
  catalogs: Catalogs;
  audit: AuditLog;
  jobs: JobQueue;
  mailer: Mailer;
  /** Limits the codes e-mailed to an address someone typed, per address and per client address. */
  sendLimits: SendLimiter;
  /** Queues texts to phones (one-time codes, replies); the channels capability sends them over SMPP. */
  sms: SmsOutbox;
  logger: Logger;
  /** Each module's settings, checked, resolved and frozen once at start (see `settings.ts`). */
  settings: Readonly<ModuleSettings>;
  /** The names of the modules this installation runs, in their order. */
  moduleNames: readonly string[];
  /** Every kind of record holding personal data, the platform's own and the modules', checked at start. */
  recordKinds: readonly RecordKind[];
  /** Every dataset the modules publish as open data. */
  datasets: readonly DatasetDescription[];
}

/** The platform services a service names, by their platform names, for a service's dependencies: `servicesOf(platform, 'clock', 'audit')`. */
export function servicesOf<K extends keyof Platform>(platform: Platform, ...names: readonly K[]): Pick<Platform, K> {
  return Object.fromEntries(names.map((name) => [name, platform[name]])) as Pick<Platform, K>;
}
