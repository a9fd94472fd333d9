import { Type } from '@sinclair/typebox';

/** `modules.privacy.fulfil`: how data-subject requests are answered. */
export const FulfilSettingsSchema = Type.Object(
  {
    /**
     * The largest access archive, in megabytes: an archive is built in memory, so a person whose
     * files exceed it is answered in parts by staff rather than by one zip.
     */
    archiveLimitMegabytes: Type.Integer({ minimum: 1, maximum: 2000, default: 200 }),
  },
  { additionalProperties: false, default: {} },
);
