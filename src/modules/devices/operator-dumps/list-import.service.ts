import type { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/keyring.ts';
import { repeatUntilDone } from '../../../platform/event-loop.ts';
import { Conflict, type KeyedProblem } from '../../../platform/http/errors.ts';
import { englishMessagesOf, listValue, termValue, type EnglishMessageValues } from '../../../platform/i18n/index.ts';
import { InvalidFile, ProblemList } from '../../../platform/upload-limits.ts';
import { devicesProblem, devicesRefusal } from '../device-messages.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import { homeNetworkOf } from './dump-checks.ts';
import { MAX_RECORD_CHARS } from './dump-csv.ts';
import { actorText, OBSERVATION_CRYPTO } from './dump-import.service.ts';
import { isDirbsImeiField, normalizeImeiKey } from '../imei-check/imei.ts';
import type { ListChanges, OperatorDataRepository, StagedListRow } from './operator-dumps.repository.ts';
import type { DeviceListName } from './reference-lists.ts';

/** The catalogue beside this code: its English words are what the API and the command line say. */
const CATALOGUE = new URL('./locales/', import.meta.url);

/** Every reference list, in the order pages show them. */
export const DEVICE_LISTS: readonly DeviceListName[] = ['stolen', 'registration', 'pairing', 'golden', 'barred_imei', 'barred_tac'];

/** Narrows a string to a list name. */
export function isDeviceListName(value: string): value is DeviceListName {
  return (DEVICE_LISTS as readonly string[]).includes(value);
}

/** keyring.hash(imeiKey, GOLDEN_HASH_PURPOSE) is the `key` of a golden list entry: golden IMEIs are never stored in clear. */
export const GOLDEN_HASH_PURPOSE = 'device-golden-imei';

/** keyring.hash(msisdn, MSISDN_HASH_PURPOSE) is a pairing's `msisdn_hash`. */
export const MSISDN_HASH_PURPOSE = OBSERVATION_CRYPTO.msisdnHashPurpose;

/** What one upload changed. */
export interface ListUploadResult {
  uploadId: string;
  list: DeviceListName;
  mode: 'full' | 'delta';
  rows: number;
  added: number;
  removed: number;
}

/** What a list upload needs. */
export interface ListImportDeps {
  repository: OperatorDataRepository;
  keyring: Keyring;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
  /** MCCs whose networks use three-digit MNCs (the dump settings'), to find a pairing's home network. */
  threeDigitMncMccs: readonly string[];
}

/** One list file to apply. */
export interface ListImportInput {
  stream: Readable;
  fileName: string;
  list: DeviceListName;
  mode: 'full' | 'delta';
  actor: Actor;
}

/** Most problems one refusal lists; the total is still counted. */
const MAX_PROBLEMS = 100;
/** Unknown header names one refusal quotes; a header of a million columns must not make a megabyte answer. */
const MAX_NAMES_QUOTED = 5;
const BATCH = 2000;
// The platform catalogue's words for a CSV that cannot be read.
const csvEnglish = englishMessagesOf('');
/** Staged rows deleted per transaction once an upload is over. */
const DISCARD_CHUNK = 5000;
/**
 * Entries looked at, or staged lines applied, per transaction. On SQLite a transaction holds the
 * one connection: applying a 300,000-line list in one held it for 1.8 s, 5,000 lines take a few tens of milliseconds.
 */
export const APPLY_CHUNK = 5000;
const MAX_TEXT = 200;
const DIGITS = /^[0-9]+$/;
// ITU-T E.212 and E.164: at most 15 digits, as DIRBS's PairingListSchema.csvs takes them.
const SUBSCRIBER_NUMBER = /^[0-9]{1,15}$/;

/**
 * The columns a list's file must have (besides `change_type` in a delta), and those it may have.
 * A pairing list is DIRBS's `imei,imsi,msisdn`; Kinga also reads it without the MSISDN.
 */
function columnsOf(list: DeviceListName): { required: string[]; optional: string[] } {
  if (list === 'barred_tac') return { required: ['tac'], optional: ['reason', 'source'] };
  if (list === 'pairing') return { required: ['imei', 'imsi'], optional: ['msisdn', 'reason', 'source'] };
  return { required: ['imei'], optional: ['reason', 'source'] };
}

/**
 * Applies a reference list upload. A full upload ends (sets `end_date` on) the current entries
 * absent from the file and starts the new ones; entries present in both go on unchanged, so
 * history is kept. A delta adds (`change_type` add) and ends (`remove`) entries, and is refused
 * whole when it adds an entry already current or removes one that is not. Rows are staged in the
 * database in short transactions, never held in memory, so that pages keep answering while a large
 * list is read; any bad line and nothing changes. A good file is accepted, then applied to the list
 * in short transactions too (the entries it ends, then those it starts) and recorded: whatever
 * happens from its acceptance on, it is applied whole, by {@link settleAbandonedListUploads} should
 * the process stop; what a stopped process staged of a file not accepted is deleted. One upload of
 * a list is applied at a time ({@link Conflict} `DEVICE_LIST_BUSY` for another).
 */
export async function importList(deps: ListImportDeps, input: ListImportInput): Promise<ListUploadResult> {
  const uploadId = deps.ids();
  const today = deps.clock.now().toISOString().slice(0, 10);
  const { required, optional } = columnsOf(input.list);
  const { repository } = deps;
  const threeDigitMnc = new Set(deps.threeDigitMncMccs);
  const nowIso = () => deps.clock.now().toISOString();

  await repository.startListStaging(uploadId, nowIso());
  let isAccepted = false;
  let isRecorded = false;
  // Piped once read from: a parser that failed while nothing listened would fail the process.
  // A list's line is under a hundred characters: a longer record is refused before it is held in memory whole.
  const parser = input.stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: MAX_RECORD_CHARS }));
  input.stream.on('error', (error) => parser.destroy(error));
  try {
    const problems = new ProblemList<KeyedProblem>(MAX_PROBLEMS);
    const report = (line: number | undefined, field: string, name: string, values: EnglishMessageValues = {}) =>
      problems.add(listProblem(field, line, name, { line: line ?? 0, ...values }));
    let columns: Map<string, number> | undefined;
    let rows = 0;
    let batch: StagedListRow[] = [];
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        const line = info.lines;
        if (columns === undefined) {
          const names = record.map((n) => n.trim().toLowerCase());
          const allowed = new Set([...required, ...optional, ...(input.mode === 'delta' ? ['change_type'] : [])]);
          const wanted = [...required, ...(input.mode === 'delta' ? ['change_type'] : [])];
          const missing = wanted.filter((n) => !names.includes(n));
          const unknown = names.filter((n) => !allowed.has(n));
          if (missing.length > 0 || unknown.length > 0) {
            const list = termValue(`devices.lists.name.${input.list}`);
            if (missing.length > 0)
              report(line, 'header', 'headerMissing', { list, missing: listValue(missing), required: listValue(wanted), optional: listValue(optional, 'or') });
            const quoted = unknown.slice(0, MAX_NAMES_QUOTED).map((n) => n.slice(0, 40));
            if (quoted.length > 0) {
              const more = unknown.length - quoted.length;
              report(line, 'header', more > 0 ? 'headerUnknownMore' : 'headerUnknown', { list, unknown: listValue(quoted), more });
            }
            break;
          }
          columns = new Map(names.map((n, i) => [n, i]));
          continue;
        }
        rows += 1;
        if (rows % BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
        const cell = (name: string) => {
          const at = columns?.get(name);
          return at === undefined ? '' : (record[at] ?? '').trim();
        };
        if (record.length !== columns.size) {
          report(line, 'row', 'fieldCount', { fields: record.length, columns: columns.size });
          continue;
        }
        const staged = readRow(deps.keyring, input.list, input.mode, { cell, hasMsisdn: columns.has('msisdn'), threeDigitMnc }, line, report);
        if (staged === null || !problems.isEmpty) continue;
        batch.push(staged);
        if (batch.length >= BATCH) {
          await repository.stageListRows(uploadId, batch, nowIso());
          batch = [];
        }
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      problems.add(unreadableProblem(error));
    }
    if (columns === undefined && problems.isEmpty) report(1, 'file', 'empty');
    if (problems.isEmpty) await repository.stageListRows(uploadId, batch, nowIso());
    if (problems.isEmpty && input.mode === 'delta') {
      for (const conflict of await repository.findDeltaConflicts(input.list, uploadId, 50))
        report(conflict.line, 'change_type', conflict.change_type === 'add' ? 'addHeld' : 'removeNotHeld');
    }
    if (!problems.isEmpty) {
      const file = input.fileName.slice(0, MAX_TEXT);
      const detail =
        problems.total > problems.listed.length
          ? devicesRefusal(CATALOGUE, 'devices.lists.refusal.invalidListed', { file, count: problems.total, listed: problems.listed.length })
          : devicesRefusal(CATALOGUE, 'devices.lists.refusal.invalid', { file, count: problems.total });
      throw new InvalidFile(problems.total, problems.listed, 'DEVICE_LIST_INVALID', detail);
    }
    const accepted = {
      list: input.list,
      mode: input.mode,
      applyDate: today,
      fileName: input.fileName.slice(0, MAX_TEXT),
      rowCount: rows,
      actor: JSON.stringify(input.actor),
      actorText: actorText(input.actor),
    };
    if (!(await repository.acceptListUpload(uploadId, accepted, nowIso()))) {
      throw new Conflict('DEVICE_LIST_BUSY', devicesRefusal(CATALOGUE, 'devices.lists.busy'));
    }
    // From here the upload is applied whatever happens: should this process stop, the hourly job finishes it.
    isAccepted = true;
    const { added, removed } = await applyAcceptedList(deps, uploadId);
    isRecorded = true;
    return { uploadId, list: input.list, mode: input.mode, rows, added, removed };
  } finally {
    // Recorded or refused, the staged rows are read no more; they go in short transactions too.
    if (!isAccepted || isRecorded) await repeatUntilDone(() => repository.discardListStaging(uploadId, DISCARD_CHUNK));
  }
}

