import { createHash } from 'node:crypto';
import { csvFields } from '../../../platform/csv-writer.ts';
import type { Actor, AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Keyring } from '../../../platform/crypto/index.ts';
import { Forbidden, NotFound } from '../../../platform/http/errors.ts';
import { devicesRefusal } from '../device-messages.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { ClassificationSettings } from '../classification/classification.settings.ts';
import type { DeviceListRepository, ListKind, ListRow, ListRunRow } from './device-list.repository.ts';

/** The catalogue beside this code: its English words are what the API and the command line say. */
const CATALOGUE = new URL('./locales/', import.meta.url);

/** One file of a list run: a full list or its delta, national or for one operator. */
export interface ListFile {
  /** The file name, such as `notifications-OP-1-delta.csv`. */
  name: string;
  kind: ListKind;
  /** Empty for the national block list. */
  operatorId: string;
  isDelta: boolean;
}

/** The manifest written next to the files and served to operators. */
export interface ListManifest {
  runId: string;
  listDate: string;
  generatedAt: string;
  previousRunId: string | null;
  files: { name: string; rows: number; sha256: string }[];
}

/** A generated run: its id, day, previous run, and rows per list. */
export interface ListRun {
  runId: string;
  listDate: string;
  generatedAt: string;
  previousRunId: string | null;
  counts: { kind: ListKind; operatorId: string; rows: number }[];
}

/** Builds the lists for the operators' EIRs and serves them. */
export interface DeviceListService {
  /**
   * Generates and stores the lists of a day from the classification state: a day given is also the
   * analysis date of the notification look-back; without one, today, as of the analysis date the
   * profile names (by default the last day of operator data), as the classification.
   */
  generateLists(input?: { date?: string }): Promise<ListRun>;
  /** The files of the newest run; an operator sees the national list and its own lists only. */
  filesOf(run: ListRun, operatorId?: string): ListFile[];
  /** The newest run, or undefined before the first. */
  latestRun(): Promise<ListRun | undefined>;
  /** The CSV text of one file of a run, line by line (header first), with IMSIs and MSISDNs decrypted. */
  linesOf(run: ListRun, file: ListFile): AsyncGenerator<string>;
  /** An operator's download: checks the operator, audits it, and returns the file of the newest run. */
  openForOperator(
    actor: Actor,
    callerOperatorId: string | null,
    request: { kind: ListKind; operatorId: string; isDelta: boolean },
  ): Promise<{ run: ListRun; file: ListFile }>;
  /** Writes every file of a new run and its manifest with `write(name, lines)`. */
  exportLists(input: {
    date?: string;
    write: (name: string, lines: AsyncIterable<string>) => Promise<{ rows: number; sha256: string }>;
  }): Promise<ListManifest>;
}

const PAGE = 10_000;
// The exception list's columns are DIRBS's (listgen/generator.py, `_write_full_csv_exceptions_list`).
const HEADERS: Record<ListKind, string> = {
  block: 'imei,block_date,reasons',
  notification: 'imei,imsi,msisdn,block_date,reasons',
  exception: 'imei,imsi,msisdn',
};
const BASE_NAMES: Record<ListKind, string> = { block: 'blocklist', notification: 'notifications', exception: 'exceptions' };

