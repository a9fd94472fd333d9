import type { Platform } from '../../platform/platform.ts';
import type { ErasureOutcome, RecordKind, SubjectIdentity, SubjectRecord } from '../../platform/privacy/record-kinds.ts';
import { runRetentionInBatches } from '../../platform/privacy/retention-batches.ts';
import { SMS_NUMBER_HASH } from '../../platform/sms/index.ts';
import { identifierValueHash } from './shared/identifier-hash.ts';
import { SEALED } from './shared/sealed-contexts.ts';
import { createScamsPrivacyRepository, ERASED } from './privacy/scams-privacy.repository.ts';

const labels = (kind: string) => ({ labelKey: `scams.privacy.${kind}.label`, purposeKey: `scams.privacy.${kind}.purpose` });

/**
 * The kinds of record of scams and fraud, each with the retention it had before the schedule:
 * raw evidence and campaign samples after 180 days, reporters' numbers and decided appeals after
 * 365, number checks after 24 hours, identifiers never listed 365 days after their last report.
 * Counts, states and categories always stay, so the lookup, thresholds and open data do not change.
 */
export function scamsRecordKinds(platform: Platform): RecordKind[] {
  const { keyring } = platform;
  const repository = createScamsPrivacyRepository(platform.db.kysely);
  const open = (sealed: string | null, context: string) => (sealed === null || sealed === ERASED ? null : keyring.decrypt(sealed, context));
  const reporterHashes = (identity: SubjectIdentity) => identity.phones.map((phone) => keyring.hash(phone, 'scam_reports.reporter'));

  const reporters: RecordKind = {
    name: 'scams.reporters',
    ...labels('reporters'),
    categories: ['contact', 'content', 'evidence'],
    subjects: ['reporters'],
    recipients: ['operators', 'regulatorStaff', 'public'],
    triggers: ['created'],
    actions: ['anonymise'],
    defaultRule: { period: 'P365D', trigger: 'created', action: 'anonymise', legalBasis: 'publicTask' },
    retention: {
      run: (run) => runRetentionInBatches(run, { dueKeys: repository.dueReporters, apply: (ids) => repository.eraseReporters(ids) }),
    },
    subject: {
      async find(identity) {
        const reports = await repository.reportsByReporter(reporterHashes(identity));
        return reports.map((r): SubjectRecord => ({
          id: r.id,
          createdAt: r.filed_at,
          fields: {
            reference: r.reference,
            reporterNumber: open(r.reporter_enc, SEALED.reporterNumber),
            channel: r.channel,
            medium: r.medium,
            category: r.category,
            occurredAt: r.occurred_at,
            text: open(r.text_enc, SEALED.reportText),
            contactKind: r.contact_kind,
            contact: open(r.contact_enc, SEALED.reportContact),
            links: r.links.map((l) => keyring.decrypt(l, SEALED.linkUrl)).join('\n') || null,
            language: r.language,
          },
          files: r.screenshots.map((s, i) => ({
            name: `${r.reference}-screenshot-${i + 1}.${s.media_type.split('/')[1] ?? 'bin'}`,
            mediaType: s.media_type,
            bytes: Buffer.from(keyring.decrypt(s.content_enc, SEALED.screenshot), 'base64'),
          })),
        }));
      },
      async erase(identity, { now, heldIds }) {
        const reports = await repository.reportsByReporter(reporterHashes(identity));
        const outcomes: ErasureOutcome[] = reports.map((r) =>
          heldIds.has(r.id) ? { id: r.id, result: 'kept', reason: 'legalHold' } : { id: r.id, result: 'anonymised' },
        );
        const ids = outcomes.filter((o) => o.result === 'anonymised').map((o) => o.id);
        const operatorIds = await repository.operatorsNoticedFor(reports.map((r) => r.id));
        // The report stays, counted in thresholds, the lookup and open data; only the person leaves it.
        await repository.anonymiseReports(ids, now);
        return { outcomes, operatorIds };
      },
    },
  };

  const rawEvidence: RecordKind = {
    name: 'scams.rawEvidence',
    ...labels('rawEvidence'),
    categories: ['content', 'evidence'],
    subjects: ['reporters'],
    recipients: ['regulatorStaff'],
    triggers: ['created'],
    actions: ['delete'],
    defaultRule: { period: 'P180D', trigger: 'created', action: 'delete', legalBasis: 'publicTask' },
    // A person's raw evidence is found and erased with their report (`scams.reporters`).
    retention: { run: (run) => runRetentionInBatches(run, { dueKeys: repository.dueRawEvidence, apply: repository.deleteRawEvidence }) },
  };

  const campaignSamples: RecordKind = {
    name: 'scams.campaignSamples',
    ...labels('campaignSamples'),
    categories: ['content'],
    subjects: ['reporters'],
    recipients: ['regulatorStaff'],
    triggers: ['lastActivity'],
    actions: ['delete'],
    defaultRule: { period: 'P180D', trigger: 'lastActivity', action: 'delete', legalBasis: 'publicTask' },
    retention: { run: (run) => runRetentionInBatches(run, { dueKeys: repository.dueCampaignSamples, apply: (ids) => repository.deleteCampaignSamples(ids) }) },
  };

  const appeals: RecordKind = {
    name: 'scams.appeals',
    ...labels('appeals'),
    categories: ['contact', 'content'],
    subjects: ['subscribers'],
    recipients: ['regulatorStaff'],
    triggers: ['created'],
    actions: ['anonymise'],
    defaultRule: { period: 'P365D', trigger: 'created', action: 'anonymise', legalBasis: 'publicTask' },
    retention: { run: (run) => runRetentionInBatches(run, { dueKeys: repository.dueAppeals, apply: (ids) => repository.eraseAppeals(ids) }) },
    subject: {
      async find(identity) {
        const rows = await repository.appealsByIdentifier(identity.phones.map((phone) => identifierValueHash(keyring, 'number', phone)));
        return rows.map((a) => ({
          id: a.id,
          createdAt: a.filed_at,
          fields: {
            reference: a.reference,
            statement: open(a.statement_enc, SEALED.appealStatement),
            contact: open(a.contact_enc, SEALED.appealContact),
            language: a.language,
            state: a.state,
            decidedAt: a.decided_at,
            decisionReason: a.decision_reason,
          },
        }));
      },
      async erase(identity, { heldIds }) {
        const rows = await repository.appealsByIdentifier(identity.phones.map((phone) => identifierValueHash(keyring, 'number', phone)));
        const outcomes = rows.map((a): ErasureOutcome => {
          if (heldIds.has(a.id)) return { id: a.id, result: 'kept', reason: 'legalHold' };
          // An appeal being decided needs the holder's account and contact until its decision.
          if (a.state === 'open') return { id: a.id, result: 'kept', reason: 'openCase' };
          // A decided appeal loses its statement and contact, but its decision stays with the number
          // it cleared or kept listed: the list must be able to show why, so the record is kept.
          return { id: a.id, result: 'kept', reason: 'legalObligation' };
        });
        const ids = rows.filter((a) => !heldIds.has(a.id) && a.state !== 'open').map((a) => a.id);
        if (ids.length > 0) await repository.eraseAppeals(ids);
        return { outcomes, operatorIds: [] };
      },
    },
  };

  const checkHashes = (identity: SubjectIdentity) =>
    // A reporter's code is keyed like the reporter, a holder's like every text the platform sends.
    identity.phones.flatMap((phone) => [keyring.hash(phone, 'scam_reports.reporter'), keyring.hash(phone, SMS_NUMBER_HASH)]);
  const numberChecks: RecordKind = {
    name: 'scams.numberChecks',
    ...labels('numberChecks'),
    categories: ['contact'],
    subjects: ['reporters', 'subscribers'],
    recipients: [],
    triggers: ['created'],
    actions: ['delete'],
    defaultRule: { period: 'PT24H', trigger: 'created', action: 'delete', legalBasis: 'publicTask' },
    retention: { run: (run) => runRetentionInBatches(run, { dueKeys: repository.dueNumberChecks, apply: (ids) => repository.deleteNumberChecks(ids) }) },
    subject: {
      async find(identity) {
        const rows = await repository.numberChecksByNumber(checkHashes(identity));
        return rows.map((c) => ({
          id: c.id,
          createdAt: c.sent_at,
          fields: { purpose: c.purpose, number: open(c.number_enc, SEALED.checkedNumber), verifiedAt: c.verified_at },
        }));
      },
      async erase(identity, { heldIds }) {
        const rows = await repository.numberChecksByNumber(checkHashes(identity));
        const outcomes = rows.map((c): ErasureOutcome =>
          heldIds.has(c.id) ? { id: c.id, result: 'kept', reason: 'legalHold' } : { id: c.id, result: 'erased' },
        );
        const ids = outcomes.filter((o) => o.result === 'erased').map((o) => o.id);
        if (ids.length > 0) await repository.deleteNumberChecks(ids);
        return { outcomes, operatorIds: [] };
      },
    },
  };

  const unconfirmedIdentifiers: RecordKind = {
    name: 'scams.unconfirmedIdentifiers',
    ...labels('unconfirmedIdentifiers'),
    categories: ['contact'],
    subjects: ['subscribers'],
    recipients: ['regulatorStaff'],
    triggers: ['lastActivity'],
    actions: ['anonymise'],
    defaultRule: { period: 'P365D', trigger: 'lastActivity', action: 'anonymise', legalBasis: 'publicTask' },
    retention: {
      run: (run) => runRetentionInBatches(run, { dueKeys: repository.dueUnconfirmedIdentifiers, apply: (ids) => repository.eraseIdentifiers(ids) }),
    },
  };

  return [reporters, rawEvidence, campaignSamples, appeals, numberChecks, unconfirmedIdentifiers];
}
