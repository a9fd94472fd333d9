import type { Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/index.ts';
import type { Keyring } from '../../src/platform/crypto/index.ts';
import type { DeviceListName } from '../../src/modules/devices/operator-dumps/reference-lists.ts';
import '../../src/modules/devices/operator-dumps/operator-dumps.tables.ts';
import { parseRat } from '../../src/modules/devices/operator-dumps/rat.ts';

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${process.pid}-${++sequence}`;

/** One observation as an operator dump would leave it; IMSI and MSISDN are encrypted and hashed as the import does. */
export interface ObservationInput {
  imei: string;
  imsi?: string | null;
  msisdn?: string | null;
  operatorId?: string;
  /** As a dump gives it: DIRBS codes such as `001|006`, or words such as `4G`. */
  rat?: string | null;
  firstSeen: string;
  lastSeen?: string;
}

/** Inserts observations directly, as the operator dump import stores them. */
export async function insertObservations(db: Kysely<Database>, keyring: Keyring, rows: readonly ObservationInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('device_observations')
    .values(
      rows.map((r) => ({
        id: nextId('obs'),
        observation_key: keyring.hash(`${r.imei}|${r.imsi ?? ''}|${r.msisdn ?? ''}|${r.operatorId ?? 'OP-A'}`, 'device-observation'),
        imei_key: r.imei,
        imsi_cipher: r.imsi ? keyring.encrypt(r.imsi, 'device_observations.imsi') : null,
        msisdn_cipher: r.msisdn ? keyring.encrypt(r.msisdn, 'device_observations.msisdn') : null,
        imsi_hash: r.imsi ? keyring.hash(r.imsi, 'device-imsi') : null,
        // SQLite stores booleans as 0 and 1; an IMSI that is not 14 or 15 digits is unclean, as the import marks it.
        is_imsi_unclean: (r.imsi && (r.imsi.length < 14 || r.imsi.length > 15) ? 1 : 0) as unknown as boolean,
        home_network: r.imsi ? r.imsi.slice(0, 5) : null,
        rat_mask: ratMaskOf(r.rat ?? ''),
        operator_id: r.operatorId ?? 'OP-A',
        first_seen: r.firstSeen,
        last_seen: r.lastSeen ?? r.firstSeen,
        import_id: 'test-import',
      })),
    )
    .execute();
}

/** One reference list entry; golden keys are hashed and pairing IMSIs hashed, as the list upload stores them. */
export interface ListEntryInput {
  list: DeviceListName;
  key: string;
  imsi?: string;
  msisdn?: string;
  /** A pairing stored before its IMSI and MSISDN were kept sealed: its hash only (default false). */
  isLegacy?: boolean;
  startDate: string;
  endDate?: string | null;
  reason?: string;
}

/** Inserts reference list entries directly, as the list upload stores them. */
export async function insertListEntries(db: Kysely<Database>, keyring: Keyring, rows: readonly ListEntryInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('device_list_entries')
    .values(
      rows.map((r) => ({
        id: nextId('entry'),
        list: r.list,
        key: r.list === 'golden' ? keyring.hash(r.key, 'device-golden-imei') : r.key,
        imsi_hash: r.imsi ? keyring.hash(r.imsi, 'device-imsi') : null,
        imsi_cipher: r.imsi && !r.isLegacy ? keyring.encrypt(r.imsi, 'device_observations.imsi') : null,
        msisdn_cipher: r.msisdn && !r.isLegacy ? keyring.encrypt(r.msisdn, 'device_observations.msisdn') : null,
        msisdn_hash: r.msisdn && !r.isLegacy ? keyring.hash(r.msisdn, 'device-msisdn') : null,
        home_network: r.imsi && !r.isLegacy ? r.imsi.slice(0, 5) : null,
        reason: r.reason ?? null,
        source: 'test',
        start_date: r.startDate,
        end_date: r.endDate ?? null,
        upload_id: 'test-upload',
        ended_by_upload_id: null,
      })),
    )
    .execute();
}

function ratMaskOf(rat: string): number | null {
  const reading = parseRat(rat);
  if (!('mask' in reading)) throw new Error(`Not a RAT a dump may give: ${rat}`);
  return reading.mask;
}

/** Inserts a TAC with the radio capabilities given (the other columns are placeholders, unless the model is given). */
export async function insertTac(
  db: Kysely<Database>,
  tac: string,
  radio: { has2g?: boolean; has3g?: boolean; has4g?: boolean; has5g?: boolean } = {},
  model: { manufacturer?: string; model?: string } = {},
): Promise<void> {
  // SQLite stores booleans as 0 and 1.
  const flag = (value: boolean | undefined) => (value ? 1 : 0) as unknown as boolean;
  await db
    .insertInto('device_tacs')
    .values({
      tac,
      manufacturer: model.manufacturer ?? 'Test Manufacturer',
      brand: 'Test',
      model: model.model ?? `Model ${tac}`,
      marketing_name: null,
      device_type: 'Smartphone',
      device_class: 'smartphone',
      bands: '',
      has_2g: flag(radio.has2g),
      has_3g: flag(radio.has3g),
      has_4g: flag(radio.has4g),
      has_5g: flag(radio.has5g),
      allocation_date: '2024-01-01',
      reporting_body: tac.slice(0, 2),
      operating_system: null,
      import_id: 'test-tacs',
    })
    .execute();
}
