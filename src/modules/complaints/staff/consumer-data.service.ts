import { readMobileNumber } from '../../../platform/sms/index.ts';
import type { CaseWorkflow, StaffActor } from '../cases/case-workflow.ts';
import { ERASED, type ComplaintCase } from '../cases/complaint-case.ts';
import type { ComplaintRepository, FilingRow } from '../cases/complaint.repository.ts';

/** Builds the consumer's privacy requests staff answer: everything stored about them, how much, and its erasure. */
export function createConsumerDataService(w: CaseWorkflow) {
  const { repository, audit, emailHash, phoneHash, nowIso, inTx, auditRead, readCase } = w;
  /**
   * A consumer's filings by what identifies them: an e-mail address, or the mobile number of one
   * who chose text messages (typed in any usual form, read in the profile's country).
   */
  const filingsOf = async (repo: ComplaintRepository, contact: string): Promise<FilingRow[]> => {
    if (contact.includes('@')) return repo.listFilingsByEmailHash(emailHash(contact));
    const mobile = readMobileNumber(contact, w.country);
    return mobile.ok ? repo.listFilingsByPhoneHash(phoneHash(mobile.e164)) : [];
  };

  return {
    /** Everything stored about a consumer, found by their e-mail address or mobile number, for a data access request; audited. */
    async exportConsumerData(
      who: StaffActor,
      email: string,
    ): Promise<{ filings: Array<{ reference: string; channel: string; createdAt: string; cases: ComplaintCase[] }> }> {
      const filings = await filingsOf(repository, email);
      const out = [];
      for (const f of filings) {
        const cases = await repository.listCasesOfFiling(f.id);
        out.push({
          reference: f.reference,
          channel: f.channel,
          createdAt: f.created_at,
          cases: await Promise.all(cases.map(async (c) => readCase(await repository.loadCase(c), true))),
        });
      }
      await auditRead({ actor: who.actor, action: 'complaints.consumer.exported', entityType: 'complaint_filing', details: { filings: filings.length } });
      return { filings: out };
    },

    /** How many filings an e-mail address or mobile number has, to say what an erasure would reach; audited as a look-up. */
    async countConsumerFilings(who: StaffActor, email: string): Promise<number> {
      const filings = await filingsOf(repository, email);
      await auditRead({ actor: who.actor, action: 'complaints.consumer.counted', entityType: 'complaint_filing', details: { filings: filings.length } });
      return filings.length;
    },

    /** Erases a consumer's personal data and free text; stages, dates, operators and categories stay for statistics. Audited. */
    async eraseConsumerData(who: StaffActor, email: string): Promise<number> {
      return inTx(async (repo, tx) => {
        const filings = await filingsOf(repo, email);
        for (const f of filings) {
          await repo.eraseFiling(f.id, ERASED, nowIso());
          await audit.record(tx, { actor: who.actor, action: 'complaints.consumer.erased', entityType: 'complaint_filing', entityId: f.id });
        }
        return filings.length;
      });
    },
  };
}
