import type { Migrations } from '../migrator.ts';
import * as platform from './2026-11-28-01-platform.ts';
import * as auth from './2026-11-28-02-auth.ts';
import { auditKeyMigration } from './2026-12-01-01-audit-key.ts';
import * as sendCounters from './2026-12-01-02-send-counters.ts';
import * as sms from './2026-12-22-01-sms.ts';
import * as smsPorting from './2026-12-22-02-sms-porting.ts';
import * as smsOptOuts from './2026-12-22-03-sms-opt-outs.ts';
import * as searchDocuments from './2026-12-26-00-search-01-documents.ts';

/** What some platform migrations need from outside the database. */
export interface PlatformMigrationOptions {
  /** The audit chain's key (`auditChainKey(keyring)`), to mark the head of a log written before the chain was keyed. */
  auditKey?: Buffer | undefined;
}

/** The platform's own migrations, given what they need from the keyring. */
export function createPlatformMigrations(options: PlatformMigrationOptions = {}): Migrations {
  return {
    '2026-11-28-01-platform': platform,
    '2026-11-28-02-auth': auth,
    '2026-12-01-01-audit-key': auditKeyMigration(options.auditKey),
    '2026-12-01-02-send-counters': sendCounters,
    '2026-12-22-01-sms': sms,
    '2026-12-22-02-sms-porting': smsPorting,
    '2026-12-22-03-sms-opt-outs': smsOptOuts,
    '2026-12-26-00-search-01-documents': searchDocuments,
  };
}

/**
 * The platform's migrations without keys: enough for a new database, which has no audit entry to
 * mark. An existing database is migrated by `kinga serve` and `kinga migrate`, which pass the key.
 */
export const platformMigrations: Migrations = createPlatformMigrations();
