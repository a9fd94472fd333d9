import type { Permission } from '../../../platform/auth/index.ts';
import { Forbidden, Invalid } from '../../../platform/http/errors.ts';
import { qualityWordsOf } from '../imports/quality-messages.ts';

const { qualityMessage, qualityProblem } = qualityWordsOf(new URL('./locales/', import.meta.url));

/** The token permission of network KPI uploads by operators. */
export const KPI_UPLOAD_PERMISSION: Permission = 'quality:kpis';

/**
 * The operator a KPI upload is for: a token tied to an operator uploads its own KPIs only; a
 * token tied to none (the regulator's) names the operator in `?operator=`.
 */
export function kpiOperatorFor(caller: { operatorId: string | null }, requested: string | undefined): string {
  const asked = requested?.trim() || undefined;
  if (caller.operatorId !== null) {
    if (asked !== undefined && asked !== caller.operatorId)
      throw new Forbidden('KPI_OTHER_OPERATOR', qualityMessage('quality.kpi.otherOperatorToken', { operator: caller.operatorId }));
    return caller.operatorId;
  }
  if (asked === undefined)
    throw new Invalid(
      [qualityProblem('operator', undefined, 'quality.kpi.operatorMissing')],
      'KPI_OPERATOR_MISSING',
      qualityMessage('quality.kpi.operatorMissingDetail'),
    );
  return asked;
}
