import { Type, type Static } from '@sinclair/typebox';
import { defineSettings, settingsOf } from '../../platform/settings.ts';

declare module '../../platform/settings.ts' {
  interface ModuleSettings {
    opendata: OpendataSettings;
  }
}

const OpendataSettingsSchema = Type.Object(
  {
    smallestCount: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 5,
      description: 'The one small-cell rule of every published dataset: a count of people or reports below it is published as suppressed.',
    }),
  },
  { additionalProperties: false, default: {} },
);

/** The open-data module's settings, resolved. */
export type OpendataSettings = Static<typeof OpendataSettingsSchema>;

/** The `modules.opendata` block of a profile: the small-cell rule every dataset applies. */
export const opendataSettings = defineSettings({
  module: 'opendata',
  schema: OpendataSettingsSchema,
});

/** The settings of a profile that says nothing about open data. */
export const DEFAULT_OPENDATA_SETTINGS: OpendataSettings = settingsOf(opendataSettings, undefined);
