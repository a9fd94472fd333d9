import { Type } from '@sinclair/typebox';
import type { App } from '../../../platform/module.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { PlanParams } from '../catalogue/offer.schemas.ts';
import type { OfferService } from '../catalogue/offer.service.ts';
import type { OfferSubscriptionService } from './offer-subscription.service.ts';
import { ConfirmedPage, ConfirmPage, LinkInvalidPage, SubscribePage, SubscribeSentPage, UnsubscribedPage } from './offer-subscription.views.tsx';
import { SUBSCRIPTION_PATHS } from './subscriptions.paths.ts';

const LangQuery = Type.Object({ lang: Type.Optional(Type.String()) });
const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 100 })), lang: Type.Optional(Type.String()) });
const SubscribeBody = Type.Object({ email: Type.Optional(Type.String({ maxLength: 1000 })), _csrf: Type.Optional(Type.String()) });
const ConfirmBody = Type.Object({ token: Type.Optional(Type.String({ maxLength: 100 })), _csrf: Type.Optional(Type.String()) });

/** Registers the subscribe form, the confirmation and the one-click unsubscribe. */
export function registerOfferSubscriptionRoutes(app: App, deps: { offers: OfferService; subscriptions: OfferSubscriptionService }): void {
  const { offers, subscriptions } = deps;
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
      const email = request.body.email ?? '';
      const outcome = await subscriptions.subscribe({ planId, email, language: ctx.language, networkAddress: request.ip });
      if (!outcome.ok) {
        const planName = await planNameOf(planId);
        const problems = outcome.issues.map((issue) => ({ field: issue.field, message: ctx.t(issue.messageKey) }));
        return sendPage(reply, <SubscribePage ctx={ctx} planId={planId} planName={planName} form={{ values: { email }, problems }} />, 422);
      }
      return sendPage(reply, <SubscribeSentPage ctx={ctx} planId={planId} />);
    },
  );

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
