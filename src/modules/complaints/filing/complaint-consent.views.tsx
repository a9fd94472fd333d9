import type { PageContext } from '../../../platform/web/context.ts';
import { OPERATOR_SHARED_FIELDS } from '../cases/complaint.types.ts';

/**
 * What goes to the operator and when, and what stays with the regulator: the consent the consumer
 * gives, as list items. The operator's view of a case is built from the same list.
 */
export function SharedWithOperator({ ctx, isDirectReferral }: { ctx: PageContext; isDirectReferral: boolean }) {
  const { t } = ctx;
  return (
    <>
      <li>
        {t(isDirectReferral ? 'complaints.consent.sentDirect' : 'complaints.consent.sent')}
        <ul>
          {OPERATOR_SHARED_FIELDS.map((field) => (
            <li key={field}>{t(`complaints.shared.${field}`)}</li>
          ))}
        </ul>
      </li>
      <li>{t('complaints.consent.kept')}</li>
    </>
  );
}
