import { Temporal } from 'temporal-polyfill';
import type { Platform } from '../../platform/platform.ts';
import type { ErasureOutcome, RecordKind, RetentionRule, RetentionRun, SubjectIdentity, SubjectRecord } from '../../platform/privacy/record-kinds.ts';
import { readRetentionPeriod } from '../../platform/privacy/retention-schedule.ts';
import { readMobileNumber } from '../../platform/sms/index.ts';
import type { ModuleSettings } from '../../platform/settings.ts';
import { ERASED } from './cases/complaint-case.ts';
import { createComplaintRepository } from './cases/complaint.repository.ts';
import { createComplaintPrivacyRepository, type ComplaintPrivacyRepository, type EndingTable } from './privacy/complaint-privacy.repository.ts';

// Small enough that one batch never holds the database for long, large enough that a run is quick.
const BATCH = 500;

/** The rule of web drafts when the profile's schedule names none: deleted 30 days after their last change. */
export const DRAFT_RULE: RetentionRule = { period: 'P30D', trigger: 'lastActivity', action: 'delete', legalBasis: 'publicTask' };

/**
 * When a draft last changed at `from` stops opening, under the drafts' rule in the profile's
 * schedule: the end of its period in the profile's time zone (the nightly run deletes it after).
 */
export function draftExpiryOf(platform: Platform): (from: Date) => Date {
  // A bare platform in a test may lack the privacy module's settings; the default rule holds then.
  const schedule = (platform.settings as Partial<ModuleSettings>).privacy?.retention.schedule ?? {};
  const period = readRetentionPeriod((schedule['complaints.drafts'] ?? DRAFT_RULE).period);
  const { timeZone } = platform.config.jurisdiction;
  return (from) => new Date(Temporal.Instant.fromEpochMilliseconds(from.getTime()).toZonedDateTimeISO(timeZone).add(period).epochMilliseconds);
}

/**
 * Walks due records in batches of one transaction each, by id, skipping held ones: `list` answers a
 * batch of candidates after an id, `apply` acts on the ones not held and answers how many records it
 * reached. In a dry run it only counts. Answers the total.
 */
async function runInBatches<T extends { id: string }>(
  repository: ComplaintPrivacyRepository,
  run: RetentionRun,
  list: (repo: ComplaintPrivacyRepository, afterId: string) => Promise<T[]>,
  weight: (item: T) => number,
  isHeld: (item: T) => boolean,
  apply: (repo: ComplaintPrivacyRepository, items: T[], tx: Parameters<Parameters<ComplaintPrivacyRepository['inTransaction']>[0]>[1]) => Promise<void>,
): Promise<number> {
  let afterId = '';
  let total = 0;
  for (;;) {
    const { size, last, count } = await repository.inTransaction(async (repo, tx) => {
      const batch = await list(repo, afterId);
      const due = batch.filter((item) => !isHeld(item));
      if (!run.dryRun && due.length > 0) await apply(repo, due, tx);
      return { size: batch.length, last: batch.at(-1)?.id ?? afterId, count: due.reduce((sum, item) => sum + weight(item), 0) };
    });
    total += count;
    if (size < BATCH) return total;
    afterId = last;
  }
}

