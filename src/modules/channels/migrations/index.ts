import type { Migrations } from '../../../platform/db/index.ts';
import * as tables from './2026-12-22-50-channels-01-tables.ts';
import * as smsConversations from './2026-12-23-50-channels-02-sms-conversations.ts';

/** The channels module's migrations; names sort after the other modules'. */
export const channelsMigrations: Migrations = {
  '2026-12-22-50-channels-01-tables': tables,
  '2026-12-23-50-channels-02-sms-conversations': smsConversations,
};