/**
 * Applies an accepted upload to its list a short transaction at a time, from where it stopped,
 * then records it (the upload's row and its audit record) and frees the list.
 */
export async function applyAcceptedList(deps: Pick<ListImportDeps, 'repository' | 'audit' | 'clock'>, uploadId: string): Promise<ListChanges> {
  await repeatUntilDone(() => deps.repository.applyListChunk(uploadId, APPLY_CHUNK, deps.clock.now().toISOString()));
  return deps.repository.recordListUpload(
    uploadId,
    async (trx, row, actor) => {
      await deps.audit.record(trx, {
        actor: JSON.parse(actor) as Actor,
        action: 'devices.list.uploaded',
        entityType: 'device_list_upload',
        entityId: uploadId,
        details: { list: row.list, mode: row.mode, rows: row.row_count, added: row.added, removed: row.removed },
      });
    },
    deps.clock.now().toISOString(),
  );
}

/** A list staging untouched this long was abandoned by a stopped process: a live upload touches it with every batch. */
export const STALE_LIST_STAGING_MS = 30 * 60_000;

/** A problem of a list file, said by `devices.lists.problem.<name>`; the line is among its values. */
function listProblem(field: string, line: number | undefined, name: string, values: EnglishMessageValues): KeyedProblem {
  return devicesProblem(CATALOGUE, field, line, `devices.lists.problem.${name}`, values);
}

