import { AppError, Invalid } from '../../platform/http/errors.ts';

/** The regulator staff who keep the reference lists (stolen, registration, pairing, golden, barred). */
export const LIST_ROLES = ['officer', 'admin'] as const;

/** Who may open the dump portal: operator agents (their own operator's dumps) and regulator staff (any operator's). */
export const DUMP_ROLES = ['operator_agent', 'officer', 'admin'] as const;

/**
 * The operator a dump upload is for. A caller tied to an operator (an operator agent, a token
 * scoped to an operator) uploads for that operator only, and naming another is refused (403,
 * naming the field); regulator staff and regulator tokens must name one, any one.
 */
export function dumpOperatorFor(caller: { operatorId: string | null }, requested: string | undefined, callerKind: 'token' | 'account'): string {
  const asked = requested?.trim() || undefined;
  if (caller.operatorId !== null) {
    if (asked !== undefined && asked !== caller.operatorId) {
      const message = `This ${callerKind} uploads the dumps of ${caller.operatorId} only; the request names ${asked.slice(0, 64)}.`;
      throw new AppError('DUMP_OTHER_OPERATOR', 403, 'error.forbidden', message, [{ field: 'operator', message }]);
    }
    return caller.operatorId;
  }
  if (asked === undefined) throw new Invalid([{ field: 'operator', message: 'Name the operator whose dump this is.' }], 'DUMP_OPERATOR_MISSING', 'Name the operator whose dump this is.');
  return asked;
}
