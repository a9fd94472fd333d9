import { RelatedGuide } from '../../learn/index.ts';
import type { Static } from '@sinclair/typebox';
import { Layout } from '../../../platform/web/layout.tsx';
import { ErrorSummary, TableRegion, TextField, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { MissingOperators } from '../shared/missing-operators.tsx';
import { ExportLinks } from '../catalogue/offer-export.views.tsx';
import type { Basket, EligibilityCriterion } from '../offers.settings.ts';
import { isolated } from '../shared/page-text.ts';
import { criterionName, eligibilityText } from '../social-tariffs/social-tariffs.views.tsx';
import type { CompareResponse, CompareResult } from './comparison.schemas.ts';

/** What the comparison page shows: the form, and the results once the profile is valid. */
export interface ComparePageProps {
  ctx: PageContext;
  form: FormState;
  baskets: readonly Basket[];
  /** The jurisdiction's eligibility criteria of social tariffs, offered as filters. */
  criteria: readonly EligibilityCriterion[];
  comparison: Static<typeof CompareResponse> | null;
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

function SelectField({
  form,
  name,
  label,
  hint,
  options,
}: {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
}) {
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
      <RelatedGuide ctx={ctx} topic="billing" />
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
      <MissingOperators ctx={ctx} operators={missing} messageKey="offers.compare.missingOperators" />
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
        <TableRegion>
          <table>
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
                  <td>
                    {line.detail
                      ? t('offers.compare.costDetail', { item: t(`offers.cost.${line.kind}`), detail: isolated(line.detail) })
                      : t(`offers.cost.${line.kind}`)}
                  </td>
                  <td>{format.money(line.amount, result.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </article>
    </li>
  );
}