/** Why csv-parse could not read a file, by its error code, said from the platform's keys where it has one. */
const CSV_PARSE_KEYS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'csv.error.quoteNotClosed',
  CSV_INVALID_CLOSING_QUOTE: 'csv.error.textAfterQuote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'csv.error.textAfterQuote',
  INVALID_OPENING_QUOTE: 'csv.error.strayQuote',
  CSV_MAX_RECORD_SIZE: 'csv.error.recordTooLong',
};

/** The problem of a file csv-parse could not read: the line it stopped near, and why when the platform has words for it. */
function unreadableProblem(error: CsvError): KeyedProblem {
  const line = Number(error.lines ?? 0);
  const key = CSV_PARSE_KEYS[error.code];
  if (key === undefined) return listProblem('file', line, 'unreadable', { line });
  const values = { line, max: MAX_RECORD_CHARS };
  return { field: 'file', line, message: csvEnglish(key, values), key, values };
}

/**
 * Settles what stopped processes left of list uploads: an accepted upload is applied from where it
 * stopped and recorded; one still being read is deleted, and the list does not change. Returns how many of each.
 */
export async function settleAbandonedListUploads(
  deps: Pick<ListImportDeps, 'repository' | 'audit' | 'clock'>,
): Promise<{ applied: number; discarded: number }> {
  const stale = await deps.repository.listStaleListStagings(new Date(deps.clock.now().getTime() - STALE_LIST_STAGING_MS).toISOString());
  let applied = 0;
  for (const { uploadId, isBeingApplied } of stale) {
    if (isBeingApplied) {
      await applyAcceptedList(deps, uploadId);
      applied += 1;
    }
    await repeatUntilDone(() => deps.repository.discardListStaging(uploadId, DISCARD_CHUNK));
  }
  return { applied, discarded: stale.length - applied };
}