/** The kinds of record of the complaints module: complaints with their messages and files, web drafts, one-time codes and follow sessions. */
export function complaintsRecordKinds(platform: Platform): RecordKind[] {
  const { keyring } = platform;
  const repository = createComplaintPrivacyRepository(platform.db.kysely);
  const emailHash = (email: string) => keyring.hash(email.trim().toLowerCase(), 'complaints.email');
  const phoneHash = (e164: string) => keyring.hash(e164, 'complaints.phone');
  const dec = (sealed: string | null, context: string): string | null => {
    if (sealed === null || sealed === ERASED) return sealed;
    return keyring.decrypt(sealed, `complaints.${context}`);
  };
  const filingsOf = (repo: ComplaintPrivacyRepository, identity: SubjectIdentity) =>
    repo.listFilingsByHashes(identity.emails.map(emailHash), identity.phones.map(phoneHash));

  const complaints: RecordKind = {
    name: 'complaints.complaints',
    labelKey: 'complaints.privacy.complaints.label',
    purposeKey: 'complaints.privacy.complaints.purpose',
    categories: ['contact', 'identity', 'content', 'evidence', 'account'],
    subjects: ['consumers'],
    recipients: ['operators', 'regulatorStaff', 'associations', 'public'],
    triggers: ['closed'],
    actions: ['anonymise'],
    // Complaints had no retention before the schedule: five years after closing covers the
    // limitation period of most claims, and the anonymous facts stay for the statistics.
    defaultRule: { period: 'P5Y', trigger: 'closed', action: 'anonymise', legalBasis: 'publicTask' },
    retention: {
      // A filing is anonymised once all its cases closed before the cutoff; a held case keeps its whole filing.
      run: (run) =>
        runInBatches(
          repository,
          run,
          (repo, afterId) => repo.listFilingsClosedBefore(run.cutoff, afterId, BATCH),
          (filing) => filing.caseIds.length,
          (filing) => filing.caseIds.some((id) => run.heldIds.has(id)),
          async (_repo, filings, tx) => {
            const cases = createComplaintRepository(tx);
            for (const filing of filings) await cases.eraseFiling(filing.id, ERASED, run.now);
          },
        ),
    },
    subject: {
      async find(identity) {
        const filings = await filingsOf(repository, identity);
        const cases = await repository.listCasesOfFilings(filings.map((f) => f.id));
        const caseIds = cases.map((c) => c.id);
        const messages = await repository.listMessagesOfCases(caseIds);
        const attachments = await repository.listAttachmentsOfCases(caseIds);
        const byId = new Map(filings.map((f) => [f.id, f]));
        return cases.map((c): SubjectRecord => {
          const f = byId.get(c.filing_id)!;
          const shown = messages
            .filter((m) => m.case_id === c.id && m.sender !== 'operator')
            .map((m) => ({ sender: m.sender, at: m.created_at, text: dec(m.text_enc, 'message') }));
          return {
            id: c.id,
            createdAt: c.filed_at,
            fields: {
              reference: c.reference,
              filingReference: f.reference,
              channel: f.channel,
              operatorId: c.operator_id,
              service: c.service,
              category: c.category,
              stage: c.stage,
              filedAt: c.filed_at,
              closedAt: c.closed_at,
              name: dec(f.consumer_name_enc, 'consumer_name'),
              email: dec(f.consumer_email_enc, 'consumer_email') || null,
              phone: dec(f.consumer_phone_enc, 'consumer_phone'),
              contactBy: f.contact_by,
              accountNumber: dec(f.consumer_account_enc, 'consumer_account'),
              serviceNumber: dec(f.service_number_enc, 'service_number'),
              language: f.language,
              extraSupport: dec(f.extra_support_enc, 'extra_support'),
              extraSupportDetails: dec(f.extra_support_details_enc, 'extra_support_details'),
              consentAt: f.consent_at,
              description: dec(c.description_enc, 'description'),
              desiredOutcome: dec(c.desired_outcome_enc, 'desired_outcome'),
              priorOperatorReference: dec(c.prior_operator_reference_enc, 'prior_operator_reference'),
              problemStartedOn: c.problem_started_on,
              messages: JSON.stringify(shown),
            },
            files: attachments
              .filter((a) => a.case_id === c.id)
              .map((a) => ({
                name: dec(a.file_name_enc, 'attachment_name') ?? 'attachment',
                mediaType: a.media_type,
                bytes: Buffer.from(keyring.decrypt(a.content_enc, 'complaints.attachment'), 'base64'),
              })),
          };
        });
      },

      erase(identity, { now, heldIds }) {
        return repository.inTransaction(async (repo, tx) => {
          const filings = await filingsOf(repo, identity);
          const cases = await repo.listCasesOfFilings(filings.map((f) => f.id));
          const outcomes: ErasureOutcome[] = [];
          const operatorIds = new Set<string>();
          const operatorReferences: Record<string, string[]> = {};
          for (const filing of filings) {
            const own = cases.filter((c) => c.filing_id === filing.id);
            const isHeld = own.some((c) => heldIds.has(c.id));
            // The consumer's details serve every case of the filing: one open case keeps them all.
            const isOpen = own.some((c) => c.closed_at === null);
            if (isHeld || isOpen) {
              for (const c of own) outcomes.push({ id: c.id, result: 'kept', reason: isHeld ? 'legalHold' : 'openCase' });
              continue;
            }
            await createComplaintRepository(tx).eraseFiling(filing.id, ERASED, now);
            for (const c of own) {
              outcomes.push({ id: c.id, result: 'anonymised' });
              if (c.referred_at === null) continue;
              operatorIds.add(c.operator_id);
              (operatorReferences[c.operator_id] ??= []).push(c.reference);
            }
          }
          return { outcomes, operatorIds: [...operatorIds].sort(), operatorReferences };
        });
      },
    },
  };

  /**
   * The unfiled drafts of a person: saved to their address or number, or with either typed in the
   * answers. Drafts have no keyed hash of the address, so each is opened; they live a month at most.
   */
  const draftsOf = async (identity: SubjectIdentity) => {
    const emails = new Set(identity.emails.map((email) => email.trim().toLowerCase()));
    const phones = new Set(identity.phones);
    const mobileOf = (typed: string | undefined) => {
      const read = typed ? readMobileNumber(typed, platform.config.jurisdiction.country) : undefined;
      return read?.ok ? read.e164 : undefined;
    };
    const found: { row: Awaited<ReturnType<ComplaintPrivacyRepository['listOpenDraftsAfter']>>[number]; answers: Record<string, unknown> }[] = [];
    let afterId = '';
    for (;;) {
      const batch = await repository.listOpenDraftsAfter(afterId, BATCH);
      for (const row of batch) {
        const answers = JSON.parse(keyring.decrypt(row.answers_enc, 'complaint_drafts.answers')) as { email?: string; phone?: string };
        const savedEmail = row.email_enc === null ? undefined : keyring.decrypt(row.email_enc, 'complaint_drafts.email').toLowerCase();
        const savedPhone = row.phone_enc === null ? undefined : keyring.decrypt(row.phone_enc, 'complaint_drafts.phone');
        const isTheirs =
          (savedEmail !== undefined && emails.has(savedEmail)) ||
          (savedPhone !== undefined && phones.has(savedPhone)) ||
          emails.has((answers.email ?? '').trim().toLowerCase()) ||
          phones.has(mobileOf(answers.phone) ?? '');
        if (isTheirs) found.push({ row, answers });
      }
      if (batch.length < BATCH) return found;
      afterId = batch.at(-1)!.id;
    }
  };

  const drafts: RecordKind = {
    name: 'complaints.drafts',
    labelKey: 'complaints.privacy.drafts.label',
    purposeKey: 'complaints.privacy.drafts.purpose',
    categories: ['contact', 'identity', 'content', 'evidence'],
    subjects: ['consumers'],
    recipients: [],
    triggers: ['lastActivity'],
    actions: ['delete'],
    defaultRule: DRAFT_RULE,
    subject: {
      async find(identity) {
        const rows = await draftsOf(identity);
        const files = await repository.listDraftAttachments(rows.map(({ row }) => row.id));
        return rows.map(({ row, answers }) => ({
          id: row.id,
          createdAt: row.created_at,
          fields: {
            reference: row.reference,
            savedToEmail: row.email_enc === null ? null : keyring.decrypt(row.email_enc, 'complaint_drafts.email'),
            savedToPhone: row.phone_enc === null ? null : keyring.decrypt(row.phone_enc, 'complaint_drafts.phone'),
            answers: JSON.stringify(answers),
            updatedAt: row.updated_at,
          },
          files: files
            .filter((file) => file.draft_id === row.id)
            .map((file) => ({
              name: keyring.decrypt(file.name_enc, 'complaint_draft_attachments.name'),
              mediaType: file.media_type,
              bytes: Buffer.from(keyring.decrypt(file.content_enc, 'complaint_draft_attachments.content'), 'base64'),
            })),
        }));
      },

      // A draft was never filed: nothing obliges the regulator to keep it.
      async erase(identity, { heldIds }) {
        const found = await draftsOf(identity);
        const held = found.filter(({ row }) => heldIds.has(row.id));
        const erased = found.filter(({ row }) => !heldIds.has(row.id));
        await repository.inTransaction((repo) => repo.deleteDrafts(erased.map(({ row }) => row.id)));
        return {
          outcomes: [
            ...erased.map(({ row }) => ({ id: row.id, result: 'erased' as const })),
            ...held.map(({ row }) => ({ id: row.id, result: 'kept' as const, reason: 'legalHold' as const })),
          ],
          operatorIds: [],
        };
      },
    },
    retention: {
      run: (run) =>
        runInBatches(
          repository,
          run,
          async (repo, afterId) => (await repo.listDraftsChangedBefore(run.cutoff, run.now, afterId, BATCH)).map((id) => ({ id })),
          () => 1,
          (draft) => run.heldIds.has(draft.id),
          async (repo, due) => {
            await repo.deleteDrafts(due.map((d) => d.id));
          },
        ),
    },
  };

  /**
   * The keyed hashes the consumer pages file codes and follow sessions under: of the references of
   * the person's filings and cases (the follow page) and of their unfiled drafts (resuming).
   */
  const referenceHashesOf = async (identity: SubjectIdentity): Promise<string[]> => {
    const filings = await filingsOf(repository, identity);
    const cases = await repository.listCasesOfFilings(filings.map((f) => f.id));
    const followed = [...filings.map((f) => f.reference), ...cases.map((c) => c.reference)];
    const resumed = (await draftsOf(identity)).map(({ row }) => row.reference);
    return [
      ...followed.map((reference) => keyring.hash(reference, 'complaint_follow.reference')),
      ...resumed.map((reference) => keyring.hash(reference, 'complaint_drafts.reference')),
    ];
  };

  /** A kind of short-lived rows that stop working at `expires_at`, deleted a period after. */
  const ending = (table: EndingTable, kind: 'accessCodes' | 'followSessions', period: string): RecordKind => ({
    name: `complaints.${kind}`,
    labelKey: `complaints.privacy.${kind}.label`,
    purposeKey: `complaints.privacy.${kind}.purpose`,
    categories: ['account'],
    subjects: ['consumers'],
    recipients: [],
    // The last activity of a code or a follow session is the moment it stopped working.
    triggers: ['lastActivity'],
    actions: ['delete'],
    defaultRule: { period, trigger: 'lastActivity', action: 'delete', legalBasis: 'publicTask' },
    // Found through the person's references while their complaints and drafts can still be found.
    subject: {
      async find(identity) {
        const rows = await repository.listBySubjectHashes(table, await referenceHashesOf(identity));
        return rows.map((row) => ({ id: row.id, createdAt: row.created_at, fields: { expiresAt: row.expires_at } }));
      },
      async erase(identity, { heldIds }) {
        const rows = await repository.listBySubjectHashes(table, await referenceHashesOf(identity));
        const erased = rows.filter((row) => !heldIds.has(row.id));
        await repository.inTransaction((repo) =>
          repo.deleteEnded(
            table,
            erased.map((row) => row.id),
          ),
        );
        return {
          outcomes: [
            ...erased.map((row) => ({ id: row.id, result: 'erased' as const })),
            ...rows.filter((row) => heldIds.has(row.id)).map((row) => ({ id: row.id, result: 'kept' as const, reason: 'legalHold' as const })),
          ],
          operatorIds: [],
        };
      },
    },
    retention: {
      run: (run) =>
        runInBatches(
          repository,
          run,
          async (repo, afterId) => (await repo.listEndedBefore(table, run.cutoff, afterId, BATCH)).map((id) => ({ id })),
          () => 1,
          (row) => run.heldIds.has(row.id),
          async (repo, due) => {
            await repo.deleteEnded(
              table,
              due.map((row) => row.id),
            );
          },
        ),
    },
  });

  // Codes and sessions come first: an erasure walking the kinds in order reaches them while the
  // complaints and drafts still lead to them. A code that ended within the last day still counts
  // against the day's limit of new codes.
  return [ending('complaint_access_codes', 'accessCodes', 'P1D'), ending('complaint_follow_sessions', 'followSessions', 'PT1H'), drafts, complaints];
}
