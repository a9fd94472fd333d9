import { Type } from '@sinclair/typebox';
import type { App } from '../../../platform/module.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { PlanParams } from '../catalogue/offer.schemas.ts';
import type { OfferService } from '../catalogue/offer.service.ts';
import type { OfferSubscriptionService } from './offer-subscription.service.ts';
import {
  ConfirmedPage,
  ConfirmPage,
  LinkInvalidPage,
  SubscribeCodePage,
  SubscribePage,
  SubscribeSentPage,
  UnsubscribedPage,
} from './offer-subscription.views.tsx';
import { SUBSCRIPTION_PATHS } from './subscriptions.paths.ts';

const LangQuery = Type.Object({ lang: Type.Optional(Type.String()) });
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 100 })), lang: Type.Optional(Type.String()) });
const SubscribeBody = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 1000 })),
  phone: Type.Optional(Type.String({ maxLength: 100 })),
  notifyBy: Type.Optional(Type.String({ maxLength: 10 })),
  _csrf: Type.Optional(Type.String()),
});
const CodeQuery = Type.Object({ plan: Type.Optional(Type.String({ maxLength: 40 })), lang: Type.Optional(Type.String()) });
const CodeBody = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 20 })),
  plan: Type.Optional(Type.String({ maxLength: 40 })),
  _csrf: Type.Optional(Type.String()),
});
// The browser that asked for a code by text keeps the token that names its request; only its keyed hash is stored.
const CODE_COOKIE = 'kinga_offer_subscription';
const ConfirmBody = Type.Object({ token: Type.Optional(Type.String({ maxLength: 100 })), _csrf: Type.Optional(Type.String()) });

/** Registers the subscribe form, the confirmation and the one-click unsubscribe. */
export function registerOfferSubscriptionRoutes(
  app: App,
  deps: { offers: OfferService; subscriptions: OfferSubscriptionService; isCookieSecure: boolean },
): void {
  const { offers, subscriptions } = deps;
  const cookieOptions = { path: SUBSCRIPTION_PATHS.code, httpOnly: true, sameSite: 'lax' as const, secure: deps.isCookieSecure };
  const codePath = (planId: string, language: string) => `${SUBSCRIPTION_PATHS.code}?plan=${encodeURIComponent(planId)}&lang=${language}`;
  const planNameOf = async (planId: string) => {
    const { current } = await offers.offerOn(planId);
    return [current.parsed.servicePlanName, current.parsed.tierPlanName].filter(Boolean).join(' · ');
  };

  app.get('/offers/:planId/subscribe', { schema: { params: PlanParams, querystring: LangQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const planName = await planNameOf(request.params.planId);
    return sendPage(reply, <SubscribePage ctx={ctx} planId={request.params.planId} planName={planName} form={{ values: {}, problems: [] }} />);
  });

  app.post(
    '/offers/:planId/subscribe',
    // The service counts each request per typed address and per client address (the platform's send
    // limits), so a form that sends e-mail to any address cannot become a way to flood one.
    { schema: { params: PlanParams, querystring: LangQuery, body: SubscribeBody } },
    async (request, reply) => {
      const ctx = app.pageContext(request, reply);
      const { planId } = request.params;
      const values = { email: request.body.email ?? '', phone: request.body.phone ?? '', notifyBy: request.body.notifyBy ?? '' };
      const outcome = await subscriptions.subscribe({ planId, ...values, language: ctx.language, networkAddress: request.ip });
      if (!outcome.ok) {
        const planName = await planNameOf(planId);
        const problems = outcome.issues.map((issue) => ({ field: issue.field, message: ctx.t(issue.messageKey) }));
        return sendPage(reply, <SubscribePage ctx={ctx} planId={planId} planName={planName} form={{ values, problems }} />, 422);
      }
      if ('codeToken' in outcome) {
        reply.setCookie(CODE_COOKIE, outcome.codeToken, cookieOptions);
        return reply.redirect(codePath(planId, ctx.language), 303);
      }
      return sendPage(reply, <SubscribeSentPage ctx={ctx} planId={planId} />);
    },
  );

  app.get(SUBSCRIPTION_PATHS.code, { schema: { querystring: CodeQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const planId = request.query.plan ?? '';
    if (!request.cookies[CODE_COOKIE]) return reply.redirect(planId === '' ? '/offers/compare' : SUBSCRIPTION_PATHS.subscribe(planId), 303);
    return sendPage(reply, <SubscribeCodePage ctx={ctx} planId={planId} form={{ values: {}, problems: [] }} />);
  });

  app.post(SUBSCRIPTION_PATHS.code, { schema: { querystring: LangQuery, body: CodeBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const planId = request.body.plan ?? '';
    const token = request.cookies[CODE_COOKIE];
    if (!token) return reply.redirect(planId === '' ? '/offers/compare' : SUBSCRIPTION_PATHS.subscribe(planId), 303);
    const outcome = await subscriptions.confirmCode(token, request.body.code ?? '');
    if (!outcome.ok) {
      const problems = [{ field: outcome.issue.field, message: ctx.t(outcome.issue.messageKey) }];
      return sendPage(reply, <SubscribeCodePage ctx={ctx} planId={planId} form={{ values: {}, problems }} />, 422);
    }
    reply.clearCookie(CODE_COOKIE, cookieOptions);
    return sendPage(reply, <ConfirmedPage ctx={ctx} planId={outcome.planId} channel="sms" />);
  });

  app.get(SUBSCRIPTION_PATHS.confirm, { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const token = request.query.token ?? '';
    if (token === '' || !(await subscriptions.isConfirmable(token))) return sendPage(reply, <LinkInvalidPage ctx={ctx} />, 404);
    return sendPage(reply, <ConfirmPage ctx={ctx} token={token} />);
  });

  app.post(SUBSCRIPTION_PATHS.confirm, { schema: { querystring: LangQuery, body: ConfirmBody } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const planId = request.body.token ? await subscriptions.confirm(request.body.token) : undefined;
    if (planId === undefined) return sendPage(reply, <LinkInvalidPage ctx={ctx} />, 404);
    return sendPage(reply, <ConfirmedPage ctx={ctx} planId={planId} />);
  });

  // One click from any e-mail: the token alone ends the subscription, as a person expects of such a link.
  app.get(SUBSCRIPTION_PATHS.unsubscribe, { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const planId = request.query.token ? await subscriptions.unsubscribe(request.query.token) : undefined;
    if (planId === undefined) return sendPage(reply, <LinkInvalidPage ctx={ctx} />, 404);
    return sendPage(reply, <UnsubscribedPage ctx={ctx} planId={planId} />);
  });
}
