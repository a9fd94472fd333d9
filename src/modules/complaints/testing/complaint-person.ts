import type { Platform } from '../../../platform/platform.ts';
import type { SubjectIdentity } from '../../../platform/privacy/record-kinds.ts';
import { createOperatorDirectory } from '../../../platform/operators/index.ts';
import { createOfferServiceFor } from '../../offers/index.ts';
import { createComplaintRepository } from '../cases/complaint.repository.ts';
import { consumerPagesDepsFor, createComplaintServiceFor } from '../complaints.wiring.ts';
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

let seededAddress = 0;

/**
 * The person's other complaint records, through the consumer's own services: the follow page
 * opened for their filing `reference` (a code sent, a session started), and an unfinished draft
 * saved for later to their address or number. Each call comes from another network address, so
 * the limits on codes sent stay out of the way.
 */
export async function seedComplaintsFollowAndDraft(platform: Platform, identity: SubjectIdentity, reference: string): Promise<void> {
  seededAddress += 1;
  const networkAddress = `192.0.2.${(seededAddress % 250) + 1}`;
  const email = identity.emails[0];
  const phone = identity.phones[0];
  const pages = consumerPagesDepsFor(platform, createComplaintServiceFor(platform), platform.settings.complaints);
  const t = (key: string) => key;
  const followed = await pages.follow.start(reference, t, networkAddress);
  if (!followed.ok) throw new Error('the seeded follow request was refused');
  const { draft } = await pages.drafts.start();
  await pages.drafts.saveAnswers(draft, { description: 'A second problem, not sent yet.' });
  const mail = { t, formatDate: (iso: string) => iso, resumeUrl: 'http://127.0.0.1/complaints/resume' };
  const saved =
    email === undefined
      ? await pages.drafts.saveForLaterByText(draft, phone ?? '', mail, networkAddress)
      : await pages.drafts.saveForLater(draft, email, mail, networkAddress);
  if (!saved.ok) throw new Error('the seeded draft could not be saved for later');
}
