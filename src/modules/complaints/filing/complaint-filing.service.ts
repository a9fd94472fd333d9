import type { Actor } from '../../../platform/audit/index.ts';
import { localDateOf } from '../../../platform/calendar.ts';
import { Invalid, type FieldProblem } from '../../../platform/http/errors.ts';
import { listValue } from '../../../platform/i18n/index.ts';
import { readMobileNumber } from '../../../platform/sms/index.ts';
import { escalationOpensAtOf } from '../deadlines/deadlines.ts';
import { newReference } from '../cases/complaint-reference.ts';
import { checkSubmission } from '../cases/complaint-validation.ts';
import { refusal } from '../cases/complaint-messages.ts';
import type { CaseRow, FilingRow } from '../cases/complaint.repository.ts';
import type { CaseWorkflow } from '../cases/case-workflow.ts';
import type { ComplaintSubmission, FiledComplaint, FilingAttachment, FilingOptions } from '../cases/complaint.types.ts';

/** Filing a complaint, by the consumer or by staff on their behalf (see {@link createComplaintFilingService}). */
export type ComplaintFilingService = ReturnType<typeof createComplaintFilingService>;

/** Builds filing: a submission checked, stored as one filing with a case per operator, and the consumer told. */
export function createComplaintFilingService(w: CaseWorkflow) {
  const { clock, ids, audit, settings, calendar, enc, emailHash, inTx, languageOf, formatDate, mailConsumer, openDeadline, move, insertAttachment } = w;

  /** Every problem of a submission, against today's operators, categories and languages. */
  async function problemsOf(submission: ComplaintSubmission, now: Date): Promise<FieldProblem[]> {
    const operators = await w.operators.list();
    return checkSubmission(submission, {
      operatorIds: new Set(operators.map((o) => o.id)),
      categories: settings.categories,
      languages: w.languages,
      today: localDateOf(now, calendar.timeZone),
      country: w.country,
    });
  }

  async function fileSubmission(
    actor: Actor,
    submission: ComplaintSubmission,
    attachments: readonly FilingAttachment[] = [],
    options: FilingOptions = {},
  ): Promise<FiledComplaint> {
    const now = clock.now();
    const problems = await problemsOf(submission, now);
    if (problems.length > 0) throw new Invalid(problems, 'COMPLAINT_INVALID', refusal('invalid'));
    const at = now.toISOString();
    const email = submission.consumer.email.trim();
    const contactBy = submission.consumer.contactBy ?? 'email';
    const typedPhone = submission.consumer.phone?.trim() ?? '';
    // The number texts go to is kept in E.164; a contact phone of a consumer reached by e-mail stays as typed.
    // Either way a mobile number is also kept as a keyed hash, so staff find the consumer's complaints by it.
    const mobile = typedPhone === '' ? undefined : readMobileNumber(typedPhone, w.country);
    const phone = contactBy === 'sms' && mobile?.ok ? mobile.e164 : typedPhone;
    // Counted only once the filing is valid, and before its transaction, which on SQLite holds the only connection.
    await options.admitReceipt?.(contactBy === 'sms' ? phone : email);
    const hasExtraSupport = submission.extraSupport.length > 0;
    const filingId = ids();
    const filing: FilingRow = {
      id: filingId,
      reference: newReference('C'),
      channel: submission.channel,
      consumer_name_enc: enc(submission.consumer.name.trim(), 'consumer_name'),
      consumer_email_enc: enc(email, 'consumer_email'),
      // Without an address the hash is unique to the filing, so no two such filings look like one consumer's.
      consumer_email_hash: email === '' ? `none:${filingId}` : emailHash(email),
      consumer_phone_enc: phone !== '' ? enc(phone, 'consumer_phone') : null,
      consumer_phone_hash: mobile?.ok ? w.phoneHash(mobile.e164) : null,
      contact_by: contactBy,
      consumer_account_enc: submission.consumer.accountNumber?.trim() ? enc(submission.consumer.accountNumber.trim(), 'consumer_account') : null,
      service_number_enc: submission.consumer.serviceNumber?.trim() ? enc(submission.consumer.serviceNumber.trim(), 'service_number') : null,
      language: submission.consumer.language,
      extra_support_enc: hasExtraSupport ? enc(JSON.stringify([...new Set(submission.extraSupport)]), 'extra_support') : null,
      extra_support_details_enc: submission.extraSupportDetails?.trim() ? enc(submission.extraSupportDetails.trim(), 'extra_support_details') : null,
      consent_at: at,
      on_behalf_consent: submission.onBehalfConsentRecorded === true,
      filed_by_type: actor.type,
      filed_by_id: actor.id,
      created_at: at,
      erased_at: null,
    };
    const escalationOpensAt = escalationOpensAtOf(settings, calendar, now).toISOString();
    const isReferredAtFiling = settings.directReferral && !(hasExtraSupport && settings.extraSupportSkipsReferral);
    const result: FiledComplaint = { reference: filing.reference, cases: [] };
    await inTx(async (repo, tx) => {
      await repo.insertFiling(filing);
      for (const operatorId of submission.operatorIds) {
        const row: CaseRow = {
          id: ids(),
          reference: newReference('K'),
          filing_id: filingId,
          operator_id: operatorId,
          service: submission.service,
          category: submission.category,
          stage: 'received',
          description_enc: enc(submission.description.trim(), 'description'),
          desired_outcome_enc: enc(submission.desiredOutcome.trim(), 'desired_outcome'),
          has_prior_contact: submission.priorContact.contacted,
          prior_contact_date: submission.priorContact.contacted && submission.priorContact.date ? submission.priorContact.date : null,
          prior_operator_reference_enc:
            submission.priorContact.contacted && submission.priorContact.operatorReference?.trim()
              ? enc(submission.priorContact.operatorReference.trim(), 'prior_operator_reference')
              : null,
          problem_started_on: submission.problemStartedOn ? submission.problemStartedOn : null,
          has_extra_support: hasExtraSupport,
          is_untimely: false,
          is_deadlock: false,
          amount_on_hold: null,
          assigned_to: null,
          filed_at: at,
          stage_entered_at: at,
          escalation_opens_at: escalationOpensAt,
          escalation_notified_at: null,
          closed_at: null,
          referred_at: null,
          version: 1,
          updated_at: at,
        };
        await repo.insertCase(row);
        await repo.insertHistory({
          id: ids(),
          case_id: row.id,
          from_stage: null,
          to_stage: 'received',
          reason: `filed_${submission.channel}`,
          actor_type: actor.type,
          actor_id: actor.id,
          at,
        });
        let deadline = await openDeadline(repo, row, 'received', at);
        let current: CaseRow = row;
        if (isReferredAtFiling) {
          // The profile sends complaints to the operator at once; the consumer was told so before consenting.
          const assessed = await move(repo, tx, row, 'assessed', 'system', actor, 'direct_referral', {}, false);
          current = await move(repo, tx, assessed, 'referred_to_operator', 'system', actor, 'direct_referral', {}, false);
          deadline = (await repo.listDeadlinesOf([row.id])).find((d) => d.met_at === null) ?? null;
        }
        for (const file of attachments) await insertAttachment(repo, tx, row.id, file, actor, at);
        result.cases.push({
          reference: row.reference,
          operatorId,
          stage: current.stage,
          deadlines: deadline ? [{ stage: deadline.stage, dueAt: deadline.due_at }] : [],
        });
      }
      await audit.record(tx, {
        actor,
        action: 'complaints.filing.created',
        entityType: 'complaint_filing',
        entityId: filingId,
        details: { channel: submission.channel, cases: submission.operatorIds.length, hasExtraSupport },
      });
      const language = languageOf(filing.language);
      await mailConsumer(tx, filing, isReferredAtFiling ? 'filedReferred' : 'filed', {
        reference: filing.reference,
        // The case references as the consumer's language lists them.
        cases: listValue(result.cases.map((c) => c.reference)),
        due: result.cases[0]?.deadlines[0] ? formatDate(result.cases[0].deadlines[0].dueAt, language) : '-',
      });
      if (options.inTransaction) await options.inTransaction(tx, result);
    });
    return result;
  }

  return { problemsOf, file: fileSubmission };
}
