import { Type, type Static } from '@sinclair/typebox';
import { parseSmppUrl } from './sms-routes.ts';
import type { SmsSenderRoute, SmsSenderSettings } from './sms-sender.ts';

/**
 * The `sms` block of the channels module's settings: the routes to the operators' SMS centres and
 * how the sender paces itself. A route names the environment variable that holds its address and
 * password (`SMPP_URL_SAFARICOM=smpp://system_id:password@host:port`), so the profile, which is
 * published with the installation, holds no secret.
 */
export const SmsSettingsSchema = Type.Object(
  {
    /** The short code people text, and texts come from unless a route says otherwise. */
    shortCode: Type.String({
      pattern: '^[0-9A-Za-z]{3,11}$',
      default: '14422',
      errorMessage: 'must be a short code or sender id of 3 to 11 letters and digits',
    }),
    routes: Type.Array(
      Type.Object(
        {
          name: Type.String({ pattern: '^[a-z0-9-]{1,40}$', errorMessage: 'must be a name of lower-case letters, digits and dashes' }),
          /** The operator of the register this route belongs to, for delivery rates per operator. */
          operator: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
          prefixes: Type.Array(Type.String({ pattern: '^[1-9][0-9]{0,14}$' }), {
            minItems: 1,
            errorMessage: 'must be a non-empty list of E.164 prefixes in digits, country code first, such as ["25470", "25471"]',
          }),
          urlVariable: Type.String({
            pattern: '^SMPP_URL(_[A-Z0-9_]+)?$',
            errorMessage: 'must be the name of an environment variable starting with SMPP_URL, such as SMPP_URL_SAFARICOM',
          }),
          sourceAddress: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z]{3,11}$' })),
          receiptIds: Type.Union([Type.Literal('as-sent'), Type.Literal('sent-hex-receipt-decimal'), Type.Literal('sent-decimal-receipt-hex')], {
            default: 'as-sent',
            errorMessage: 'must be as-sent, sent-hex-receipt-decimal or sent-decimal-receipt-hex',
          }),
          maxPerSecond: Type.Integer({ minimum: 1, maximum: 10_000, default: 20, errorMessage: 'must be a whole number of texts per second from 1 to 10000' }),
          /** The `data_coding` of GSM 7-bit texts: 0 (the SMS centre's default alphabet) or 1 (IA5) where the SMS centre reads 0 as Latin-1. */
          gsm7DataCoding: Type.Union([Type.Literal(0), Type.Literal(1)], { default: 0, errorMessage: 'must be 0 or 1' }),
        },
        { additionalProperties: false },
      ),
      { default: [] },
    ),
    enquireLinkSeconds: Type.Integer({ minimum: 5, maximum: 600, default: 30 }),
    reconnectInitialSeconds: Type.Number({ minimum: 0.1, maximum: 60, default: 1 }),
    reconnectMaxSeconds: Type.Number({ minimum: 1, maximum: 3600, default: 60 }),
    responseSeconds: Type.Integer({ minimum: 1, maximum: 120, default: 10 }),
    batchSize: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
    pollSeconds: Type.Number({ minimum: 0.05, maximum: 60, default: 2 }),
    maxAttempts: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
    retrySeconds: Type.Integer({ minimum: 1, maximum: 3600, default: 30 }),
  },
  { additionalProperties: false, default: {} },
);

/** The `sms` block as checked. */
export type SmsSettings = Static<typeof SmsSettingsSchema>;

/** Problems of the block that its schema cannot say: a route name or a prefix used twice. */
export function smsSettingsRules(sms: SmsSettings, at: (path: string) => string): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const prefixes = new Map<string, string>();
  sms.routes.forEach((route, i) => {
    if (names.has(route.name)) problems.push(`${at(`sms/routes/${i}/name`)}: ${route.name} names two routes`);
    names.add(route.name);
    for (const prefix of route.prefixes) {
      const other = prefixes.get(prefix);
      if (other !== undefined && other !== route.name) problems.push(`${at(`sms/routes/${i}/prefixes`)}: ${prefix} is also a prefix of route ${other}`);
      prefixes.set(prefix, route.name);
    }
  });
  if (sms.reconnectMaxSeconds < sms.reconnectInitialSeconds) problems.push(`${at('sms/reconnectMaxSeconds')}: must not be less than reconnectInitialSeconds`);
  return problems;
}

/** The sender's pacing from the block. */
export function senderSettingsOf(sms: SmsSettings): SmsSenderSettings {
  const { enquireLinkSeconds, reconnectInitialSeconds, reconnectMaxSeconds, responseSeconds, batchSize, pollSeconds, maxAttempts, retrySeconds } = sms;
  return { enquireLinkSeconds, reconnectInitialSeconds, reconnectMaxSeconds, responseSeconds, batchSize, pollSeconds, maxAttempts, retrySeconds };
}

/** The routes whose address the environment gives, and a sentence for each route it does not or whose address is wrong. */
export function sendingRoutesOf(sms: SmsSettings, env: Record<string, string | undefined>): { routes: SmsSenderRoute[]; problems: string[] } {
  const routes: SmsSenderRoute[] = [];
  const problems: string[] = [];
  for (const route of sms.routes) {
    const url = env[route.urlVariable];
    if (url === undefined || url === '') {
      problems.push(`SMS route ${route.name}: ${route.urlVariable} is not set; texts to its numbers wait in the queue`);
      continue;
    }
    try {
      const address = parseSmppUrl(url);
      routes.push({
        name: route.name,
        prefixes: route.prefixes,
        ...address,
        sourceAddress: route.sourceAddress ?? sms.shortCode,
        receiptIds: route.receiptIds,
        maxPerSecond: route.maxPerSecond,
        gsm7DataCoding: route.gsm7DataCoding,
      });
    } catch (error) {
      problems.push(`SMS route ${route.name}: ${route.urlVariable} ${error instanceof Error ? error.message : 'is not an SMPP address'}`);
    }
  }
  return { routes, problems };
}