/** Builds the list service. */
export function createDeviceListService(deps: {
  repository: DeviceListRepository;
  keyring: Keyring;
  clock: Clock;
  ids: IdGenerator;
  audit: AuditLog;
  settings: ClassificationSettings;
}): DeviceListService {
  const { repository, keyring, clock, ids, audit, settings } = deps;
  const networks: Record<string, string> = {};
  for (const [operatorId, codes] of Object.entries(settings.operatorNetworks)) for (const code of codes) networks[code.replace('-', '')] = operatorId;
  const operators = Object.keys(settings.operatorNetworks).sort();

  const toRun = (row: ListRunRow, previous: ListRunRow | undefined): ListRun => {
    const summary = JSON.parse(row.summary) as { counts?: ListRun['counts'] };
    return { runId: row.id, listDate: row.list_date, generatedAt: row.generated_at, previousRunId: previous?.id ?? null, counts: summary.counts ?? [] };
  };

  const filesOf = (_run: ListRun, operatorId?: string): ListFile[] => {
    const files: ListFile[] = [];
    for (const isDelta of [false, true]) files.push({ name: `${BASE_NAMES.block}${isDelta ? '-delta' : ''}.csv`, kind: 'block', operatorId: '', isDelta });
    for (const op of operators) {
      if (operatorId !== undefined && op !== operatorId) continue;
      for (const kind of ['notification', 'exception'] as const) {
        for (const isDelta of [false, true]) files.push({ name: `${BASE_NAMES[kind]}-${op}${isDelta ? '-delta' : ''}.csv`, kind, operatorId: op, isDelta });
      }
    }
    return files;
  };

  const lineOf = (kind: ListKind, row: ListRow, isDelta: boolean): string => {
    const imsi = () => (row.imsi_cipher ? keyring.decrypt(row.imsi_cipher, 'device_observations.imsi') : '');
    const msisdn = () => (row.msisdn_cipher ? keyring.decrypt(row.msisdn_cipher, 'device_observations.msisdn') : '');
    const cells =
      kind === 'block'
        ? [row.imei_key, row.block_date ?? '', row.reasons]
        : kind === 'notification'
          ? [row.imei_key, imsi(), msisdn(), row.block_date ?? '', row.reasons]
          : [row.imei_key, imsi(), msisdn()];
    if (isDelta) cells.push(row.change_type ?? '', row.change_reason ?? '');
    return csvFields(cells);
  };

  async function* linesOf(run: ListRun, file: ListFile): AsyncGenerator<string> {
    yield file.isDelta ? `${HEADERS[file.kind]},change_type,change_reason` : HEADERS[file.kind];
    if (file.isDelta) {
      let after: { key: string; imsi: string; change: string } | null = null;
      for (;;) {
        const page = await repository.deltaPage(run.runId, run.previousRunId, file.kind, file.operatorId, run.listDate, after, PAGE);
        for (const row of page) yield lineOf(file.kind, row, true);
        const last = page[page.length - 1];
        if (!last || page.length < PAGE) return;
        after = { key: last.imei_key, imsi: last.imsi_hash, change: last.change_type ?? '' };
      }
    }
    let after: { key: string; imsi: string } | null = null;
    for (;;) {
      const page = await repository.fullPage(run.runId, file.kind, file.operatorId, after, PAGE);
      for (const row of page) yield lineOf(file.kind, row, false);
      const last = page[page.length - 1];
      if (!last || page.length < PAGE) return;
      after = { key: last.imei_key, imsi: last.imsi_hash };
    }
  }

  const latestRun = async (): Promise<ListRun | undefined> => {
    const [newest, previous] = await repository.latestRuns();
    return newest ? toRun(newest, previous) : undefined;
  };

  const generateLists = async (input: { date?: string } = {}): Promise<ListRun> => {
    const date = input.date ?? clock.now().toISOString().slice(0, 10);
    const dataDate = input.date !== undefined || settings.analysisDate === 'runDate' ? date : ((await repository.latestDataDay(date)) ?? date);
    const runId = ids();
    const generatedAt = clock.now().toISOString();
    return repository.inTransaction(async (trx) => {
      const [previous] = await trx.latestRuns();
      await trx.insertRun({ id: runId, list_date: date, generated_at: generatedAt, summary: '{}' });
      const scope = {
        isInvalidListed: settings.listInvalidImeis,
        isExceptionToBlockedOnly: settings.exceptionsScope === 'blocked',
        isBarredExcepted: settings.includeBarredInExceptions,
      };
      await trx.insertBlockList(runId, date, settings.conditions, scope);
      await trx.insertNotificationLists(runId, date, dataDate, settings.conditions, networks, settings.notificationLookbackDays, scope);
      await trx.insertExceptionLists(runId, date, settings.conditions, networks, operators, scope);
      const counts = (await trx.countItems(runId)).map((c) => ({ kind: c.list_kind, operatorId: c.operator_id, rows: c.n }));
      await trx.updateRunSummary(runId, JSON.stringify({ counts }));
      await trx.pruneItems(previous ? [runId, previous.id] : [runId]);
      await audit.record(trx.executor, {
        actor: { type: 'system', id: null },
        action: 'devices.lists.generated',
        entityType: 'device_list_run',
        entityId: runId,
        details: { date, previousRunId: previous?.id ?? null },
      });
      return { runId, listDate: date, generatedAt, previousRunId: previous?.id ?? null, counts };
    });
  };

  return {
    generateLists,
    filesOf,
    latestRun,
    linesOf,

    async openForOperator(actor, callerOperatorId, request) {
      // A notification list names subscribers: only the operator it is routed to may have it.
      if (request.kind !== 'block' && (callerOperatorId === null || callerOperatorId !== request.operatorId)) {
        throw new Forbidden('LIST_OTHER_OPERATOR', devicesRefusal(CATALOGUE, 'devices.lists.refusal.otherOperator'));
      }
      if (request.kind !== 'block' && !operators.includes(request.operatorId))
        throw new NotFound('LIST_NOT_FOUND', devicesRefusal(CATALOGUE, 'devices.lists.refusal.notFound'));
      const run = await latestRun();
      if (!run) throw new NotFound('LIST_NOT_GENERATED', devicesRefusal(CATALOGUE, 'devices.lists.refusal.notGenerated'));
      const file = filesOf(run, request.kind === 'block' ? '' : request.operatorId).find(
        (f) => f.kind === request.kind && f.operatorId === request.operatorId && f.isDelta === request.isDelta,
      );
      if (!file) throw new NotFound('LIST_NOT_FOUND', devicesRefusal(CATALOGUE, 'devices.lists.refusal.notFound'));
      await repository.inTransaction((trx) =>
        audit.record(trx.executor, {
          actor,
          action: 'devices.lists.downloaded',
          entityType: 'device_list_run',
          entityId: run.runId,
          details: { file: file.name, operatorId: request.operatorId || null },
        }),
      );
      return { run, file };
    },

    async exportLists({ date, write }) {
      const run = await generateLists(date === undefined ? {} : { date });
      const files: ListManifest['files'] = [];
      for (const file of filesOf(run)) files.push({ name: file.name, ...(await write(file.name, linesOf(run, file))) });
      return { runId: run.runId, listDate: run.listDate, generatedAt: run.generatedAt, previousRunId: run.previousRunId, files };
    },
  };
}

/** Counts the data rows and hashes the bytes of CSV lines as they pass, for the manifest. */
export function createLineTally(): { add(line: string): string; result(): { rows: number; sha256: string } } {
  const hash = createHash('sha256');
  let lines = 0;
  return {
    add(line) {
      const text = `${line}\n`;
      hash.update(text);
      lines += 1;
      return text;
    },
    result: () => ({ rows: Math.max(0, lines - 1), sha256: hash.digest('hex') }),
  };
}
