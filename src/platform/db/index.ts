import './platform.tables.ts';

export { openDatabase, dialectOf, columnTypes, isDatabaseReachable, describeUrl, DatabaseUnavailableError } from './database.ts';
export type { Database, Db, Dialect } from './database.ts';
export { migrateToLatest, mergeMigrations, migrationNameProblem, pendingMigrations, MigrationError } from './migrator.ts';
export type { Migrations, MigrationSet } from './migrator.ts';
export { platformMigrations, createPlatformMigrations } from './migrations/index.ts';
export type { PlatformMigrationOptions } from './migrations/index.ts';
export { chunkSizes, createBulkInsert, inChunks } from './bulk-insert.ts';
export { withTransaction, transactionOf, queriesOf } from './transaction.ts';
export type { Transaction, Executor } from './transaction.ts';
export type { BulkInsert, BulkValue } from './bulk-insert.ts';
export { backupSqlite, restoreSqlite, SqliteFileError } from './sqlite-files.ts';
export type { BackupProgress, BackupResult, RestoreResult } from './sqlite-files.ts';
