import { Forbidden } from '../../../platform/http/errors.ts';
import type { Role } from '../../../platform/auth/index.ts';
import { englishOf, SHARED_MESSAGES } from '../shared/offer-messages.ts';

/** Who may open the upload form: operator agents for their own operator, regulator staff for any. */
export const UPLOAD_ROLES: readonly Role[] = ['admin', 'officer', 'operator_agent'];

/** The signed-in person as the upload form needs them. */
export interface Uploader {
  role: Role;
  operatorId: string | null;
}

/** Whether the uploader chooses the operator (regulator staff) or acts for their own (an operator agent). */
export function isOperatorChosen(uploader: Uploader): boolean {
  return uploader.role !== 'operator_agent';
}

/**
 * The operator an upload through the form is for. An operator agent uploads for the operator
 * their account is bound to, never another; regulator staff name one (undefined until they do).
 */
export function uploadOperatorFor(uploader: Uploader, requested: string | undefined): string | undefined {
  const asked = requested?.trim() || undefined;
  if (!UPLOAD_ROLES.includes(uploader.role)) throw new Forbidden('ROLE_FORBIDDEN', englishOf(SHARED_MESSAGES, 'offers.error.roleForbiddenDetail'));
  if (!isOperatorChosen(uploader)) {
    if (uploader.operatorId === null) throw new Forbidden('OFFERS_NO_OPERATOR', englishOf(SHARED_MESSAGES, 'offers.error.noOperatorDetail'));
    if (asked !== undefined && asked !== uploader.operatorId)
      throw new Forbidden('OFFERS_OTHER_OPERATOR', englishOf(SHARED_MESSAGES, 'offers.error.agentOtherOperatorDetail', { operator: uploader.operatorId }));
    return uploader.operatorId;
  }
  return asked;
}
