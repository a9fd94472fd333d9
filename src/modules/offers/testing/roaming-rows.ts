import { ROAMING_COLUMNS } from '../roaming/roaming-file.ts';

/** A valid pay-as-you-go roaming row; tests override what they exercise. */
export function roamingRow(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    unique_plan_id: 'M1234567890ABCDEFGHIJ12345',
    operator_id: 'OP-T1',
    destination: 'UG',
    currency: 'KES',
    voice_out_per_min: '15',
    voice_in_per_min: '5',
    sms_out_each: '5',
    data_per_mb: '2',
    ...overrides,
  };
}

/** A CSV roaming file (CRLF, every column) of the given rows. */
export function roamingCsv(rows: readonly Record<string, string>[], columns: readonly string[] = ROAMING_COLUMNS): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  return [columns.join(','), ...rows.map((row) => columns.map((c) => quote(row[c] ?? '')).join(','))].join('\r\n') + '\r\n';
}
