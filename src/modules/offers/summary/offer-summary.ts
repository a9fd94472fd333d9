import type { OfferRecord } from '../catalogue/offer-file.ts';

/** One line of a contract summary: a label and its value; `url` when the value is a web address. */
export interface SummaryRow {
  label: string;
  value: string;
  url?: string;
  /** True when the value is the operator's own text, in whatever language it wrote it. */
  isOperatorText?: boolean;
}

/** One of the six headed parts of the summary. */
export interface SummarySection {
  id: 'services' | 'speeds' | 'price' | 'duration' | 'accessibility' | 'other';
  heading: string;
  rows: SummaryRow[];
}

/** A contract summary of one offer version, in one language, ready for the page and the PDF. */
export interface ContractSummary {
  title: string;
  /** "Plan id …, version N, in effect from …": repeated under every heading. */
  versionLine: string;
  sections: SummarySection[];
  notice: string;
}

/** What the builder needs to speak one language. */
export interface SummaryWords {
  t: (key: string, values?: Record<string, string | number>) => string;
  money: (amount: string, currency: string) => string;
  /** A calendar day (YYYY-MM-DD) in words. */
  day: (date: string) => string;
  number: (value: number) => string;
  /** Items as a list of the language ("A, B and C"; "A、B和C"). */
  list: (items: readonly string[]) => string;
  authority: string;
}

/**
 * The contract summary of an offer version, under the headings of the EU contract summary
 * template (Commission Implementing Regulation (EU) 2019/2243): services and equipment; speeds
 * and remedies; price; duration, renewal and termination; features for users with disabilities;
 * other information. Pure: words, formats and the name of the plan an add-on extends come in, text comes out.
 */
