import { Readable } from 'node:stream';
import { createAuthServiceFor } from '../../../platform/auth/index.ts';
import type { Platform } from '../../../platform/platform.ts';
import { createTacRepository } from '../tac-database/tac.repository.ts';
import { importTacFile } from '../tac-database/tac-import.service.ts';
import { createTheftReportRepository } from '../theft-reports/theft-report.repository.ts';
import { luhnCheckDigit } from '../imei-check/imei.ts';

/** Fictional lost and stolen reports: one verified (its IMEI checks as reported stolen), one waiting for an officer. */
export const DEMO_THEFT_REPORTS = [
  {
    requestId: 'LS-DEM0V3R1',
    status: 'verified',
    keys: ['35331207482913'],
    email: 'wanjiru.demo@example.org',
    msisdn: '+254700000101',
    policeReference: 'OB 45/11/2026 Central Police Station',
    daysAgo: 12,
  },
  {
    requestId: 'LS-DEM0PEND',
    status: 'submitted',
    keys: ['86123402915530', '86123402915548'],
    email: 'otieno.demo@example.org',
    msisdn: '+254700000102',
    policeReference: 'OB 12/11/2026 Kilimani Police Station',
    daysAgo: 2,
  },
] as const;

/** The demo IMEIs of the verified report, with check digits, for the docs and the demo tour. */
export const DEMO_STOLEN_IMEIS = DEMO_THEFT_REPORTS[0].keys.map((k) => `${k}${luhnCheckDigit(k)}`);

/**
 * A small fictional TAC database in the GSMA format: real brand and model names so the demo reads
 * naturally, invented TACs and dates. It goes through the same importer as a real file.
 */
export const DEMO_TAC_FILE = [
  'TAC|Marketing Name|Internal Model Name|Manufacturer|Bands|Allocation Date|Country Code|Fixed Code|Manufacturer Code|Radio Interface|Brand Name|Model Name|Operating System|NFC|Bluetooth|WLAN|Device Type',
  '35209900|Galaxy A15|SM-A155F|Samsung Korea|GSM 850,GSM 900,GSM 1800,GSM 1900,WCDMA FDD Band I,WCDMA FDD Band VIII,LTE FDD BAND 1,LTE FDD BAND 3,LTE FDD BAND 20|15-Nov-2023|410|N|00001|NONE|Samsung|SM-A155F|Android|Y|Y|Y|Smartphone',
  '35467811|Redmi Note 13 5G|2312DRAABG|Xiaomi Communications Co Ltd|GSM 900,GSM 1800,WCDMA FDD Band I,LTE FDD BAND 3,LTE TDD BAND 40,NR SA BAND n78|02-Jan-2024|156|N|00002|NONE|Xiaomi|2312DRAABG|Android|Y|Y|Y|Smartphone',
  '86123402|Spark 20|KJ5|TECNO Mobile Limited|GSM 850,GSM 900,GSM 1800,GSM 1900,WCDMA FDD Band I,WCDMA FDD Band VIII,LTE FDD BAND 3|20-Feb-2024|156|N|00003|NONE|TECNO|KJ5|Android|N|Y|Y|Smartphone',
  '86734503|itel 2163|IT2163|itel Mobile Limited|GSM 900,GSM 1800|05-Mar-2022|156|N|00004|NONE|itel|IT2163|KaiOS|N|Y|N|Mobile Phone/Feature phone',
  '35655011|Nokia 105 4G|TA-1551|HMD Global Oy|GSM 900,GSM 1800,LTE FDD BAND 1,LTE FDD BAND 3|14-Jun-2023|246|N|00006|NONE|Nokia|TA-1551|Series 30+|N|Y|N|Mobile Phone/Feature phone',
  '35331207|iPhone 13|A2633|Apple Inc|GSM 850,GSM 900,GSM 1800,GSM 1900,WCDMA FDD Band I,LTE FDD BAND 1,LTE FDD BAND 3,NR SA BAND n78,NR NSA BAND n78|14-Sep-2021|840|N|00007|NONE|Apple|A2633|iOS|Y|Y|Y|Smartphone',
  '86990104|Infinix HOT 40i|X6528B|Infinix Mobility Limited|GSM 900,GSM 1800,WCDMA FDD Band I,LTE FDD BAND 3,LTE FDD BAND 20|11-Dec-2023|156|N|00008|NONE|Infinix|X6528B|Android|N|Y|Y|Smartphone',
  '35890105|Huawei E3372|E3372h-320|Huawei Technologies Co Ltd|WCDMA FDD Band I,LTE FDD BAND 3,LTE FDD BAND 20|||||NONE|Huawei|E3372h-320||N|N|N|Dongle',
  '01234504|iPad (10th generation)|A2757|Apple Inc|WCDMA FDD Band I,LTE FDD BAND 1,NR SA BAND n77|18-Oct-2022|840|N|00005|NONE|Apple|A2757|iPadOS|N|Y|Y|Tablet',
].join('\n');

/** Loads the demo TAC database unless one is there, and the demo reports unless some exist. */
export async function seedDevicesDemo(platform: Platform): Promise<void> {
  await seedDemoTacs(platform);
  await seedDemoReports(platform);
}

async function seedDemoReports(platform: Platform): Promise<void> {
  const repository = createTheftReportRepository(platform.db.kysely);
  if ((await repository.listReports(1)).length > 0) return;
  const { keyring } = platform;
  const now = platform.clock.now().getTime();
  // The demo officer verified the report, so a trace alert about it also reaches its case officer.
  const officerId = (await createAuthServiceFor(platform).listAccounts({ kind: 'system' })).find((a) => a.role === 'officer' && a.isActive)?.id ?? null;
  await repository.inTransaction(async (trx) => {
    for (const r of DEMO_THEFT_REPORTS) {
      const id = platform.ids();
      const submittedAt = new Date(now - r.daysAgo * 86_400_000).toISOString();
      await trx.insertReport(
        {
          id,
          request_id: r.requestId,
          email_hash: keyring.hash(r.email, 'device_theft_reports.email'),
          email_enc: keyring.encrypt(r.email, 'device_theft_reports.email'),
          msisdn_enc: keyring.encrypt(r.msisdn, 'device_theft_reports.msisdn'),
          police_reference_enc: keyring.encrypt(r.policeReference, 'device_theft_reports.police_reference'),
          status: r.status,
          submitted_at: submittedAt,
          decided_at: r.status === 'verified' ? new Date(now - (r.daysAgo - 1) * 86_400_000).toISOString() : null,
          decided_by: r.status === 'verified' ? officerId : null,
        },
        r.keys.map((key) => ({ key, raw: `${key}${luhnCheckDigit(key)}` })),
      );
      await platform.audit.record(trx.executor, {
        actor: { type: 'system', id: null },
        action: 'devices.theft_report.seeded',
        entityType: 'device_theft_report',
        entityId: id,
        details: { imeiCount: r.keys.length },
      });
    }
  });
}

async function seedDemoTacs(platform: Platform): Promise<void> {
  const repository = createTacRepository(platform.db.kysely);
  if ((await repository.countTacs()) > 0) return;
  await importTacFile(
    { repository, audit: platform.audit, clock: platform.clock, ids: platform.ids },
    { stream: Readable.from([Buffer.from(DEMO_TAC_FILE)]), fileName: 'demo-tac-database.txt', actor: { type: 'system', id: null } },
  );
}
