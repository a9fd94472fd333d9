import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../platform/module.ts';
import { maskNumber, readMobileNumber } from '../../../platform/sms/phone-numbers.ts';
import type { UssdGatewaySettings } from '../channels.settings.ts';
import { answerAfricasTalking, answerHubtel, isServiceCodeOf, readAfricasTalking, readHubtel, shortcutInputs, type ReadCallback } from './ussd-gateways.ts';
import type { UssdService } from './ussd.service.ts';
import { USSD_CALLBACK_KEYED_PATH, USSD_CALLBACK_PATH } from './ussd.paths.ts';

/** What the callbacks need: the service, the gateways of the profile, their secrets and the profile's country. */
export interface UssdRoutesDeps {
  ussd: UssdService;
  gateways: readonly UssdGatewaySettings[];
  secrets: Readonly<Record<string, string>>;
  country: string;
}

/** Equal texts, compared in a time that does not depend on where they differ. */
function isSameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Registers the gateways' callbacks. A callback must carry its gateway's secret as the last
 * segment of its path (the platform reads `Authorization` on the API as a bearer token, and
 * request logs name the route's pattern, never its path); anything else answers 403, a malformed
 * callback 400, and the menu's own problems (too many callbacks, no time left) are said on the phone.
 */
export function registerUssdRoutes(app: App, deps: UssdRoutesDeps): void {
  const byName = new Map(deps.gateways.map((g) => [g.name, g]));
  const refuse = (reply: FastifyReply, status: 400 | 403) =>
    reply
      .code(status)
      .type('text/plain; charset=utf-8')
      .send(status === 403 ? 'Forbidden' : 'Bad request');

  const handle = async (request: FastifyRequest<{ Params: { gateway: string; key?: string } }>, reply: FastifyReply) => {
    const gateway = byName.get(request.params.gateway);
    const secret = gateway ? deps.secrets[gateway.secretEnv] : undefined;
    const given = request.params.key;
    // An unknown gateway, one whose secret is not set, and a wrong secret answer alike.
    if (!gateway || secret === undefined || given === undefined || !isSameSecret(given, secret)) return refuse(reply, 403);
    const read: ReadCallback | undefined = gateway.format === 'africastalking' ? readAfricasTalking(request.body) : readHubtel(request.body);
    if (!read) return refuse(reply, 400);
    const number = readMobileNumber(read.rawNumber.startsWith('+') ? read.rawNumber : `+${read.rawNumber}`, deps.country);
    if (!number.ok) return refuse(reply, 400);
    if (read.kind === 'release') {
      await deps.ussd.release(gateway.name, read.sessionId);
      return gateway.format === 'hubtel' ? reply.send(answerHubtel({ text: '', isEnd: true })) : reply.type('text/plain; charset=utf-8').send('END');
    }
    if (read.serviceCode !== null && !isServiceCodeOf(read.serviceCode, gateway.serviceCode)) return refuse(reply, 400);
    // A session opened by a shortcut (`*713*64*1#`) starts with its choices, as Africa's Talking's `text` does.
    const isOpening = read.inputs.kind === 'newest' && read.inputs.input === null && read.serviceCode !== null;
    const inputs = isOpening ? { kind: 'all' as const, text: shortcutInputs(read.serviceCode ?? '', gateway.serviceCode) } : read.inputs;
    const answer = await deps.ussd.handle({ gateway: gateway.name, sessionId: read.sessionId, number: number.e164, inputs }, gateway.timeBudgetMs);
    request.log.info({ gateway: gateway.name, number: maskNumber(number.e164), isEnd: answer.isEnd }, 'ussd callback');
    if (gateway.format === 'hubtel') return reply.send(answerHubtel(answer, read.clientState));
    return reply.type('text/plain; charset=utf-8').send(answerAfricasTalking(answer));
  };

  // A gateway posts every session from a few addresses: the limit is per caller's number, in the service.
  const options = { config: { rateLimit: false }, schema: { hide: true } } as const;
  app.post<{ Params: { gateway: string } }>(USSD_CALLBACK_PATH, options, handle);
  app.post<{ Params: { gateway: string; key: string } }>(USSD_CALLBACK_KEYED_PATH, options, handle);
}