export function buildContractSummary(record: OfferRecord, version: number, words: SummaryWords, names: { addonOf?: string } = {}): ContractSummary {
  const { t } = words;
  const money = (amount: string) => words.money(amount, record.currency);
  const notGiven = t('offers.label.notGiven');
  const count = (value: number | null) => (value === null ? t('offers.label.unlimited') : words.number(value));
  const link = (label: string, url: string | null): SummaryRow => (url ? { label, value: url, url } : { label, value: notGiven });
  const plan = [record.servicePlanName, record.tierPlanName].filter(Boolean).join(' · ');
  const fees = (list: readonly { description: string; amount: string }[]) =>
    words.list(list.map((f) => t('offers.label.fee', { description: f.description, amount: money(f.amount) })));

  const services: SummaryRow[] = [
    { label: t('offers.label.operator'), value: record.providerName, isOperatorText: true },
    { label: t('offers.summary.plan'), value: plan, isOperatorText: true },
    { label: t('offers.label.type'), value: t(`offers.type.${record.serviceType}`) },
    { label: t('offers.label.connection'), value: [record.connectionType, record.technology].filter(Boolean).join(' · '), isOperatorText: true },
    {
      label: t('offers.label.data'),
      value: record.dataAllowanceGb === null ? t('offers.label.unlimited') : t('offers.label.gb', { amount: record.dataAllowanceGb }),
    },
    { label: t('offers.label.voice'), value: count(record.voiceMinutes) },
    { label: t('offers.label.sms'), value: count(record.smsCount) },
  ];
  // The plan an add-on is bought on, by the name consumers know it by (its id only when no name is known).
  if (record.addonOf)
    services.push({ label: t('offers.summary.addonOf'), value: names.addonOf ?? record.addonOf, isOperatorText: names.addonOf !== undefined });

  const speeds: SummaryRow[] = [
    {
      label: t('offers.summary.download'),
      value: record.typicalDownloadMbps === null ? notGiven : t('offers.summary.mbps', { value: record.typicalDownloadMbps }),
    },
    { label: t('offers.summary.upload'), value: record.typicalUploadMbps === null ? notGiven : t('offers.summary.mbps', { value: record.typicalUploadMbps }) },
    { label: t('offers.summary.latency'), value: record.typicalLatencyMs === null ? notGiven : t('offers.summary.ms', { value: record.typicalLatencyMs }) },
    link(t('offers.label.networkPolicy'), record.networkManagementPolicyUrl),
    { label: t('offers.summary.remedies'), value: t('offers.summary.remediesText', { authority: words.authority }) },
  ];

  const price: SummaryRow[] = [
    { label: t('offers.label.price'), value: t('offers.label.pricePer', { amount: money(record.monthlyPrice), days: record.validityDays }) },
    {
      label: t('offers.label.intro'),
      value: record.introRate ? t('offers.label.introTerms', { amount: money(record.introRate.price), months: record.introRate.months }) : t('offers.label.no'),
    },
    {
      label: t('offers.label.oneTimeFees'),
      value: record.oneTimeFees.length === 0 ? t('offers.label.none') : fees(record.oneTimeFees),
      isOperatorText: record.oneTimeFees.length > 0,
    },
    {
      label: t('offers.label.monthlyFees'),
      value: record.monthlyFees.length === 0 ? t('offers.label.none') : fees(record.monthlyFees),
      isOperatorText: record.monthlyFees.length > 0,
    },
    { label: t('offers.label.tax'), value: record.tax.kind === 'amount' ? money(record.tax.amount) : t(`offers.label.tax.${record.tax.kind}`) },
    {
      label: t('offers.summary.beyond'),
      value: record.overage
        ? record.overage.unit === 'per_gb'
          ? t('offers.summary.overagePerGb', { amount: money(record.overage.price) })
          : t('offers.summary.overagePerIncrement', { amount: money(record.overage.price), gb: record.overage.incrementGb ?? '' })
        : record.dataPricePerGb !== null
          ? t('offers.summary.overagePerGb', { amount: money(record.dataPricePerGb) })
          : notGiven,
    },
    {
      label: t('offers.summary.payg'),
      value: t('offers.summary.paygValues', {
        minute: record.voicePricePerMinute === null ? '–' : money(record.voicePricePerMinute),
        sms: record.smsPriceEach === null ? '–' : money(record.smsPriceEach),
      }),
    },
  ];

  const duration: SummaryRow[] = [
    {
      label: t('offers.label.contract'),
      value: record.contract ? t('offers.summary.contractMonths', { months: record.contract.months }) : t('offers.summary.noContract'),
    },
    ...(record.contract ? [link(t('offers.summary.terms'), record.contract.termsUrl)] : []),
    { label: t('offers.summary.validity'), value: t('offers.summary.validityDays', { days: record.validityDays }) },
    { label: t('offers.label.earlyTermination'), value: record.earlyTerminationFee === null ? notGiven : money(record.earlyTerminationFee) },
    {
      label: t('offers.summary.effective'),
      value: record.effectiveTo
        ? t('offers.summary.effectiveRange', { from: words.day(record.effectiveFrom), to: words.day(record.effectiveTo) })
        : t('offers.summary.effectiveFrom', { from: words.day(record.effectiveFrom) }),
    },
  ];

  const accessibility: SummaryRow[] = [
    record.accessibilityFeatures
      ? { label: t('offers.label.accessibility'), value: record.accessibilityFeatures, isOperatorText: true }
      : { label: t('offers.label.accessibility'), value: t('offers.summary.noAccessibility') },
  ];

  const other: SummaryRow[] = [
    { label: t('offers.label.promotional'), value: record.isPromotional ? t('offers.label.yes') : t('offers.label.no') },
    { label: t('offers.label.social'), value: record.isSocialTariff ? t('offers.label.yes') : t('offers.label.no') },
    { label: t('offers.summary.supportPhone'), value: record.customerSupportPhone ?? notGiven },
    link(t('offers.summary.supportWeb'), record.customerSupportWeb),
    link(t('offers.label.privacyPolicy'), record.privacyPolicyUrl),
    link(t('offers.summary.dataPolicy'), record.dataAllowancePolicyUrl),
    link(t('offers.summary.bundleDiscounts'), record.bundleDiscountsUrl),
  ];

  return {
    title: t('offers.summary.title', { plan }),
    versionLine: t('offers.summary.versionLine', { planId: record.planId, version, date: words.day(record.effectiveFrom) }),
    sections: [
      { id: 'services', heading: t('offers.summary.section.services'), rows: services },
      { id: 'speeds', heading: t('offers.summary.section.speeds'), rows: speeds },
      { id: 'price', heading: t('offers.summary.section.price'), rows: price },
      { id: 'duration', heading: t('offers.summary.section.duration'), rows: duration },
      { id: 'accessibility', heading: t('offers.summary.section.accessibility'), rows: accessibility },
      { id: 'other', heading: t('offers.summary.section.other'), rows: other },
    ],
    notice: t('offers.summary.notice'),
  };
}
