import type { App } from '../../../platform/module.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { PageQuery } from '../catalogue/offer.schemas.ts';
import type { OfferService } from '../catalogue/offer.service.ts';
import { SocialTariffsPage } from './social-tariffs.views.tsx';
import { SOCIAL_TARIFFS_PATH } from './social-tariffs.paths.ts';

/** Registers the page of social tariffs. */
export function registerSocialTariffRoutes(app: App, service: OfferService): void {
  app.get(SOCIAL_TARIFFS_PATH, { schema: { querystring: PageQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { onDate, tariffs } = await service.socialTariffs();
    return sendPage(
      reply,
      <SocialTariffsPage
        ctx={ctx}
        onDate={onDate}
        tariffs={tariffs}
        criteria={service.settings.socialTariffs.eligibility}
        freshnessDays={service.settings.freshnessDays}
      />,
    );
  });
}
