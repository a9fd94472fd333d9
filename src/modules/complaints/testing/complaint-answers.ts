import type { ComplaintSubmission } from '../index.ts';

/**
 * The answers of the staff entry form (`/staff/complaints/new`) for a mobile billing complaint
 * asking for a refund, the consumer's consent given and no contact with the operator before;
 * `answers` names the operator, the consumer and the rest, and may replace any of these.
 */
export function staffEntryForm(answers: Record<string, string | string[]>): Record<string, string | string[]> {
  return { service: 'mobile', category: 'billing', desiredOutcome: 'A refund.', priorContacted: 'no', consent: 'yes', ...answers };
}

/**
 * A complaint filed on the web about a mobile billing problem, asking for a refund, with the
 * consumer's consent, no contact with the operator before and no extra support; `answers` names
 * the operators, what happened and the consumer, and may replace any of these.
 */
export function complaintSubmission(
  answers: Pick<ComplaintSubmission, 'operatorIds' | 'description' | 'consumer'> & Partial<ComplaintSubmission>,
): ComplaintSubmission {
  return {
    service: 'mobile',
    category: 'billing',
    desiredOutcome: 'A refund.',
    priorContact: { contacted: false },
    extraSupport: [],
    consent: true,
    channel: 'web',
    ...answers,
  };
}

/** The same complaint as the complaints API takes it, without the channel, which the API sets. */
export function complaintApiBody(answers: Parameters<typeof complaintSubmission>[0]): Omit<ComplaintSubmission, 'channel'> {
  const { channel: _channel, ...body } = complaintSubmission(answers);
  return body;
}
