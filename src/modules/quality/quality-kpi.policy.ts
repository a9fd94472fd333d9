import type { Permission } from '../../platform/auth/index.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';

/** The token permission of network KPI uploads by operators. */
export const KPI_UPLOAD_PERMISSION: Permission = 'quality:kpis';

/**
 * The operator a KPI upload is for: a token tied to an operator uploads its own KPIs only; a
 * token tied to none (the regulator's) names the operator in `?operator=`.
 */
export function kpiOperatorFor(caller: { operatorId: string | null }, requested: string | undefined): string {
  const asked = requested?.trim() || undefined;
  if (caller.operatorId !== null) {
    if (asked !== undefined && asked !== caller.operatorId) throw new Forbidden('KPI_OTHER_OPERATOR', `This token uploads the KPIs of ${caller.operatorId} only.`);
    return caller.operatorId;
  }
  if (asked === undefined) throw new Invalid([{ field: 'operator', message: 'Name the operator whose KPIs these are (?operator=<licence id>).' }], 'KPI_OPERATOR_MISSING', 'Name the operator whose KPIs these are.');
  return asked;
}
