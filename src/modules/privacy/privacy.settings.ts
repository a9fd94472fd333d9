import { Type, type Static } from '@sinclair/typebox';
import { defineSettings, settingsOf } from '../../platform/settings.ts';
import { RetentionSettingsSchema } from './retention/retention.settings.ts';
import { RequestsSettingsSchema } from './requests/requests.settings.ts';
import { FulfilSettingsSchema } from './fulfil/fulfil.settings.ts';

declare module '../../platform/settings.ts' {
  interface ModuleSettings {
    privacy: PrivacySettings;
  }
}

const PrivacySettingsSchema = Type.Object(
  {
    retention: RetentionSettingsSchema,
    requests: RequestsSettingsSchema,
    fulfil: FulfilSettingsSchema,
  },
  { additionalProperties: false, default: {} },
);

/** The privacy module's settings, resolved. */
export type PrivacySettings = Static<typeof PrivacySettingsSchema>;

/** The `modules.privacy` block of a profile: the retention schedule and the clock of data-subject requests. */
export const privacySettings = defineSettings({
  module: 'privacy',
  schema: PrivacySettingsSchema,
});

/** The settings of a profile that says nothing about privacy. */
export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = settingsOf(privacySettings, undefined);
