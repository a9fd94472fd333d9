import { RelatedGuide } from '../../learn/index.ts';
import { Layout } from '../../../platform/web/layout.tsx';
import { DateInput, ErrorSummary, QueryForm, SubmitButton, TableRegion, type FormState } from '../../../platform/web/components.tsx';
import type { PageContext } from '../../../platform/web/context.ts';
import type { OfferRecord } from './offer-file.ts';
import { isolated } from '../shared/page-text.ts';

/** Fees as the page's language lists them, each with its amount: "Activation: KES 100 and SIM card: KES 50". */
export function feeList(
  ctx: Pick<PageContext, 'language' | 't' | 'format'>,
  fees: readonly { description: string; amount: string }[],
  currency: string,
): string {
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
  const link = (url: string | null) =>
    url ? (
      <a href={url} dir="ltr">
        {url}
      </a>
    ) : (
      t('offers.label.notGiven')
    );
  const fees = (list: readonly { description: string; amount: string }[]) => (list.length === 0 ? t('offers.label.none') : feeList(ctx, list, record.currency));
  const rows: [string, preact.ComponentChildren][] = [
    [t('offers.label.operator'), <span dir="auto">{record.providerName}</span>],
    [t('offers.label.planId'), <code dir="ltr">{record.planId}</code>],
    [t('offers.label.type'), t(`offers.type.${record.serviceType}`)],
    [t('offers.label.connection'), <span dir="auto">{[record.connectionType, record.technology].filter(Boolean).join(' · ')}</span>],
    [t('offers.label.price'), t('offers.label.pricePer', { amount: money(record.monthlyPrice), days: record.validityDays })],
    [
      t('offers.label.intro'),
      record.introRate ? t('offers.label.introTerms', { amount: money(record.introRate.price), months: record.introRate.months }) : t('offers.label.no'),
    ],
    [
      t('offers.label.contract'),
      record.contract ? (
        <span>
          {t('offers.label.contractMonths', { months: record.contract.months })} {link(record.contract.termsUrl)}
        </span>
      ) : (
        t('offers.label.no')
      ),
    ],
    [t('offers.label.earlyTermination'), record.earlyTerminationFee === null ? t('offers.label.notGiven') : money(record.earlyTerminationFee)],
    [t('offers.label.oneTimeFees'), fees(record.oneTimeFees)],
    [t('offers.label.monthlyFees'), fees(record.monthlyFees)],
    [t('offers.label.tax'), record.tax.kind === 'amount' ? money(record.tax.amount) : t(`offers.label.tax.${record.tax.kind}`)],
    [t('offers.label.data'), gb],
    [t('offers.label.voice'), count(record.voiceMinutes)],
    [t('offers.label.sms'), count(record.smsCount)],
    [
      t('offers.label.speeds'),
      t('offers.label.speedValues', { down: record.typicalDownloadMbps ?? '–', up: record.typicalUploadMbps ?? '–', latency: record.typicalLatencyMs ?? '–' }),
    ],
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
      <p class="lead">{t('offers.label.asOf', { date: format.date(`${props.onDate}T12:00:00Z`), version: props.version })}</p>
      <p class="hint">
        {t('offers.compare.lastUpdated', { date: format.date(props.lastUpdated) })}
        {props.isStale ? ` · ${t('offers.compare.stale')}` : ''}
      </p>
      <TableRegion>
        <table>
          <caption class="visually-hidden">{t('offers.label.caption')}</caption>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
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
      <QueryForm ctx={ctx} action={`/offers/${encodeURIComponent(record.planId)}`} label={t('offers.label.onDateForm')}>
        <DateInput
          form={props.dateForm}
          name="on"
          legend={t('offers.label.onDate')}
          hint={t('offers.label.onDateHint')}
          labels={{ day: t('offers.date.day'), month: t('offers.date.month'), year: t('offers.date.year') }}
        />
        <SubmitButton>{t('offers.label.show')}</SubmitButton>
      </QueryForm>
      {props.extra}
      <p>
        <a href={`/offers/compare?lang=${ctx.language}`}>{t('offers.label.back')}</a>
      </p>
      <RelatedGuide ctx={ctx} topic="contracts" />
    </Layout>
  );
}
