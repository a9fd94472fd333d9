import type { Static } from '@sinclair/typebox';
import { Layout } from '../../../platform/web/layout.tsx';
import { DateInput, ErrorSummary, TableRegion, TextField, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { OfferRecord } from './offer-file.ts';
import type { CompareResponse, CompareResult } from './offer.schemas.ts';
import type { Basket, EligibilityCriterion } from '../offers.settings.ts';
import { ExportLinks } from './offer-export.views.tsx';
import { isolated, listText } from '../shared/page-text.ts';

/** What the comparison page shows: the form, and the results once the profile is valid. */
export interface ComparePageProps {
  ctx: PageContext;
  form: FormState;
  baskets: readonly Basket[];
  /** The jurisdiction's eligibility criteria of social tariffs, offered as filters. */
  criteria: readonly EligibilityCriterion[];
  comparison: Static<typeof CompareResponse> | null;
}

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

/** The social tariff and accessibility filters of the comparison, as checkboxes of the plain GET form. */
function FilterFields({ ctx, form, criteria }: { ctx: PageContext; form: FormState; criteria: readonly EligibilityCriterion[] }) {
  const { t } = ctx;
  const eligible = new Set((form.values['eligible'] ?? '').split(',').filter(Boolean));
  const problem = form.problems.find((p) => p.field === 'eligible');
  return (
    <fieldset class="field">
      <legend>{t('offers.compare.filters')}</legend>
      <div class="field">
        <input type="checkbox" id="field-social" name="social" value="1" checked={form.values['social'] === '1'} />{' '}
        <label for="field-social">{t('offers.compare.socialOnly')}</label>
      </div>
      {criteria.length > 0 ? (
        <fieldset id="field-eligible" class={problem ? 'field field-error' : 'field'} aria-describedby={problem ? 'field-eligible-error' : undefined}>
          <legend>{t('offers.compare.eligibleLegend')}</legend>
          {problem ? (
            <p class="error-message" id="field-eligible-error">
              {problem.message}
            </p>
          ) : null}
          {criteria.map((c) => (
            <div key={c.id} class="field">
              <input type="checkbox" id={`field-eligible-${c.id}`} name="eligible" value={c.id} checked={eligible.has(c.id)} />{' '}
              <label for={`field-eligible-${c.id}`}>{criterionName(ctx, c)}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <p class="hint">
        <a href={`/offers/social-tariffs?lang=${ctx.language}`}>{t('offers.compare.socialListLink')}</a>
      </p>
      <div class="field">
        <input type="checkbox" id="field-accessible" name="accessible" value="1" checked={form.values['accessible'] === '1'} />{' '}
        <label for="field-accessible">{t('offers.compare.accessibleOnly')}</label>
      </div>
    </fieldset>
  );
}

/** The label of a preset or basket: its message when the catalogues have one, its configured name otherwise. */
function basketLabel(ctx: PageContext, basket: Basket): string {
  const key = `offers.preset.${basket.id}`;
  return ctx.catalogs.messages.get('en')?.[key] === undefined ? basket.name : ctx.t(key);
}

function SelectField({ form, name, label, hint, options }: { form: FormState; name: string; label: string; hint?: string; options: { value: string; label: string }[] }) {
  const problem = form.problems.find((p) => p.field === name);
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={problem ? 'field field-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {problem ? (
        <p class="error-message" id={`${id}-error`}>
          {problem.message}
        </p>
      ) : null}
      <select id={id} name={name} aria-invalid={problem ? 'true' : undefined} aria-describedby={describedBy}>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={form.values[name] === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The true-cost comparison: a GET form that works without JavaScript, then the neutral ranking. */
export function ComparePage({ ctx, form, baskets, criteria, comparison }: ComparePageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('offers.compare.title')}>
      <p class="lead">{t('offers.compare.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form method="get" action="/offers/compare" novalidate aria-label={t('offers.compare.formLabel')} data-compare>
        <input type="hidden" name="lang" value={ctx.language} />
        <SelectField
          form={form}
          name="type"
          label={t('offers.compare.type')}
          options={[
            { value: 'mobile', label: t('offers.type.mobile') },
            { value: 'fixed', label: t('offers.type.fixed') },
          ]}
        />
        <SelectField
          form={form}
          name="preset"
          label={t('offers.compare.preset')}
          hint={t('offers.compare.presetHint')}
          options={[{ value: '', label: t('offers.compare.presetNone') }, ...baskets.map((b) => ({ value: b.id, label: basketLabel(ctx, b) }))]}
        />
        <TextField form={form} name="data_gb" label={t('offers.compare.dataGb')} hint={t('offers.compare.dataGbHint')} inputMode="decimal" />
        {/* Home internet has no minutes or messages: the server ignores these fields then, and the page's script sets them aside. */}
        <fieldset class="field" data-mobile-only aria-describedby="mobile-only-hint">
          <legend>{t('offers.compare.mobileOnly')}</legend>
          <p class="hint" id="mobile-only-hint">
            {t('offers.compare.mobileOnlyHint')}
          </p>
          <TextField form={form} name="voice_min" label={t('offers.compare.voiceMin')} inputMode="numeric" />
          <TextField form={form} name="sms" label={t('offers.compare.sms')} inputMode="numeric" />
        </fieldset>
        <TextField form={form} name="min_speed" label={t('offers.compare.minSpeed')} hint={t('offers.compare.minSpeedHint')} inputMode="decimal" />
        <TextField form={form} name="months" label={t('offers.compare.months')} inputMode="numeric" />
        <FilterFields ctx={ctx} form={form} criteria={criteria} />
        <div class="field">
          <input type="checkbox" id="field-include_stale" name="include_stale" value="1" checked={form.values['include_stale'] === '1'} />{' '}
          <label for="field-include_stale">{t('offers.compare.includeStale')}</label>
        </div>
        <button type="submit" class="button">
          {t('offers.compare.submit')}
        </button>
      </form>
      {/* A body-ok stylesheet link, as the contract summary's: the layout's head is shared, and the CSP allows no inline style. */}
      <link rel="stylesheet" href="/assets/offers/offer-compare.css" />
      {comparison ? <Results ctx={ctx} comparison={comparison} criteria={criteria} /> : null}
      <ExportLinks ctx={ctx} />
      <script src="/assets/offers/offer-compare.js" defer></script>
    </Layout>
  );
}

function Results({ ctx, comparison, criteria }: { ctx: PageContext; comparison: Static<typeof CompareResponse>; criteria: readonly EligibilityCriterion[] }) {
  const { t } = ctx;
  const missing = comparison.notice.operatorsWithoutOffers;
  const { filters } = comparison;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{t('offers.compare.resultsTitle', { count: comparison.total })}</h2>
      {filters.socialTariffsOnly ? <p class="hint">{t('offers.compare.socialShown')}</p> : null}
      {filters.accessibilityFeatures ? <p class="hint">{t('offers.compare.accessibleShown')}</p> : null}
      {missing.length > 0 ? (
        <p class="notice" role="status">
          {t('offers.compare.missingOperators', { count: missing.length, names: listText(ctx.language, missing.map((o) => o.name)) })}
        </p>
      ) : null}
      <p>{t('offers.compare.rankingRule', { months: comparison.profile.months })}</p>
      {comparison.staleLeftOut > 0 ? <p class="hint">{t('offers.compare.staleLeftOut', { count: comparison.staleLeftOut })}</p> : null}
      {comparison.ineligible > 0 ? <p class="hint">{t('offers.compare.ineligible', { count: comparison.ineligible })}</p> : null}
      {comparison.results.length === 0 ? <p>{t('offers.compare.none')}</p> : null}
      <ol class="offer-results">
        {comparison.results.map((r) => (
          <ResultItem key={r.planId} ctx={ctx} result={r} criteria={criteria} />
        ))}
      </ol>
      <p class="hint">{t('offers.compare.fictional')}</p>
    </section>
  );
}

function ResultItem({ ctx, result, criteria }: { ctx: PageContext; result: Static<typeof CompareResult>; criteria: readonly EligibilityCriterion[] }) {
  const { t, format } = ctx;
  const headingId = `offer-${result.planId}`;
  const who = eligibilityText(ctx, result.socialTariffEligibility, criteria);
  return (
    <li>
      <article aria-labelledby={headingId}>
        <h3 id={headingId}>
          <a href={`/offers/${encodeURIComponent(result.planId)}?lang=${ctx.language}`}>
            {result.operatorName} · {result.planName}
            {result.tierName ? ` · ${result.tierName}` : ''}
          </a>
        </h3>
        <p>
          <strong>{t('offers.compare.total', { amount: format.money(result.totalCost, result.currency), months: result.months })}</strong>{' '}
          {t('offers.compare.perMonth', { amount: format.money(result.monthlyCost, result.currency) })}
        </p>
        <p class="hint">
          {t('offers.compare.lastUpdated', { date: format.date(result.lastUpdated) })}
          {result.isStale ? ` · ${t('offers.compare.stale')}` : ''}
          {result.isPromotional ? ` · ${t('offers.compare.promotional')}` : ''}
          {result.validityDays !== 30 ? ` · ${t('offers.compare.purchases', { count: result.purchases, days: result.validityDays })}` : ''}
        </p>
        {result.isSocialTariff || result.accessibilityFeatures !== null ? (
          <ul class="offer-badges" aria-label={t('offers.compare.badges')}>
            {result.isSocialTariff ? <li class="offer-badge offer-badge-social">{t('offers.label.social')}</li> : null}
            {result.accessibilityFeatures !== null ? <li class="offer-badge offer-badge-accessibility">{t('offers.compare.badgeAccessibility')}</li> : null}
          </ul>
        ) : null}
        {result.isSocialTariff ? <p class="hint">{who === undefined ? t('offers.social.whoUnstated') : t('offers.social.who', { who })}</p> : null}
        {result.accessibilityFeatures !== null ? (
          <p class="hint">{t('offers.compare.accessibilityFeatures', { features: isolated(result.accessibilityFeatures) })}</p>
        ) : null}
        {result.isTaxVarying ? <p class="hint">{t('offers.compare.taxVaries')}</p> : null}
        <TableRegion><table>
          <caption class="visually-hidden">{t('offers.compare.breakdownCaption', { plan: result.planName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('offers.compare.breakdownItem')}</th>
              <th scope="col">{t('offers.compare.breakdownAmount')}</th>
            </tr>
          </thead>
          <tbody>
            {result.breakdown.map((line) => (
              <tr key={`${line.kind}-${line.detail ?? ''}`}>
                <td>{line.detail ? t('offers.compare.costDetail', { item: t(`offers.cost.${line.kind}`), detail: isolated(line.detail) }) : t(`offers.cost.${line.kind}`)}</td>
                <td>{format.money(line.amount, result.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table></TableRegion>
      </article>
    </li>
  );
}

/** Fees as the page's language lists them, each with its amount: "Activation: KES 100 and SIM card: KES 50". */
export function feeList(ctx: Pick<PageContext, 'language' | 't' | 'format'>, fees: readonly { description: string; amount: string }[], currency: string): string {
  const items = fees.map((f) => ctx.t('offers.label.fee', { description: isolated(f.description), amount: ctx.format.money(f.amount, currency) }));
  return new Intl.ListFormat(ctx.language, { type: 'conjunction', style: 'long' }).format(items);
}

/** What the offer label page shows: one version of an offer and the list of its versions. */
export interface OfferLabelProps {
  ctx: PageContext;
  record: OfferRecord;
  version: number;
  lastUpdated: string;
  isStale: boolean;
  onDate: string;
  versions: { version: number; effectiveFrom: string; effectiveTo: string | null; publishedAt: string }[];
  /** schema.org Offer as JSON; data for machines, not script. */
  jsonLd: string;
  /** The form to see another date: the date shown, or what was typed and its problem. */
  dateForm: FormState;
  /** What other parts of the module add under the versions (contract summary, subscriptions). */
  extra?: preact.ComponentChildren;
}

/** The printable facts label of one offer, as it stood on a date. */
export function OfferLabelPage(props: OfferLabelProps) {
  const { ctx, record, versions } = props;
  const { t, format } = ctx;
  const money = (amount: string) => format.money(amount, record.currency);
  const yesNo = (value: boolean) => (value ? t('offers.label.yes') : t('offers.label.no'));
  const gb = record.dataAllowanceGb === null ? t('offers.label.unlimited') : t('offers.label.gb', { amount: record.dataAllowanceGb });
  const count = (value: number | null) => (value === null ? t('offers.label.unlimited') : format.number(value));
  const link = (url: string | null) => (url ? <a href={url} dir="ltr">{url}</a> : t('offers.label.notGiven'));
  const fees = (list: readonly { description: string; amount: string }[]) =>
    list.length === 0 ? t('offers.label.none') : feeList(ctx, list, record.currency);
  const rows: [string, preact.ComponentChildren][] = [
    [t('offers.label.operator'), <span dir="auto">{record.providerName}</span>],
    [t('offers.label.planId'), <code dir="ltr">{record.planId}</code>],
    [t('offers.label.type'), t(`offers.type.${record.serviceType}`)],
    [t('offers.label.connection'), <span dir="auto">{[record.connectionType, record.technology].filter(Boolean).join(' · ')}</span>],
    [t('offers.label.price'), t('offers.label.pricePer', { amount: money(record.monthlyPrice), days: record.validityDays })],
    [t('offers.label.intro'), record.introRate ? t('offers.label.introTerms', { amount: money(record.introRate.price), months: record.introRate.months }) : t('offers.label.no')],
    [t('offers.label.contract'), record.contract ? <span>{t('offers.label.contractMonths', { months: record.contract.months })} {link(record.contract.termsUrl)}</span> : t('offers.label.no')],
    [t('offers.label.earlyTermination'), record.earlyTerminationFee === null ? t('offers.label.notGiven') : money(record.earlyTerminationFee)],
    [t('offers.label.oneTimeFees'), fees(record.oneTimeFees)],
    [t('offers.label.monthlyFees'), fees(record.monthlyFees)],
    [t('offers.label.tax'), record.tax.kind === 'amount' ? money(record.tax.amount) : t(`offers.label.tax.${record.tax.kind}`)],
    [t('offers.label.data'), gb],
    [t('offers.label.voice'), count(record.voiceMinutes)],
    [t('offers.label.sms'), count(record.smsCount)],
    [t('offers.label.speeds'), t('offers.label.speedValues', { down: record.typicalDownloadMbps ?? '–', up: record.typicalUploadMbps ?? '–', latency: record.typicalLatencyMs ?? '–' })],
    [t('offers.label.promotional'), yesNo(record.isPromotional)],
    [t('offers.label.social'), yesNo(record.isSocialTariff)],
    [t('offers.label.accessibility'), record.accessibilityFeatures ? <span dir="auto">{record.accessibilityFeatures}</span> : t('offers.label.notGiven')],
    [t('offers.label.networkPolicy'), link(record.networkManagementPolicyUrl)],
    [t('offers.label.privacyPolicy'), link(record.privacyPolicyUrl)],
    [t('offers.label.support'), <span dir="ltr">{[record.customerSupportPhone, record.customerSupportWeb].filter(Boolean).join(' · ') || '–'}</span>],
  ];
  return (
    <Layout ctx={ctx} title={t('offers.label.title', { plan: record.servicePlanName })}>
      {/* Raw on purpose: JSX would entity-escape the JSON. jsonLd escapes "<", so it cannot close the element;
          a data block is never executed, so the Content-Security-Policy allows it without 'unsafe-inline'. */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: props.jsonLd }} />
      <ErrorSummary ctx={ctx} form={props.dateForm} />
      <p class="lead">
        {t('offers.label.asOf', { date: format.date(`${props.onDate}T12:00:00Z`), version: props.version })}
      </p>
      <p class="hint">
        {t('offers.compare.lastUpdated', { date: format.date(props.lastUpdated) })}
        {props.isStale ? ` · ${t('offers.compare.stale')}` : ''}
      </p>
      <TableRegion><table>
        <caption class="visually-hidden">{t('offers.label.caption')}</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table></TableRegion>
      <h2>{t('offers.label.versionsTitle')}</h2>
      <ul>
        {versions.map((v) => (
          <li key={v.version}>
            {v.effectiveTo !== null && v.effectiveTo <= v.effectiveFrom ? (
              // A version replaced before its first day was never in effect: no date shows it.
              t('offers.label.versionReplaced', { version: v.version, from: v.effectiveFrom })
            ) : (
              <a href={`/offers/${encodeURIComponent(record.planId)}?on=${v.effectiveFrom}&lang=${ctx.language}`}>
                {t('offers.label.versionLine', { version: v.version, from: v.effectiveFrom, to: v.effectiveTo ?? '–' })}
              </a>
            )}
          </li>
        ))}
      </ul>
      <form method="get" action={`/offers/${encodeURIComponent(record.planId)}`} novalidate aria-label={t('offers.label.onDateForm')}>
        <input type="hidden" name="lang" value={ctx.language} />
        <DateInput
          form={props.dateForm}
          name="on"
          legend={t('offers.label.onDate')}
          hint={t('offers.label.onDateHint')}
          labels={{ day: t('offers.date.day'), month: t('offers.date.month'), year: t('offers.date.year') }}
        />
        <button type="submit" class="button">
          {t('offers.label.show')}
        </button>
      </form>
      {props.extra}
      <p>
        <a href={`/offers/compare?lang=${ctx.language}`}>{t('offers.label.back')}</a>
      </p>
    </Layout>
  );
}
