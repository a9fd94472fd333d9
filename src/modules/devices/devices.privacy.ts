import type { Platform } from '../../platform/platform.ts';
import { localDateOf } from '../../platform/calendar.ts';
import type { ErasureOutcome, RecordKind, RetentionRun, SubjectIdentity, SubjectRecord } from '../../platform/privacy/record-kinds.ts';
import { createDevicesPrivacyRepository, type DuePage } from './privacy/devices-privacy.repository.ts';
import { hashReporterPhone } from './theft-reports/theft-report.service.ts';
import { OBSERVATION_CRYPTO } from './operator-dumps/dump-import.service.ts';

/** Rows a retention run changes in one transaction, so that a large run never holds the database long. */
export const RETENTION_BATCH = 1000;

/**
 * Applies a rule page by page: each page of due ids, less the held ones, is counted in a dry run
 * or changed by `apply` (in one transaction); answers how many.
 */
async function applyInBatches(
  run: RetentionRun,
  nextPage: (after: string | null) => Promise<DuePage>,
  apply: (ids: string[]) => Promise<number>,
): Promise<number> {
  let total = 0;
  let after: string | null = null;
  do {
    const page = await nextPage(after);
    const ids = page.ids.filter((id) => !run.heldIds.has(id));
    total += run.dryRun ? ids.length : await apply(ids);
    after = page.last;
  } while (after !== null);
  return total;
}

/** A mobile number as operators' files write it: E.164 digits without the plus. */
const subscriberNumberOf = (e164: string) => e164.replace(/^\+/, '');

/**
 * The kinds of record the devices module keeps about people: lost and stolen reports, the
 * sessions that prove a reporter's address or number, operators' observations of SIMs in phones,
 * and the pairings of a SIM with a phone.
 */
