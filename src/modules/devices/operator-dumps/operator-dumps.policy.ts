import { AppError, Invalid } from '../../../platform/http/errors.ts';
import { devicesProblem, devicesRefusal } from '../device-messages.ts';

/** The catalogue beside this code: its English words are what the API and the command line say. */
const CATALOGUE = new URL('./locales/', import.meta.url);

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
      const key = callerKind === 'token' ? 'devices.dumps.refusal.otherOperatorToken' : 'devices.dumps.refusal.otherOperatorAccount';
      const values = { operator: caller.operatorId, named: asked.slice(0, 64) };
      throw new AppError('DUMP_OTHER_OPERATOR', 403, 'error.forbidden', devicesRefusal(CATALOGUE, key, values), [
        devicesProblem(CATALOGUE, 'operator', undefined, key, values),
      ]);
    }
    return caller.operatorId;
  }
  if (asked === undefined) {
    throw new Invalid(
      [devicesProblem(CATALOGUE, 'operator', undefined, 'devices.dumps.refusal.operatorMissing')],
      'DUMP_OPERATOR_MISSING',
      devicesRefusal(CATALOGUE, 'devices.dumps.refusal.operatorMissing'),
    );
  }
  return asked;
}
