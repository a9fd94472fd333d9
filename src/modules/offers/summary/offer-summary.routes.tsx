import { createFormatter } from '../../../platform/i18n/index.ts';
import type { App } from '../../../platform/module.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { PageContext } from '../../../platform/web/context.ts';
import { sendPage } from '../../../platform/web/render.ts';
import { buildContractSummary, type SummaryWords } from './offer-summary.ts';
import { renderSummaryPdf } from './offer-summary-pdf.ts';
import { SummaryPage } from './offer-summary.views.tsx';
import { PlanParams, PlanQuery } from '../catalogue/offer.schemas.ts';
import { isoDateAsked } from '../shared/date-fields.ts';
import type { OfferService } from '../catalogue/offer.service.ts';

/** Registers the contract summary of an offer: a printable page and a one-page PDF. */
export function registerOfferSummaryRoutes(app: App, offers: OfferService, platform: Platform): void {
  const { jurisdiction } = platform.config;

  const versionOn = async (planId: string, on: string | undefined) => {
    const date = isoDateAsked(on);
    const found = await offers.offerOn(planId, date);
    const onDate = date ?? offers.today();
    const { addonOf } = found.current.parsed;
    // An add-on names the plan it is bought on as that plan was called on the same day.
    const base = addonOf === null ? undefined : await offers.offerOn(addonOf, onDate).catch(() => undefined);
    const { servicePlanName, tierPlanName } = base?.current.parsed ?? {};
    const names = servicePlanName === undefined ? {} : { addonOf: [servicePlanName, tierPlanName].filter(Boolean).join(' · ') };
    return { found, onDate, names };
  };

  const wordsFor = (ctx: Pick<PageContext, 'language' | 't'>): SummaryWords => {
    const format = createFormatter(ctx.language, jurisdiction.timeZone);
    return {
      t: ctx.t,
      money: format.money,
      number: (value) => format.number(value),
      day: (date) => format.date(`${date}T12:00:00Z`),
      list: (items) => new Intl.ListFormat(ctx.language, { type: 'conjunction', style: 'long' }).format(items),
      authority: jurisdiction.authority.name,
    };
  };

  app.get('/offers/:planId/summary', { schema: { params: PlanParams, querystring: PlanQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { found, onDate, names } = await versionOn(request.params.planId, request.query.on);
    const summary = buildContractSummary(found.current.parsed, found.current.version, wordsFor(ctx), names);
    return sendPage(reply, <SummaryPage ctx={ctx} summary={summary} planId={found.current.plan_id} onDate={onDate} />);
  });

  app.get('/offers/:planId/summary.pdf', { schema: { params: PlanParams, querystring: PlanQuery } }, async (request, reply) => {
    const ctx = app.pageContext(request, reply);
    const { found, names } = await versionOn(request.params.planId, request.query.on);
    // The page's translator wraps values in bidi isolates for browsers; the PDF orders words itself.
    const t = platform.catalogs.translator(ctx.language);
    const summary = buildContractSummary(found.current.parsed, found.current.version, wordsFor({ language: ctx.language, t }), names);
    const { plan_id: planId, version } = found.current;
    const pdf = await renderSummaryPdf(summary, {
      direction: ctx.direction,
      language: ctx.language,
      // The version's publication, so the same version always gives the same file.
      createdAt: new Date(found.current.published_at),
      fallbackNotice: t('layout.fallbackNoticeDocument'),
      footer: t('offers.summary.pdfFooter', {
        authority: jurisdiction.authority.name,
        url: `${platform.config.publicUrl}/offers/${encodeURIComponent(planId)}/summary?on=${found.current.effective_from}`,
      }),
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="contract-summary-${planId}-v${version}-${ctx.language}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });
}
