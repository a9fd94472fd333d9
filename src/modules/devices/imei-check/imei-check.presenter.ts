import { reportingBodyName } from './imei.ts';
import type { ImeiCheck } from './imei-check.service.ts';
import type { ImeiCheckResult } from './imei-check.schemas.ts';
import type { CheckedDevice } from './imei-check.repository.ts';

/** Shapes one check for the API and the page: the device from the TAC database, the verdicts, the status. */
export function presentCheck(check: ImeiCheck): ImeiCheckResult {
  const { analysis, device, decision } = check;
  return {
    input: analysis.raw,
    digits: analysis.digits,
    key: analysis.key,
    form: analysis.form,
    status: decision.status,
    statusSince: decision.since,
    device: device ? presentDevice(device) : null,
    verdicts: { ...analysis.verdicts, tac: check.tacVerdict },
  };
}

function presentDevice(row: CheckedDevice): NonNullable<ImeiCheckResult['device']> {
  return {
    tac: row.tac,
    brand: row.brand,
    model: row.model,
    marketingName: row.marketing_name,
    deviceType: row.device_type,
    deviceClass: row.device_class,
    // SQLite gives 0/1, PostgreSQL true/false.
    radio: { has2g: Boolean(row.has_2g), has3g: Boolean(row.has_3g), has4g: Boolean(row.has_4g), has5g: Boolean(row.has_5g) },
    allocationDate: row.allocation_date,
    reportingBody: row.reporting_body,
    reportingBodyName: reportingBodyName(row.reporting_body),
  };
}
