import type { OfferRecord } from './offer-file.ts';

/**
 * The schema.org Offer of an offer version, as JSON safe to place in a
 * `<script type="application/ld+json">` element: "<" is escaped so no text can close it.
 */
export function offerJsonLd(record: OfferRecord, url: string): string {
  const document = {
    '@context': 'https://schema.org',
    '@type': 'Offer',
    identifier: record.planId,
    name: record.tierPlanName ? `${record.servicePlanName} ${record.tierPlanName}` : record.servicePlanName,
    url,
    category: record.serviceType === 'fixed' ? 'Fixed broadband' : 'Mobile',
    price: record.monthlyPrice,
    priceCurrency: record.currency,
    priceSpecification: {
      '@type': 'UnitPriceSpecification',
      price: record.monthlyPrice,
      priceCurrency: record.currency,
      billingDuration: { '@type': 'QuantitativeValue', value: record.validityDays, unitCode: 'DAY' },
    },
    validFrom: record.effectiveFrom,
    ...(record.effectiveTo ? { validThrough: record.effectiveTo } : {}),
    seller: { '@type': 'Organization', name: record.providerName, identifier: record.operatorId },
  };
  return JSON.stringify(document).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
