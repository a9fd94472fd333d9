import { OFFER_COLUMNS } from '../catalogue/offer-file.ts';

/** A valid mobile offer row of the national file; tests override what they exercise. */
export function offerRow(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    unique_plan_id: 'M1234567890ABCDEFGHIJ12345',
    provider_name: 'Test Mobile',
    service_plan_name: 'Monthly 5 GB',
    connection_type: 'Mobile',
    monthly_price: '500',
    intro_rate: 'No',
    contract_req: 'No',
    tax: 'Included',
    monthly_data_allow: '5',
    operator_id: 'OP-T1',
    currency: 'KES',
    validity_days: '30',
    voice_minutes: '100',
    sms_count: '50',
    voice_price_per_minute: '4',
    sms_price_each: '1',
    data_price_per_gb: '200',
    typical_download_speed: '20',
    ...overrides,
  };
}

/** A CSV offer file (CRLF, every column) of the given rows. */
export function offerCsv(rows: readonly Record<string, string>[], columns: readonly string[] = OFFER_COLUMNS): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return [columns.join(','), ...rows.map((row) => columns.map((c) => quote(row[c] ?? '')).join(','))].join('\r\n') + '\r\n';
}

/** A plan id with a given 15-character suffix seed, for tests that need many distinct plans. */
export function planId(kind: 'M' | 'F', registration: number, suffix: string): string {
  return `${kind}${String(registration).padStart(10, '0')}${suffix.toUpperCase().padEnd(15, '0').slice(0, 15)}`;
}
