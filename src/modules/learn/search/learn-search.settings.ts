import { Type } from '@sinclair/typebox';

/** The `modules.learn.search` block of a profile: how often one address may search. */
export const LearnSearchSettingsSchema = Type.Object(
  {
    /**
     * Searches one client address may run per minute, on the page and on the API each: a search
     * may rank thousands of rows, so one client without a bound could keep the database busy.
     */
    perMinute: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 120, errorMessage: 'must be a whole number of searches from 1 to 1,000,000' }),
  },
  { additionalProperties: false, default: {} },
);
