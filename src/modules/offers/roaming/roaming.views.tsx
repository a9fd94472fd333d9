import { RelatedGuide } from '../../learn/index.ts';
import type { Static } from '@sinclair/typebox';
import { Layout } from '../../../platform/web/layout.tsx';
import { ErrorSummary, QueryForm, SubmitButton, TableRegion, TextField, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import { MissingOperators } from '../shared/missing-operators.tsx';
import { countryName, ISO_COUNTRY_CODES } from './roaming-countries.ts';
import type { RoamingEstimateResponse, RoamingResultSchema } from './roaming.schemas.ts';
import { WORLD_ZONE, type RoamingZone } from './roaming.settings.ts';

/** What the travel estimator page shows: the form, and the results once the stay is valid. */
export interface RoamingPageProps {
  ctx: PageContext;
  form: FormState;
  zones: readonly RoamingZone[];
  homeCountry: string;
  /** The profile's default spending limit and alert share, to explain the simulation before a search. */
  defaultLimit: string;
  alertShare: string;
  estimate: Static<typeof RoamingEstimateResponse> | null;
}

/** The name of a zone: its message when the catalogues have one, its configured name otherwise. */
function zoneLabel(ctx: PageContext, zone: RoamingZone): string {
  const key = `offers.roaming.zone.${zone.id}`;
  return ctx.catalogs.messages.get('en')?.[key] === undefined ? zone.name : ctx.t(key);
}

/** How a destination (a country code, a zone id or world) reads on the page. */
function destinationLabel(ctx: PageContext, zones: readonly RoamingZone[], id: string): string {
  if (id === WORLD_ZONE) return ctx.t('offers.roaming.world');
  const zone = zones.find((z) => z.id === id);
  if (zone) return zoneLabel(ctx, zone);
  return countryName(id, ctx.language);
}

function DestinationField({ ctx, form, zones, homeCountry }: { ctx: PageContext; form: FormState; zones: readonly RoamingZone[]; homeCountry: string }) {
  const { t } = ctx;
  const problem = form.problems.find((p) => p.field === 'destination');
  const selected = form.values['destination'] ?? '';
  const collator = new Intl.Collator(ctx.language);
  const countries = [...ISO_COUNTRY_CODES]
    .filter((code) => code !== homeCountry)
    .map((code) => ({ code, name: countryName(code, ctx.language) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return (
    <div class={problem ? 'field field-error' : 'field'}>
      <label for="field-destination">{t('offers.roaming.destination')}</label>
      <p class="hint" id="field-destination-hint">
        {t('offers.roaming.destinationHint')}
      </p>
      {problem ? (
        <p class="error-message" id="field-destination-error">
          {problem.message}
        </p>
      ) : null}
      <select
        id="field-destination"
        name="destination"
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={problem ? 'field-destination-hint field-destination-error' : 'field-destination-hint'}
      >
        <option value="" selected={selected === ''}>
          {t('offers.roaming.destinationChoose')}
        </option>
        <optgroup label={t('offers.roaming.zones')}>
          {zones.map((z) => (
            <option key={z.id} value={z.id} selected={selected === z.id}>
              {zoneLabel(ctx, z)}
            </option>
          ))}
          <option value={WORLD_ZONE} selected={selected === WORLD_ZONE}>
            {t('offers.roaming.world')}
          </option>
        </optgroup>
        <optgroup label={t('offers.roaming.countries')}>
          {countries.map((c) => (
            <option key={c.code} value={c.code} selected={selected === c.code}>
              {c.name}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}

/** The travel estimator and bill-shock simulator: a GET form that works without JavaScript, then the neutral ranking. */
export function RoamingPage({ ctx, form, zones, homeCountry, defaultLimit, alertShare, estimate }: RoamingPageProps) {
  const { t, format } = ctx;
  const currency = ctx.jurisdiction.currency;
  return (
    <Layout ctx={ctx} title={t('offers.roaming.title')}>
      <p class="lead">{t('offers.roaming.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <QueryForm ctx={ctx} action="/offers/roaming" label={t('offers.roaming.formLabel')}>
        <DestinationField ctx={ctx} form={form} zones={zones} homeCountry={homeCountry} />
        <TextField form={form} name="days" label={t('offers.roaming.days')} inputMode="numeric" />
        <TextField form={form} name="data_mb" label={t('offers.roaming.dataMb')} hint={t('offers.roaming.dataMbHint')} inputMode="decimal" />
        <TextField form={form} name="voice_out_min" label={t('offers.roaming.voiceOut')} inputMode="numeric" />
        <TextField form={form} name="voice_in_min" label={t('offers.roaming.voiceIn')} inputMode="numeric" />
        <TextField form={form} name="sms" label={t('offers.roaming.sms')} inputMode="numeric" />
        <TextField
          form={form}
          name="limit"
          label={t('offers.roaming.limit', { currency })}
          hint={t('offers.roaming.limitHint', { amount: format.money(defaultLimit, currency), share: format.number(Number(alertShare), { style: 'percent' }) })}
          inputMode="decimal"
        />
        <SubmitButton>{t('offers.roaming.submit')}</SubmitButton>
      </QueryForm>
      {estimate ? <Results ctx={ctx} estimate={estimate} zones={zones} /> : null}
      <RelatedGuide ctx={ctx} topic="roaming" />
    </Layout>
  );
}

function Results({ ctx, estimate, zones }: { ctx: PageContext; estimate: Static<typeof RoamingEstimateResponse>; zones: readonly RoamingZone[] }) {
  const { t, format } = ctx;
  const missing = estimate.notice.operatorsWithoutRates;
  const where = destinationLabel(ctx, zones, estimate.destination.id);
  const money = (amount: string) => format.money(amount, estimate.currency);
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{t('offers.roaming.resultsTitle', { count: estimate.results.length, destination: where, days: estimate.usage.days })}</h2>
      <p>{t('offers.roaming.rankingRule')}</p>
      <MissingOperators ctx={ctx} operators={missing} messageKey="offers.roaming.missingOperators" />
      {estimate.stale > 0 ? (
        <p class="notice" role="status">
          {t('offers.freshness.roamingStale', { count: estimate.stale, days: estimate.freshnessDays })}
        </p>
      ) : null}
      {estimate.ineligible > 0 ? <p class="hint">{t('offers.roaming.ineligible', { count: estimate.ineligible })}</p> : null}
      <h3>{t('offers.roaming.billShockTitle')}</h3>
      <p>
        {t(estimate.limit.isDefault ? 'offers.roaming.billShockDefault' : 'offers.roaming.billShockYours', {
          limit: money(estimate.limit.amount),
          alert: money(estimate.limit.alertAt),
          share: format.number(Number(estimate.limit.alertShare), { style: 'percent' }),
        })}
      </p>
      <p class="hint">{t('offers.roaming.billShockRule')}</p>
      {estimate.results.length === 0 ? <p>{t('offers.roaming.none')}</p> : null}
      <ol class="offer-results">
        {estimate.results.map((r) => (
          <ResultItem key={r.planId} ctx={ctx} result={r} zones={zones} alertAt={estimate.limit.alertAt} limit={estimate.limit.amount} />
        ))}
      </ol>
      <p class="hint">{t('offers.compare.fictional')}</p>
    </section>
  );
}

function ResultItem({
  ctx,
  result,
  zones,
  alertAt,
  limit,
}: {
  ctx: PageContext;
  result: Static<typeof RoamingResultSchema>;
  zones: readonly RoamingZone[];
  alertAt: string;
  limit: string;
}) {
  const { t, format } = ctx;
  const headingId = `roaming-${result.planId}`;
  const money = (amount: string) => format.money(amount, result.currency);
  const point = (p: NonNullable<NonNullable<typeof result.billShock>['alert']>) => ({
    day: p.day,
    data: format.number(Number(p.dataMb)),
    minutes: format.number(Number(p.voiceMinutes)),
    sms: format.number(Number(p.sms)),
    spent: money(p.spent),
  });
  const shock = result.billShock;
  return (
    <li>
      <article aria-labelledby={headingId} class={result.isCheapest ? 'notice' : undefined}>
        <h3 id={headingId}>
          <a href={`/offers/${encodeURIComponent(result.planId)}?lang=${ctx.language}`}>
            {result.operatorName} · {result.planName}
          </a>
        </h3>
        {result.isCheapest ? (
          <p>
            <strong>{t('offers.roaming.cheapest')}</strong>
          </p>
        ) : null}
        <p>
          <strong>{t('offers.roaming.total', { amount: money(result.totalCost) })}</strong>
        </p>
        <p class="hint">
          {t('offers.roaming.rateFor', { destination: destinationLabel(ctx, zones, result.rateDestination) })} ·{' '}
          {t('offers.compare.lastUpdated', { date: format.date(result.lastUpdated) })}
        </p>
        <TableRegion>
          <table>
            <caption class="visually-hidden">{t('offers.roaming.breakdownCaption', { plan: result.planName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('offers.compare.breakdownItem')}</th>
                <th scope="col">{t('offers.roaming.quantity')}</th>
                <th scope="col">{t('offers.compare.breakdownAmount')}</th>
              </tr>
            </thead>
            <tbody>
              {result.breakdown.length === 0 ? (
                <tr>
                  <td colSpan={3}>{t('offers.roaming.nothingToPay')}</td>
                </tr>
              ) : null}
              {result.breakdown.map((line) => (
                <tr key={line.kind}>
                  <td>{t(`offers.roaming.cost.${line.kind}`)}</td>
                  <td>{t(`offers.roaming.unit.${line.kind}`, { quantity: format.number(Number(line.quantity)), count: Number(line.quantity) })}</td>
                  <td>{money(line.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        {shock ? (
          <ul>
            <li>
              {shock.alert
                ? t('offers.roaming.alertAt', { alert: money(alertAt), ...point(shock.alert) })
                : t('offers.roaming.alertNever', { alert: money(alertAt) })}
            </li>
            <li>
              {shock.cutOff
                ? t('offers.roaming.cutOffAt', { limit: money(limit), ...point(shock.cutOff) })
                : t('offers.roaming.cutOffNever', { limit: money(limit) })}
            </li>
          </ul>
        ) : null}
      </article>
    </li>
  );
}
