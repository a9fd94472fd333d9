import { Type, type Static } from '@sinclair/typebox';
import { SUPPORTED_LANGUAGES } from '../../../platform/jurisdiction.ts';

/** The services a text to the short code may ask for, each started by its keywords. */
export const SMS_SERVICES = ['imei', 'status', 'theft', 'scam', 'stop', 'start', 'help'] as const;

/** One service of {@link SMS_SERVICES}. */
export type SmsService = (typeof SMS_SERVICES)[number];

const Words = Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 10 });

const WordsByLanguage = Type.Record(Type.String({ pattern: `^(${SUPPORTED_LANGUAGES.join('|')})$` }), Words, {
  default: {},
  additionalProperties: false,
  keyErrorMessage: `the key must be a language code: ${SUPPORTED_LANGUAGES.join(', ')}`,
  errorMessage: 'must be an object of language codes to lists of keywords, such as {"en": ["KYM", "IMEI"], "fr": ["IMEI"]}',
});

/**
 * The `smsKeywords` block of the channels module: the keywords of each service in each language
 * (a keyword tells the language of the answer), the scam short code that takes forwarded texts
 * whole (as 7726 does), and the limits on a conversation.
 */
export const SmsKeywordsSettingsSchema = Type.Object(
  {
    words: Type.Object(Object.fromEntries(SMS_SERVICES.map((service) => [service, WordsByLanguage])) as Record<SmsService, typeof WordsByLanguage>, {
      additionalProperties: false,
      default: {},
    }),
    /** A short code whose every text is a scam forwarded; absent when scams are reported with a keyword only. */
    scamShortCode: Type.Optional(Type.String({ pattern: '^[0-9]{3,8}$', errorMessage: 'must be a short code of 3 to 8 digits' })),
    /** Minutes the second step of a scam report (the sender's number) is awaited. */
    conversationMinutes: Type.Integer({ minimum: 1, maximum: 1440, default: 30 }),
    /** Texts one number may send in an hour before Kinga stops answering it until the hour has passed. */
    perNumberPerHour: Type.Integer({ minimum: 1, maximum: 1000, default: 20 }),
  },
  { additionalProperties: false, default: {} },
);

/** The `smsKeywords` block as checked. */
export type SmsKeywordsSettings = Static<typeof SmsKeywordsSettingsSchema>;

/** Problems the schema cannot say: a keyword given to two services in one language, or none for a service the profile's languages need. */
export function smsKeywordsRules(value: SmsKeywordsSettings, at: (path: string) => string): string[] {
  const problems: string[] = [];
  const seen = new Map<string, SmsService>();
  for (const service of SMS_SERVICES) {
    for (const [language, words] of Object.entries<string[]>(value.words[service])) {
      for (const word of words) {
        const key = `${language}:${word.toLocaleUpperCase('en')}`;
        const other = seen.get(key);
        if (other !== undefined && other !== service) problems.push(`${at(`smsKeywords/words/${service}/${language}`)}: ${word} is also a keyword of ${other}`);
        seen.set(key, service);
      }
    }
  }
  return problems;
}
