import type { Platform } from '../../../platform/platform.ts';
import type { SubjectIdentity } from '../../../platform/privacy/record-kinds.ts';
import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import { createOfferServiceFor } from '../../offers/index.ts';
import { createComplaintRepository } from '../cases/complaint.repository.ts';
import { createComplaintServiceFor } from '../complaints.wiring.ts';
import { complaintSubmission } from './complaint-answers.ts';

/** The operator a seeded person's complaint is filed against. */
export const SEEDED_OPERATOR = 'OP-PRIVACY-1';

/**
 * Files a complaint of the person (their first e-mail address, or their first mobile number when
 * they have no address, reached by text) with one attached file against {@link SEEDED_OPERATOR},
 * added to the register when missing; answers the filing's reference and its case ids.
 */
export async function seedComplaintsPersonEverywhere(platform: Platform, identity: SubjectIdentity): Promise<{ reference: string; caseIds: string[] }> {
  const system = { type: 'system' as const, id: null };
  if (!(await createOperatorDirectory(platform.db.kysely).exists(SEEDED_OPERATOR)))
    await createOfferServiceFor(platform).addOperator(system, SEEDED_OPERATOR, 'Privacy Test Operator');
  const email = identity.emails[0];
  const phone = identity.phones[0];
  const filed = await createComplaintServiceFor(platform).file(
    system,
    complaintSubmission({
      operatorIds: [SEEDED_OPERATOR],
      description: 'My bundle was charged twice in one month.',
      consumer: {
        name: 'Nia Seeded',
        email: email ?? '',
        ...(phone === undefined ? {} : { phone }),
        contactBy: email === undefined ? 'sms' : 'email',
        accountNumber: 'ACC-SEEDED',
        language: 'en',
      },
    }),
    [{ fileName: 'bill.pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF-1.4\n') }],
  );
  const repository = createComplaintRepository(platform.db.kysely);
  const caseIds: string[] = [];
  for (const c of filed.cases) caseIds.push((await repository.findCaseByReference(c.reference))!.id);
  return { reference: filed.reference, caseIds };
}
