import { Readable } from 'node:stream';
import type { Platform } from '../../../platform/platform.ts';
import type { SubjectIdentity } from '../../../platform/privacy/record-kinds.ts';
import { createTheftReportRepository } from '../theft-reports/theft-report.repository.ts';
import { hashReporterPhone, openReportSession } from '../theft-reports/theft-report.service.ts';
import { OBSERVATION_CRYPTO, publishAcceptedDump } from '../operator-dumps/dump-import.service.ts';
import { importList } from '../operator-dumps/list-import.service.ts';
import { createOperatorDataRepository } from '../operator-dumps/operator-dumps.repository.ts';
import { listImportDepsFor } from '../operator-dumps/operator-dumps.wiring.ts';
import { createDevicesPrivacyRepository } from '../privacy/devices-privacy.repository.ts';

/** The ids of what {@link seedDevicesPersonEverywhere} stored, by kind of record. */
export interface SeededDevicesPerson {
  'devices.theftReports': string[];
  'devices.reportSessions': string[];
  'devices.observations': string[];
  'devices.pairings': string[];
}

let seeded = 0;

/**
 * Stores a record of every devices kind about the person of `identity`, through the module's own
 * writers: a submitted lost phone report by their first e-mail address (with a police report
 * file), a report session by their first mobile number, an operator's observation of their SIM
 * and a current pairing of it. `imei` (14 digits) is the phone's key; another person needs another.
 */
export async function seedDevicesPersonEverywhere(
  platform: Platform,
  identity: SubjectIdentity,
  options: { imei?: string; operatorId?: string } = {},
): Promise<SeededDevicesPerson> {
  const { keyring } = platform;
  seeded += 1;
  const n = String(seeded).padStart(4, '0');
  const imei = options.imei ?? `3520990017${n}`;
  const operatorId = options.operatorId ?? 'OP-A';
  const now = platform.clock.now();
  const at = now.toISOString();
  const email = identity.emails[0];
  const phone = identity.phones[0];
  const result: SeededDevicesPerson = { 'devices.theftReports': [], 'devices.reportSessions': [], 'devices.observations': [], 'devices.pairings': [] };
  const reports = createTheftReportRepository(platform.db.kysely);

  if (email !== undefined || phone !== undefined) {
    const id = platform.ids();
    await reports.insertReport(
      {
        id,
        request_id: `LS-P${n}XYZ`.slice(0, 11),
        email_hash: email !== undefined ? keyring.hash(email, 'device_theft_reports.email') : hashReporterPhone(keyring, phone ?? ''),
        email_enc: keyring.encrypt(email ?? '', 'device_theft_reports.email'),
        msisdn_enc: keyring.encrypt(phone ?? '+254700000000', 'device_theft_reports.msisdn'),
        contact_phone_hash: phone !== undefined ? platform.sms.hashNumber(phone) : null,
        contact_phone_enc: phone !== undefined ? keyring.encrypt(phone, 'device_theft_reports.contact_phone') : null,
        police_reference_enc: keyring.encrypt(`OB/${n}/2026`, 'device_theft_reports.police_reference'),
        status: 'submitted',
        submitted_at: at,
        decided_at: null,
        decided_by: null,
      },
      [{ key: imei, raw: `${imei}0` }],
    );
    await reports.insertPoliceReportFile({
      report_id: id,
      name_enc: keyring.encrypt('police-report.pdf', 'device_theft_report_files.name'),
      media_type: 'application/pdf',
      size_bytes: 8,
      content_enc: keyring.encrypt(Buffer.from('%PDF-1.4').toString('base64'), 'device_theft_report_files.content'),
      created_at: at,
    });
    result['devices.theftReports'].push(id);
  }

  if (phone !== undefined) {
    const id = platform.ids();
    const { row } = openReportSession({
      keyring,
      id,
      now,
      codeMinutes: 15,
      email: '',
      emailHash: hashReporterPhone(keyring, phone),
      phone: { e164: phone, hash: platform.sms.hashNumber(phone) },
      notifyBy: 'sms',
    });
    await reports.insertSession(row);
    result['devices.reportSessions'].push(id);

    // Operators write numbers as E.164 digits without the plus, IMSIs of the demo's home network.
    const msisdn = phone.replace(/^\+/, '');
    const imsi = `63902${msisdn.slice(-10).padStart(10, '0')}`;
    const operators = createOperatorDataRepository(platform.db.kysely);
    const importId = `person-${n}`;
    await operators.startStaging(importId, operatorId, at);
    await operators.stageObservations(
      importId,
      [
        {
          n: 1,
          observationKey: keyring.hash(`${imei}|${imsi}|${msisdn}|${operatorId}`, OBSERVATION_CRYPTO.observationPurpose),
          isNew: true,
          imeiKey: imei,
          imsiCipher: keyring.encrypt(imsi, OBSERVATION_CRYPTO.imsiContext),
          msisdnCipher: keyring.encrypt(msisdn, OBSERVATION_CRYPTO.msisdnContext),
          imsiHash: keyring.hash(imsi, OBSERVATION_CRYPTO.imsiHashPurpose),
          msisdnHash: keyring.hash(msisdn, OBSERVATION_CRYPTO.msisdnHashPurpose),
          isImsiUnclean: false,
          homeNetwork: '63902',
          ratMask: 4,
          firstSeen: at.slice(0, 10),
          lastSeen: at.slice(0, 10),
        },
      ],
      at,
    );
    const day = at.slice(0, 10).replaceAll('-', '');
    await operators.acceptDumpImport(
      {
        id: importId,
        operator_id: operatorId,
        file_name: `${operatorId}_${day}_${day}.csv`,
        file_sha256: keyring.hash(importId, 'test-dump').padEnd(64, '0').slice(0, 64),
        period_start: at.slice(0, 10),
        period_end: at.slice(0, 10),
        row_count: 1,
        accepted_at: at,
        report: '{}',
        actor: 'cli',
        published_at: null,
      },
      async () => undefined,
    );
    await publishAcceptedDump({ repository: operators, clock: platform.clock }, importId, operatorId);
    result['devices.observations'].push(`${importId}.1`);

    await importList(listImportDepsFor(platform), {
      stream: Readable.from([Buffer.from(`imei,imsi,msisdn,change_type\n${imei},${imsi},${msisdn},add\n`)]),
      fileName: 'pairing.csv',
      list: 'pairing',
      mode: 'delta',
      actor: { type: 'system', id: null },
    });
    const pairings = await createDevicesPrivacyRepository(platform.db.kysely).pairingsOf([keyring.hash(msisdn, OBSERVATION_CRYPTO.msisdnHashPurpose)]);
    result['devices.pairings'].push(...pairings.filter((p) => p.key === imei).map((p) => p.id));
  }
  return result;
}
