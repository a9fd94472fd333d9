import type { KingaModule } from '../../platform/module.ts';
import { privacyMigrations } from './migrations/index.ts';
import { privacySettings } from './privacy.settings.ts';
import { requestsPart } from './requests/requests.module.ts';

export type { PrivacySettings } from './privacy.settings.ts';

/**
 * Personal data (issue 19): people's requests to see, correct, erase, restrict or take away their
 * data, the one retention schedule of every kind of record, and what Kinga keeps and why.
 */
export const privacyModule: KingaModule = {
  name: 'privacy',
  migrations: privacyMigrations,
  settings: privacySettings,
  ...requestsPart,
};
