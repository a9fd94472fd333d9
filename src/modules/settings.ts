import type { AnySettingsDefinition } from '../platform/settings.ts';
import { offersSettings } from './offers/offers.settings.ts';
import { complaintsSettings } from './complaints/complaints.settings.ts';
import { devicesSettings } from './devices/devices.settings.ts';
import { qualitySettings } from './quality/quality.settings.ts';
import { channelsSettings } from './channels/channels.settings.ts';
import { scamsSettings } from './scams/scams.settings.ts';
import { learnSettings } from './learn/learn.settings.ts';
import { privacySettings } from './privacy/privacy.settings.ts';
import { opendataSettings } from './opendata/opendata.settings.ts';

/**
 * The `settings` of the modules in `index.ts`, in the same order, listed apart so that the
 * profile's JSON Schema is generated (`npm run profile-schema`) and tests resolve every module's
 * settings without loading the modules' routes. `src/modules/commands.test.ts` keeps it equal to
 * the modules' own.
 */
export const moduleSettings: readonly AnySettingsDefinition[] = [
  offersSettings,
  devicesSettings,
  qualitySettings,
  complaintsSettings,
  scamsSettings,
  learnSettings,
  channelsSettings,
  privacySettings,
  opendataSettings,
];
