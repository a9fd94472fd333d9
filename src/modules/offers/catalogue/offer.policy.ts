import { Forbidden } from '../../../platform/http/errors.ts';
import { englishOf, SHARED_MESSAGES } from '../shared/offer-messages.ts';

/**
 * The operator an upload is for. A token scoped to an operator imports that operator's offers
 * only; a regulator token (no operator) may name one, or leave each row to name its own.
 */
export function importOperatorFor(token: { operatorId: string | null }, requested: string | undefined): string | undefined {
  const asked = requested?.trim() || undefined;
  if (token.operatorId === null) return asked;
  if (asked !== undefined && asked !== token.operatorId) {
    throw new Forbidden('OFFERS_OTHER_OPERATOR', englishOf(SHARED_MESSAGES, 'offers.error.tokenOtherOperatorDetail', { operator: token.operatorId }));
  }
  return token.operatorId;
}
