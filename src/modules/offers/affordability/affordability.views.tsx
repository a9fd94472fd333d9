import type { Static } from '@sinclair/typebox';
import { Layout } from '../../../platform/web/layout.tsx';
import { DateInput, ErrorSummary, QueryForm, SubmitButton, TableRegion, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { AffordabilityBody, PricedOfferSchema } from './affordability.schemas.ts';
import { isolated } from '../shared/page-text.ts';

type Basket = AffordabilityBody['baskets'][number];
type Target = Basket['targets'][number];
type Priced = Static<typeof PricedOfferSchema>;

/** What the affordability page shows: the date form, and the measure once the date is valid. */
export interface AffordabilityPageProps {
  ctx: PageContext;
  form: FormState;
  report: AffordabilityBody | null;
  /** True when the date shown is today. */
  isToday: boolean;
}

/**
 * A configured name, or its message when the catalogues have one (so that the default baskets and
 * targets are translated). A message the page's language lacks comes back marked, and the page
 * marks it as English; a configured name is in whatever script the regulator wrote it, so its
 * direction is its own.
 */
function labelOf(ctx: PageContext, key: string, name: string): { text: string; isConfigured: boolean } {
  if (ctx.catalogs.messages.get('en')?.[key] !== undefined) return { text: ctx.t(key), isConfigured: false };
  return { text: name, isConfigured: true };
}

function percent(ctx: PageContext, share: string): string {
  // The share is already rounded to two decimals; Intl only lays it out for the language.
  return ctx.format.number(Number(share) / 100, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function thresholdOf(ctx: PageContext, target: Target): string {
  return ctx.format.number(Number(target.thresholdPercent) / 100, { style: 'percent', maximumFractionDigits: 4 });
}

/** A target, its rule and who set it, as one sentence of the page's language, its punctuation included. */
function targetSentence(ctx: PageContext, target: Target): string {
  const label = labelOf(ctx, `offers.affordability.target.${target.id}`, target.name);
  const rule = ctx.t(target.operator === '<' ? 'offers.affordability.rule.lt' : 'offers.affordability.rule.lte', { threshold: thresholdOf(ctx, target) });
  const values = { target: label.isConfigured ? isolated(label.text) : label.text, rule };
  return target.source
    ? ctx.t('offers.affordability.targetWithSource', { ...values, source: isolated(target.source) })
    : ctx.t('offers.affordability.target', values);
}

/** The comparison as a formula, "(< 2 %)", kept left to right on right-to-left pages. */
function TargetSymbol({ ctx, target }: { ctx: PageContext; target: Target }) {
  return <bdi dir="ltr">{`(${target.operator === '<' ? '<' : '≤'} ${thresholdOf(ctx, target)})`}</bdi>;
}

function TargetCell({ ctx, priced, target }: { ctx: PageContext; priced: Priced; target: Target }) {
  const outcome = priced.targets.find((t) => t.id === target.id)?.isMet ?? null;
  if (outcome === null) return <td>{ctx.t('offers.affordability.unknown')}</td>;
  return <td>{outcome ? ctx.t('offers.affordability.met') : <strong>{ctx.t('offers.affordability.notMet')}</strong>}</td>;
}

function PriceCells({ ctx, priced, basket }: { ctx: PageContext; priced: Priced; basket: Basket }) {
  const { format } = ctx;
  return (
    <>
      <td>
        <a href={`/offers/${encodeURIComponent(priced.planId)}?lang=${ctx.language}`} dir="auto">
          {priced.planName}
        </a>
      </td>
      <td>{format.money(priced.price.amount, priced.price.currency)}</td>
      <td>{priced.usd === null ? '–' : format.money(priced.usd, 'USD')}</td>
      <td>
        {priced.ppp === null
          ? '–'
          : ctx.t('offers.affordability.pppAmount', { amount: format.number(Number(priced.ppp), { minimumFractionDigits: 2, maximumFractionDigits: 2 }) })}
      </td>
      <td>{priced.shareOfMonthlyGniPercent === null ? '–' : percent(ctx, priced.shareOfMonthlyGniPercent)}</td>
      {basket.targets.map((target) => (
        <TargetCell key={target.id} ctx={ctx} priced={priced} target={target} />
      ))}
    </>
  );
}

function BasketSection({ ctx, basket }: { ctx: PageContext; basket: Basket }) {
  const { t } = ctx;
  const name = labelOf(ctx, `offers.preset.${basket.id}`, basket.name);
  const headingId = `basket-${basket.id}`;
  const columns = 6 + basket.targets.length;
  const { excluded } = basket;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} dir={name.isConfigured ? 'auto' : undefined}>
        {name.text}
      </h2>
      {basket.targets.length > 0 ? (
        <dl>
          {basket.targets.map((target, index) => {
            const met = basket.cheapest?.targets.find((o) => o.id === target.id)?.isMet ?? null;
            return (
              <div key={target.id}>
                <dt>
                  {t('offers.affordability.targetColumn', { number: index + 1 })} <TargetSymbol ctx={ctx} target={target} />
                </dt>
                <dd>{targetSentence(ctx, target)}</dd>
                <dd>
                  <strong>
                    {met === null
                      ? t('offers.affordability.marketUnknown')
                      : met
                        ? t('offers.affordability.marketMet')
                        : t('offers.affordability.marketNotMet')}
                  </strong>
                </dd>
              </div>
            );
          })}
        </dl>
      ) : null}
      <TableRegion>
        <table>
          <caption>{t('offers.affordability.caption', { basket: name.text })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('offers.affordability.col.operator')}</th>
              <th scope="col">{t('offers.affordability.col.offer')}</th>
              <th scope="col">{t('offers.affordability.col.price')}</th>
              <th scope="col">{t('offers.affordability.col.usd')}</th>
              <th scope="col">{t('offers.affordability.col.ppp')}</th>
              <th scope="col">{t('offers.affordability.col.share')}</th>
              {basket.targets.map((target, index) => (
                <th key={target.id} scope="col">
                  {t('offers.affordability.targetColumn', { number: index + 1 })} <TargetSymbol ctx={ctx} target={target} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">
                {t('offers.affordability.market')}
                {basket.cheapest ? <span dir="auto">{` · ${basket.cheapest.operatorName}`}</span> : null}
              </th>
              {basket.cheapest ? (
                <PriceCells ctx={ctx} priced={basket.cheapest} basket={basket} />
              ) : (
                <td colSpan={columns - 1}>{t('offers.affordability.marketNone')}</td>
              )}
            </tr>
            {basket.operators.map((operator) => (
              <tr key={operator.operatorId}>
                <th scope="row" dir="auto">
                  {operator.operatorName}
                </th>
                {operator.offer ? (
                  <PriceCells ctx={ctx} priced={operator.offer} basket={basket} />
                ) : (
                  <td colSpan={columns - 1}>{t(`offers.affordability.note.${operator.note ?? 'no_current_offer'}`)}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {excluded.stale + excluded.promotional + excluded.socialTariff > 0 ? (
        <p class="hint">{t('offers.affordability.excluded', { stale: excluded.stale, promotional: excluded.promotional, social: excluded.socialTariff })}</p>
      ) : null}
    </section>
  );
}

function FigureItem({
  ctx,
  label,
  figure,
  value,
}: {
  ctx: PageContext;
  label: string;
  figure: { year: number; source: string; sourceUrl: string | null } | null;
  value: string;
}) {
  const { t } = ctx;
  return (
    <>
      <dt>{label}</dt>
      <dd>
        {figure === null ? (
          t('offers.affordability.figureMissing')
        ) : (
          <>
            {value} · {t('offers.affordability.figureYear', { year: String(figure.year) })} · {t('offers.affordability.figureSource')}{' '}
            {figure.sourceUrl ? (
              <a href={figure.sourceUrl} dir="auto">
                {figure.source}
              </a>
            ) : (
              <span dir="auto">{figure.source}</span>
            )}
          </>
        )}
      </dd>
    </>
  );
}

function Method({ ctx, report }: { ctx: PageContext; report: AffordabilityBody }) {
  const { t, format } = ctx;
  const { exchangeRate, pppFactor, gniPerCapita } = report.conversions;
  return (
    <section aria-labelledby="method-title">
      <h2 id="method-title">{t('offers.affordability.methodTitle')}</h2>
      <p>{t('offers.affordability.method.baskets')}</p>
      <p>{t(`offers.affordability.method.prepaid.${report.prepaidRule}`)}</p>
      <p>{t('offers.affordability.method.excluded')}</p>
      <p>{t('offers.affordability.method.conversion')}</p>
      <h3>{t('offers.affordability.figuresTitle')}</h3>
      <dl class="summary-list">
        <div>
          <FigureItem
            ctx={ctx}
            label={t('offers.affordability.figure.exchangeRate')}
            figure={exchangeRate}
            value={exchangeRate ? t('offers.affordability.figure.perUsd', { amount: format.money(exchangeRate.value, report.currency) }) : ''}
          />
        </div>
        <div>
          <FigureItem
            ctx={ctx}
            label={t('offers.affordability.figure.ppp')}
            figure={pppFactor}
            value={pppFactor ? t('offers.affordability.figure.perIntlDollar', { amount: format.money(pppFactor.value, report.currency) }) : ''}
          />
        </div>
        <div>
          <FigureItem
            ctx={ctx}
            label={t('offers.affordability.figure.gni')}
            figure={gniPerCapita}
            value={gniPerCapita ? t('offers.affordability.figure.perYear', { amount: format.money(gniPerCapita.value, gniPerCapita.currency) }) : ''}
          />
        </div>
      </dl>
      <p class="hint">{t('offers.affordability.figuresNotDated')}</p>
    </section>
  );
}

/** The affordability of the price baskets: a GET form for the date, a table per basket, and the method with its sources. */
export function AffordabilityPage({ ctx, form, report, isToday }: AffordabilityPageProps) {
  const { t, format } = ctx;
  const apiHref = report && !isToday ? `/api/v1/affordability?asOf=${report.onDate}` : '/api/v1/affordability';
  return (
    <Layout ctx={ctx} title={t('offers.affordability.title')}>
      <p class="lead">{t('offers.affordability.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <QueryForm ctx={ctx} action="/affordability" label={t('offers.affordability.formLabel')}>
        <DateInput
          form={form}
          name="asOf"
          legend={t('offers.affordability.asOf')}
          hint={t('offers.affordability.asOfHint')}
          labels={{ day: t('offers.date.day'), month: t('offers.date.month'), year: t('offers.date.year') }}
        />
        <SubmitButton>{t('offers.affordability.show')}</SubmitButton>
      </QueryForm>
      {report ? (
        <>
          <p role="status">{t('offers.affordability.onDate', { date: format.date(`${report.onDate}T12:00:00Z`) })}</p>
          {isToday ? null : <p class="notice">{t('offers.affordability.pastNotice')}</p>}
          {report.baskets.map((basket) => (
            <BasketSection key={basket.id} ctx={ctx} basket={basket} />
          ))}
          <Method ctx={ctx} report={report} />
          <p>
            {t('offers.affordability.data')}{' '}
            <a href={apiHref} dir="ltr">
              /api/v1/affordability
            </a>
          </p>
          <p class="hint">{t('offers.compare.fictional')}</p>
        </>
      ) : null}
    </Layout>
  );
}