/** Reads one line of a list file into a staged row, or reports why it cannot. */
function readRow(
  keyring: Keyring,
  list: DeviceListName,
  mode: 'full' | 'delta',
  row: { cell: (name: string) => string; hasMsisdn: boolean; threeDigitMnc: ReadonlySet<string> },
  line: number,
  report: (line: number, field: string, name: string, values?: EnglishMessageValues) => void,
): StagedListRow | null {
  const { cell } = row;
  let isValid = true;
  const fail = (field: string, name: string, values: EnglishMessageValues = {}) => {
    isValid = false;
    report(line, field, name, values);
  };
  let key = '';
  if (list === 'barred_tac') {
    const tac = cell('tac');
    if (!DIGITS.test(tac) || tac.length !== 8) fail('tac', 'tac');
    key = tac;
  } else {
    const imei = cell('imei');
    // As DIRBS's list schemas: the IMEI as an operator dump gives it, kept under the same key (imei.ts).
    const imeiKey = isDirbsImeiField(imei) ? normalizeImeiKey(imei) : null;
    if (imeiKey === null) fail('imei', 'imei');
    else key = list === 'golden' ? keyring.hash(imeiKey, GOLDEN_HASH_PURPOSE) : imeiKey;
  }
  const subscriber = {
    imsi_hash: '',
    msisdn_hash: '',
    imsi_cipher: null as string | null,
    msisdn_cipher: null as string | null,
    home_network: null as string | null,
  };
  if (list === 'pairing') {
    // Sealed as the observations seal them, so that the operators' lists, which copy either, open them alike.
    const imsi = cell('imsi');
    if (!SUBSCRIBER_NUMBER.test(imsi)) fail('imsi', 'imsi');
    else {
      subscriber.imsi_hash = keyring.hash(imsi, OBSERVATION_CRYPTO.imsiHashPurpose);
      subscriber.imsi_cipher = keyring.encrypt(imsi, OBSERVATION_CRYPTO.imsiContext);
      subscriber.home_network = homeNetworkOf(imsi, row.threeDigitMnc);
    }
    if (row.hasMsisdn) {
      const msisdn = cell('msisdn');
      if (!SUBSCRIBER_NUMBER.test(msisdn)) fail('msisdn', 'msisdn');
      else {
        subscriber.msisdn_hash = keyring.hash(msisdn, MSISDN_HASH_PURPOSE);
        subscriber.msisdn_cipher = keyring.encrypt(msisdn, OBSERVATION_CRYPTO.msisdnContext);
      }
    }
  }
  let changeType: 'add' | 'remove' = 'add';
  if (mode === 'delta') {
    const given = cell('change_type').toLowerCase();
    if (given === 'add' || given === 'remove') changeType = given;
    else fail('change_type', 'changeType');
  }
  const reason = cell('reason');
  const source = cell('source');
  if (reason.length > MAX_TEXT) fail('reason', 'reasonLong', { max: MAX_TEXT });
  if (source.length > MAX_TEXT) fail('source', 'sourceLong', { max: MAX_TEXT });
  if (!isValid) return null;
  return { key, ...subscriber, change_type: changeType, reason: reason === '' ? null : reason, source: source === '' ? null : source, line };
}