export function devicesRecordKinds(platform: Platform): RecordKind[] {
  const { keyring } = platform;
  const repository = createDevicesPrivacyRepository(platform.db.kysely);
  const timeZone = platform.config.jurisdiction.timeZone;
  // A date column is due when its day is before the first day the rule still keeps.
  const firstKeptDay = (cutoff: string) => localDateOf(new Date(cutoff), timeZone);
  const reporterHashes = (identity: SubjectIdentity) => ({
    // A reporter who gave no address is named by their number's hash in the address's column.
    emailHashes: [...identity.emails.map((e) => keyring.hash(e, 'device_theft_reports.email')), ...identity.phones.map((p) => hashReporterPhone(keyring, p))],
    phoneHashes: identity.phones.map((p) => platform.sms.hashNumber(p)),
  });
  const msisdnHashesOf = (identity: SubjectIdentity) => identity.phones.map((p) => keyring.hash(subscriberNumberOf(p), OBSERVATION_CRYPTO.msisdnHashPurpose));
  const open = (sealed: string | null, context: string) => (sealed === null ? null : keyring.decrypt(sealed, context));
  // The national block list (operator '') goes to every operator the profile knows.
  const operatorsServed = (listed: readonly string[]) => {
    const named = new Set(listed.filter((o) => o !== ''));
    if (listed.includes('')) for (const operatorId of Object.keys(platform.settings.devices.operatorNetworks)) named.add(operatorId);
    return [...named].sort();
  };

  const theftReports: RecordKind = {
    name: 'devices.theftReports',
    labelKey: 'devices.privacy.theftReports.label',
    purposeKey: 'devices.privacy.theftReports.purpose',
    categories: ['contact', 'device', 'evidence'],
    subjects: ['reporters'],
    recipients: ['regulatorStaff', 'operators', 'police'],
    triggers: ['closed'],
    actions: ['anonymise'],
    defaultRule: { period: 'P6M', trigger: 'closed', action: 'anonymise', legalBasis: 'publicTask' },
    retention: {
      run(run) {
        const blanks = {
          email_enc: keyring.encrypt('', 'device_theft_reports.email'),
          msisdn_enc: keyring.encrypt('', 'device_theft_reports.msisdn'),
          police_reference_enc: keyring.encrypt('', 'device_theft_reports.police_reference'),
        };
        return applyInBatches(
          run,
          (after) => repository.closedReportsBefore(run.cutoff, after, RETENTION_BATCH),
          (ids) => repository.inTransaction((trx) => trx.anonymiseReports(ids, blanks)),
        );
      },
    },
    subject: {
      async find(identity) {
        const { emailHashes, phoneHashes } = reporterHashes(identity);
        const records: SubjectRecord[] = [];
        for (const r of await repository.reportsOf(emailHashes, phoneHashes)) {
          const file = await repository.policeReportFileOf(r.id);
          records.push({
            id: r.id,
            createdAt: r.submitted_at,
            fields: {
              requestId: r.request_id,
              status: r.status,
              submittedAt: r.submitted_at,
              decidedAt: r.decided_at,
              recoveredAt: r.recovered_at,
              email: keyring.decrypt(r.email_enc, 'device_theft_reports.email') || null,
              contactPhone: open(r.contact_phone_enc, 'device_theft_reports.contact_phone'),
              notifyBy: r.notify_by,
              stolenPhoneNumber: keyring.decrypt(r.msisdn_enc, 'device_theft_reports.msisdn') || null,
              policeReference: keyring.decrypt(r.police_reference_enc, 'device_theft_reports.police_reference') || null,
              imeis: r.imeis.map((i) => i.raw).join(' '),
            },
            ...(file
              ? {
                  files: [
                    {
                      name: keyring.decrypt(file.name_enc, 'device_theft_report_files.name'),
                      mediaType: file.media_type,
                      bytes: new Uint8Array(Buffer.from(keyring.decrypt(file.content_enc, 'device_theft_report_files.content'), 'base64')),
                    },
                  ],
                }
              : {}),
          });
        }
        return records;
      },
      async erase(identity, { heldIds }) {
        const { emailHashes, phoneHashes } = reporterHashes(identity);
        const blanks = {
          email_enc: keyring.encrypt('', 'device_theft_reports.email'),
          msisdn_enc: keyring.encrypt('', 'device_theft_reports.msisdn'),
          police_reference_enc: keyring.encrypt('', 'device_theft_reports.police_reference'),
        };
        return repository.inTransaction(async (trx) => {
          const outcomes: ErasureOutcome[] = [];
          const erasedImeis: string[] = [];
          for (const r of await trx.reportsOf(emailHashes, phoneHashes)) {
            // Staff still verify an open report against its contacts, and a traced phone is told to its reporter.
            const isOpen = r.status === 'submitted' || (r.status === 'verified' && r.recovered_at === null);
            if (heldIds.has(r.id)) outcomes.push({ id: r.id, result: 'kept', reason: 'legalHold' });
            else if (isOpen) outcomes.push({ id: r.id, result: 'kept', reason: 'openCase' });
            else {
              await trx.anonymiseReports([r.id], blanks);
              outcomes.push({ id: r.id, result: 'anonymised' });
              erasedImeis.push(...r.imeis.map((i) => i.key));
            }
          }
          return { outcomes, operatorIds: operatorsServed(await trx.operatorsListingImeis(erasedImeis)) };
        });
      },
    },
  };

  const reportSessions: RecordKind = {
    name: 'devices.reportSessions',
    labelKey: 'devices.privacy.reportSessions.label',
    purposeKey: 'devices.privacy.reportSessions.purpose',
    categories: ['contact'],
    subjects: ['reporters'],
    recipients: [],
    triggers: ['created'],
    actions: ['delete'],
    // A session lasts an hour; a day leaves a session just finished alone.
    defaultRule: { period: 'PT24H', trigger: 'created', action: 'delete', legalBasis: 'publicTask' },
    retention: {
      run(run) {
        return applyInBatches(
          run,
          (after) => repository.sessionsCreatedBefore(run.cutoff, after, RETENTION_BATCH),
          (ids) => repository.inTransaction((trx) => trx.deleteSessions(ids)),
        );
      },
    },
    subject: {
      async find(identity) {
        const { emailHashes, phoneHashes } = reporterHashes(identity);
        return (await repository.sessionsOf(emailHashes, phoneHashes)).map((s) => ({
          id: s.id,
          createdAt: s.created_at,
          fields: {
            email: keyring.decrypt(s.email_enc, 'device_report_sessions.email') || null,
            contactPhone: open(s.contact_phone_enc, 'device_report_sessions.contact_phone'),
            notifyBy: s.notify_by,
            isVerified: Boolean(s.is_verified),
            createdAt: s.created_at,
            expiresAt: s.expires_at,
          },
        }));
      },
      async erase(identity, { heldIds }) {
        const { emailHashes, phoneHashes } = reporterHashes(identity);
        return repository.inTransaction(async (trx) => {
          const outcomes: ErasureOutcome[] = [];
          for (const s of await trx.sessionsOf(emailHashes, phoneHashes)) {
            if (heldIds.has(s.id)) outcomes.push({ id: s.id, result: 'kept', reason: 'legalHold' });
            else {
              await trx.deleteSessions([s.id]);
              outcomes.push({ id: s.id, result: 'erased' });
            }
          }
          return { outcomes, operatorIds: [] };
        });
      },
    },
  };

  const observations: RecordKind = {
    name: 'devices.observations',
    labelKey: 'devices.privacy.observations.label',
    purposeKey: 'devices.privacy.observations.purpose',
    categories: ['device', 'network', 'identity'],
    subjects: ['subscribers'],
    recipients: ['regulatorStaff', 'operators'],
    triggers: ['lastActivity'],
    actions: ['anonymise'],
    defaultRule: { period: 'P6M', trigger: 'lastActivity', action: 'anonymise', legalBasis: 'publicTask' },
    retention: {
      run(run) {
        const beforeDay = firstKeptDay(run.cutoff);
        return applyInBatches(
          run,
          (after) => repository.observationsLastSeenBefore(beforeDay, after, RETENTION_BATCH),
          (ids) => repository.inTransaction((trx) => trx.anonymiseObservations(ids)),
        );
      },
    },
    subject: {
      async find(identity) {
        return (await repository.observationsOf(msisdnHashesOf(identity))).map((o) => ({
          id: o.id,
          createdAt: `${o.first_seen}T00:00:00.000Z`,
          fields: {
            imei: o.imei_key,
            imsi: open(o.imsi_cipher, OBSERVATION_CRYPTO.imsiContext),
            msisdn: open(o.msisdn_cipher, OBSERVATION_CRYPTO.msisdnContext),
            operatorId: o.operator_id,
            homeNetwork: o.home_network,
            firstSeen: o.first_seen,
            lastSeen: o.last_seen,
          },
        }));
      },
      async erase(identity, { heldIds }) {
        return repository.inTransaction(async (trx) => {
          const outcomes: ErasureOutcome[] = [];
          const imsiHashes = new Set<string>();
          for (const o of await trx.observationsOf(msisdnHashesOf(identity))) {
            if (heldIds.has(o.id)) outcomes.push({ id: o.id, result: 'kept', reason: 'legalHold' });
            else {
              if (o.imsi_hash !== null) imsiHashes.add(o.imsi_hash);
              await trx.anonymiseObservations([o.id]);
              outcomes.push({ id: o.id, result: 'anonymised' });
            }
          }
          // The notification lists already handed to operators copied the SIM's values: they are told, and Kinga's copies cleared.
          const operatorIds = await trx.operatorsNotifiedOf([...imsiHashes]);
          await trx.clearNotificationItems([...imsiHashes]);
          return { outcomes, operatorIds };
        });
      },
    },
  };

  const pairings: RecordKind = {
    name: 'devices.pairings',
    labelKey: 'devices.privacy.pairings.label',
    purposeKey: 'devices.privacy.pairings.purpose',
    categories: ['device', 'identity'],
    subjects: ['subscribers'],
    recipients: ['regulatorStaff', 'operators'],
    triggers: ['closed'],
    actions: ['anonymise'],
    defaultRule: { period: 'P6M', trigger: 'closed', action: 'anonymise', legalBasis: 'publicTask' },
    retention: {
      run(run) {
        const beforeDay = firstKeptDay(run.cutoff);
        return applyInBatches(
          run,
          (after) => repository.pairingsEndedBefore(beforeDay, after, RETENTION_BATCH),
          (ids) => repository.inTransaction((trx) => trx.anonymisePairings(ids)),
        );
      },
    },
    subject: {
      async find(identity) {
        return (await repository.pairingsOf(msisdnHashesOf(identity))).map((p) => ({
          id: p.id,
          createdAt: `${p.start_date}T00:00:00.000Z`,
          fields: {
            imei: p.key,
            imsi: open(p.imsi_cipher, OBSERVATION_CRYPTO.imsiContext),
            msisdn: open(p.msisdn_cipher, OBSERVATION_CRYPTO.msisdnContext),
            homeNetwork: p.home_network,
            startDate: p.start_date,
            endDate: p.end_date,
          },
        }));
      },
      async erase(identity, { now, heldIds }) {
        const today = localDateOf(new Date(now), timeZone);
        return repository.inTransaction(async (trx) => {
          const outcomes: ErasureOutcome[] = [];
          const ended: string[] = [];
          for (const p of await trx.pairingsOf(msisdnHashesOf(identity))) {
            if (heldIds.has(p.id)) outcomes.push({ id: p.id, result: 'kept', reason: 'legalHold' });
            // A current pairing is what exempts the person's phone from blocking: the operators' exception lists must carry it.
            else if (p.end_date === null || p.end_date > today) outcomes.push({ id: p.id, result: 'kept', reason: 'legalObligation' });
            else {
              ended.push(`${p.imsi_hash ?? ''}:${p.msisdn_hash ?? ''}`);
              await trx.anonymisePairings([p.id]);
              outcomes.push({ id: p.id, result: 'anonymised' });
            }
          }
          return { outcomes, operatorIds: await trx.operatorsExceptingPairings(ended) };
        });
      },
    },
  };

  // A trace alert holds the keyed hash of the SIM found in a reported phone, for the police and
  // the reporter; it is reached from a person only through the observations, which erasure clears,
  // so it answers no request of its own and is deleted whole when its period ends.
  const traceAlerts: RecordKind = {
    name: 'devices.traceAlerts',
    labelKey: 'devices.privacy.traceAlerts.label',
    purposeKey: 'devices.privacy.traceAlerts.purpose',
    categories: ['device', 'network'],
    subjects: ['subscribers'],
    recipients: ['regulatorStaff', 'police'],
    triggers: ['created'],
    actions: ['delete'],
    defaultRule: { period: 'P1Y', trigger: 'created', action: 'delete', legalBasis: 'publicTask' },
    retention: {
      run: (run) =>
        applyInBatches(
          run,
          (after) => repository.traceAlertsRaisedBefore(run.cutoff, after, RETENTION_BATCH),
          (ids) => repository.inTransaction((trx) => trx.deleteTraceAlerts(ids)),
        ),
    },
  };

  return [theftReports, reportSessions, observations, pairings, traceAlerts];
}
