import { Layout } from '../../../platform/web/layout.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { EligibilityCriterion } from '../offers.settings.ts';
import type { ComparableOffer } from '../comparison/ranking.ts';

/** The name of an eligibility criterion: its message when the catalogues have one, its configured name otherwise. */
export function criterionName(ctx: PageContext, criterion: EligibilityCriterion): string {
  const key = `offers.social.eligibility.${criterion.id}`;
  return ctx.catalogs.messages.get('en')?.[key] === undefined ? criterion.name : ctx.t(key);
}

/**
 * The eligibility criteria of a social tariff in words, as a list of the page's language ("A, B or
 * C"; "A、B或C"): meeting any one of them may be enough. Undefined when none is stated.
 */
export function eligibilityText(ctx: PageContext, ids: readonly string[], criteria: readonly EligibilityCriterion[]): string | undefined {
  const names = ids.map((id) => {
    const criterion = criteria.find((c) => c.id === id);
    return criterion ? criterionName(ctx, criterion) : id;
  });
  return names.length === 0 ? undefined : new Intl.ListFormat(ctx.language, { type: 'disjunction', style: 'long' }).format(names);
}

/** What the list of social tariffs shows. */
export interface SocialTariffsPageProps {
  ctx: PageContext;
  onDate: string;
  tariffs: readonly ComparableOffer[];
  criteria: readonly EligibilityCriterion[];
  freshnessDays: number;
}

/** One social tariff: its price and allowances, who may get it, its features for users with disabilities, and where to ask. */
function TariffItem({ ctx, tariff, criteria }: { ctx: PageContext; tariff: ComparableOffer; criteria: readonly EligibilityCriterion[] }) {
  const { t, format } = ctx;
  const { record } = tariff;
  const headingId = `tariff-${record.planId}`;
  const who = eligibilityText(ctx, record.socialTariffEligibility ?? [], criteria);
  const count = (value: number | null) => (value === null ? t('offers.label.unlimited') : format.number(value));
  const support = [record.customerSupportPhone, record.customerSupportWeb].filter((v): v is string => v !== null);
  return (
    <li>
      <article aria-labelledby={headingId}>
        <h2 id={headingId}>
          <a href={`/offers/${encodeURIComponent(record.planId)}?lang=${ctx.language}`}>
            <span dir="auto">{tariff.operatorName}</span> · <span dir="auto">{[record.servicePlanName, record.tierPlanName].filter(Boolean).join(' · ')}</span>
          </a>
        </h2>
        {record.accessibilityFeatures !== null ? (
          <ul class="offer-badges" aria-label={t('offers.compare.badges')}>
            <li class="offer-badge offer-badge-accessibility">{t('offers.compare.badgeAccessibility')}</li>
          </ul>
        ) : null}
        <dl class="social-tariff-facts">
          <dt>{t('offers.social.whoTitle')}</dt>
          <dd>{who ?? t('offers.social.whoUnstatedShort')}</dd>
          <dt>{t('offers.label.price')}</dt>
          <dd>{t('offers.label.pricePer', { amount: format.money(record.monthlyPrice, record.currency), days: record.validityDays })}</dd>
          <dt>{t('offers.label.type')}</dt>
          <dd>{t(`offers.type.${record.serviceType}`)}</dd>
          <dt>{t('offers.label.data')}</dt>
          <dd>{record.dataAllowanceGb === null ? t('offers.label.unlimited') : t('offers.label.gb', { amount: record.dataAllowanceGb })}</dd>
          {record.serviceType === 'mobile' ? (
            <>
              <dt>{t('offers.label.voice')}</dt>
              <dd>{count(record.voiceMinutes)}</dd>
              <dt>{t('offers.label.sms')}</dt>
              <dd>{count(record.smsCount)}</dd>
            </>
          ) : null}
          <dt>{t('offers.label.speeds')}</dt>
          <dd>
            {t('offers.label.speedValues', {
              down: record.typicalDownloadMbps ?? '–',
              up: record.typicalUploadMbps ?? '–',
              latency: record.typicalLatencyMs ?? '–',
            })}
          </dd>
          <dt>{t('offers.label.accessibility')}</dt>
          <dd>{record.accessibilityFeatures === null ? t('offers.label.notGiven') : <span dir="auto">{record.accessibilityFeatures}</span>}</dd>
          <dt>{t('offers.social.apply')}</dt>
          <dd>{support.length === 0 ? t('offers.label.notGiven') : <span dir="ltr">{support.join(' · ')}</span>}</dd>
        </dl>
        <p class="hint">
          {t('offers.compare.lastUpdated', { date: format.date(tariff.lastUpdated) })}
          {tariff.isStale ? ` · ${t('offers.compare.stale')}` : ''}
        </p>
      </article>
    </li>
  );
}

/** The current social tariffs with who may get them, as the regulator publishes them; no script needed. */
export function SocialTariffsPage({ ctx, onDate, tariffs, criteria, freshnessDays }: SocialTariffsPageProps) {
  const { t, format } = ctx;
  return (
    <Layout ctx={ctx} title={t('offers.social.title')}>
      {/* A body-ok stylesheet link, as the comparison's: the layout's head is shared, and the CSP allows no inline style. */}
      <link rel="stylesheet" href="/assets/offers/offer-compare.css" />
      <p class="lead">{t('offers.social.intro')}</p>
      <p>{t('offers.social.howToApply')}</p>
      <p>
        <a href={`/offers/compare?social=1&lang=${ctx.language}`}>{t('offers.social.compareLink')}</a>
      </p>
      <p class="hint">{t('offers.social.asOf', { date: format.date(`${onDate}T12:00:00Z`), count: tariffs.length, days: freshnessDays })}</p>
      {tariffs.length === 0 ? (
        <p>{t('offers.social.none')}</p>
      ) : (
        <ul class="social-tariffs">
          {tariffs.map((tariff) => (
            <TariffItem key={tariff.record.planId} ctx={ctx} tariff={tariff} criteria={criteria} />
          ))}
        </ul>
      )}
      <p class="hint">{t('offers.compare.fictional')}</p>
    </Layout>
  );
}
