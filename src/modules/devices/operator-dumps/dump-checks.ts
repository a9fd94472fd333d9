/**
 * The checks an operator dump must pass before it is imported, in the manner of DIRBS: the file
 * name names the operator and the period, every row's date lies in that period, and the shares of
 * empty, unclean, out-of-region and zero-stripped values stay under the profile's limits. Pure: the
 * import service feeds rows one at a time into a {@link DumpTally} and asks for the report at the end.
 */
import { dumpMessage, dumpProblem, type DumpMessage, type DumpProblem } from './dump-messages.ts';
import { isCleanImeiKey, isDirbsImeiField, normalizeImeiKey } from '../imei-check/imei.ts';
import { parseRat } from './rat.ts';
import type { DumpSettings } from './operator-dumps.settings.ts';

/** The name of every check, as reports, messages and documentation name them. */
export type DumpCheckCode =
  | 'fileName'
  | 'operator'
  | 'format'
  | 'dateRange'
  | 'futureDate'
  | 'nullImei'
  | 'nullImsi'
  | 'nullMsisdn'
  | 'nullRat'
  | 'uncleanImei'
  | 'uncleanImsi'
  | 'unclean'
  | 'outOfRegionImsi'
  | 'leadingZeroImei'
  | 'leadingZeroImsi'
  | 'leadingZeroMsisdn'
  | 'volumeDrop';

/**
 * One check's outcome. Ratio checks pass while `measured <= limit` (`volumeDrop`: while
 * `measured >= limit`); count checks (`format`, `dateRange`, `futureDate`) have a limit of 0.
 * `fileName` and `operator` carry no measure.
 */
export interface DumpCheck {
  code: DumpCheckCode;
  isPassed: boolean;
  measured: number | null;
  limit: number | null;
  /** Whether the measure is a share (0 to 1) or a count of rows. */
  unit: 'ratio' | 'rows' | 'none';
}

/** What the checks found in one file. */
export interface DumpReport {
  fileName: string;
  operatorId: string;
  periodStart: string | null;
  periodEnd: string | null;
  rows: number;
  /** Observations kept: rows with an IMEI, clean or not (the malformed ones are classified as such). */
  keptRows: number;
  checks: DumpCheck[];
  /** Lines that could not be read, and the first lines of each failed row check (at most {@link MAX_LINE_PROBLEMS}). */
  problems: DumpProblem[];
  isAccepted: boolean;
}

/** The most line problems one report lists. */
export const MAX_LINE_PROBLEMS = 100;

/** The parts of a dump's file name: `<operator>_<YYYYMMDD>_<YYYYMMDD>.csv` (or `.zip`). */
export interface DumpFileName {
  operatorId: string;
  periodStart: string;
  periodEnd: string;
  extension: 'csv' | 'zip';
}

const FILE_NAME = /^(.+)_([0-9]{8})_([0-9]{8})\.(csv|zip)$/i;

/**
 * Reads the operator and the period from a dump's file name, or says why it cannot.
 *
 * @example
 * parseDumpFileName('OP-DEMO-1_20261101_20261130.csv') // { operatorId: 'OP-DEMO-1', periodStart: '2026-11-01', periodEnd: '2026-11-30', extension: 'csv' }
 */
export function parseDumpFileName(fileName: string): DumpFileName | { problem: DumpMessage } {
  const match = FILE_NAME.exec(fileName);
  if (!match) return { problem: dumpMessage('name.pattern', { file: fileName }) };
  const [, operatorId = '', start = '', end = '', extension = ''] = match;
  const periodStart = isoDateOf(start);
  const periodEnd = isoDateOf(end);
  if (periodStart === null || periodEnd === null) return { problem: dumpMessage('name.noSuchDate', { file: fileName }) };
  if (periodEnd < periodStart) return { problem: dumpMessage('name.endsBeforeStart', { file: fileName }) };
  return { operatorId, periodStart, periodEnd, extension: extension.toLowerCase() === 'zip' ? 'zip' : 'csv' };
}

/** `YYYYMMDD` or `YYYY-MM-DD` as an ISO 8601 date, or null when it is not a real date. */
export function isoDateOf(text: string): string | null {
  const match = /^([0-9]{4})-?([0-9]{2})-?([0-9]{2})$/.exec(text);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** The columns of a dump, in order; `rat` may be left out. */
export const DUMP_COLUMNS = ['date', 'imei', 'imsi', 'msisdn', 'rat'] as const;

/** Whether the header is `date,imei,imsi,msisdn` with an optional `,rat`; returns the column count or a problem. */
export function readDumpHeader(fields: readonly string[]): { columns: 4 | 5 } | { problem: DumpMessage } {
  const names = fields.map((f) => f.trim().toLowerCase());
  if (names.length === 4 && names.every((n, i) => n === DUMP_COLUMNS[i])) return { columns: 4 };
  if (names.length === 5 && names.every((n, i) => n === DUMP_COLUMNS[i])) return { columns: 5 };
  return { problem: dumpMessage('header', { header: names.join(',') }) };
}

/** One row as it will be stored: an observation of an IMEI, or null when the IMEI is empty. */
export interface DumpObservation {
  date: string;
  /** The key DIRBS derives ({@link normalizeImeiKey}): 14 digits, or the whole IMEI upper-cased when it does not start with 14 digits. */
  imeiKey: string;
  imsi: string | null;
  msisdn: string | null;
  homeNetwork: string | null;
  /** The radio generations of the row's RAT (see `rat.ts`), null when it gave none. */
  ratMask: number | null;
}

const DIGITS = /^[0-9]+$/;
const SUBSCRIBER_NUMBER = /^[0-9]{1,15}$/;

/**
 * The home network (MCC and MNC) an IMSI names: its first five digits, or six for an MCC whose
 * networks have three-digit MNCs; null when it is shorter.
 */
export function homeNetworkOf(imsi: string, threeDigitMncMccs: ReadonlySet<string>): string | null {
  const width = threeDigitMncMccs.has(imsi.slice(0, 3)) ? 6 : 5;
  return imsi.length >= width ? imsi.slice(0, width) : null;
}

/** Whether a given IMSI is unclean as DIRBS's `is_unclean_imsi` says: not 14 or 15 long. */
export function isUncleanImsi(imsi: string): boolean {
  return imsi.length < 14 || imsi.length > 15;
}

/**
 * Counts what the checks need while rows stream past, so memory stays flat whatever the size of
 * the file; {@link DumpTally.report} turns the counts into checks.
 */
export class DumpTally {
  rows = 0;
  keptRows = 0;
  private formatErrors = 0;
  private outOfRange = 0;
  private inFuture = 0;
  private nullImei = 0;
  private nullImsi = 0;
  private nullMsisdn = 0;
  private nullRat = 0;
  private imeis = 0;
  private uncleanImei = 0;
  private uncleanImsi = 0;
  /** Rows with an unclean IMEI or an unclean IMSI (DIRBS's combined check). */
  private unclean = 0;
  private imsis = 0;
  private outOfRegionImsi = 0;
  private msisdns = 0;
  private shortImei = 0;
  private shortImsi = 0;
  private shortMsisdn = 0;
  private readonly problems: DumpProblem[] = [];
  private readonly problemsByCode = new Map<DumpCheckCode, number>();
  private readonly dates = new Map<string, string | null>();
  private readonly homeMccs: ReadonlySet<string>;
  private readonly threeDigitMnc: ReadonlySet<string>;

  constructor(
    private readonly settings: DumpSettings,
    private readonly period: { start: string; end: string },
    private readonly today: string,
    private readonly columns: 4 | 5,
  ) {
    this.homeMccs = new Set(settings.homeMccs);
    this.threeDigitMnc = new Set(settings.threeDigitMncMccs);
  }

  /** Whether any line could not be read at all (the file is then refused whatever the ratios). */
  get hasFormatErrors(): boolean {
    return this.formatErrors > 0;
  }

  /** Counts one data row (`line` counts the header as 1) and returns what to store, if anything. */
  add(fields: readonly string[], line: number): DumpObservation | null {
    this.rows += 1;
    if (fields.length !== this.columns) {
      this.formatErrors += 1;
      this.problem('format', 'row', line, 'line.fieldCount', { line, count: fields.length, columns: this.columns });
      return null;
    }
    const date = this.dateOf(fields[0] ?? '');
    if (date === null) {
      this.formatErrors += 1;
      this.problem('format', 'date', line, 'line.dateFormat', { line });
      return null;
    }
    if (date < this.period.start || date > this.period.end) {
      this.outOfRange += 1;
      this.problem('dateRange', 'date', line, 'line.dateRange', { line, date, start: this.period.start, end: this.period.end });
    }
    if (date > this.today) {
      this.inFuture += 1;
      this.problem('futureDate', 'date', line, 'line.futureDate', { line, date });
    }
    const imei = (fields[1] ?? '').trim();
    const imsi = (fields[2] ?? '').trim();
    const msisdn = (fields[3] ?? '').trim();
    const rat = this.columns === 5 ? parseRat(fields[4] ?? '') : { mask: null };
    // Values DIRBS's schema refuses, and with them the whole file (etc/schema/OperatorImportSchema_v2.csvs:53-62):
    // an IMSI (ITU-T E.212) and an MSISDN (E.164) are at most 15 digits.
    const unreadable: Array<[field: string, message: string]> = [];
    if (imei !== '' && !isDirbsImeiField(imei)) unreadable.push(['imei', 'line.imeiFormat']);
    if (imsi !== '' && !SUBSCRIBER_NUMBER.test(imsi)) unreadable.push(['imsi', 'line.imsiFormat']);
    if (msisdn !== '' && !SUBSCRIBER_NUMBER.test(msisdn)) unreadable.push(['msisdn', 'line.msisdnFormat']);
    if (!('mask' in rat)) unreadable.push(['rat', 'line.ratFormat']);
    if (unreadable.length > 0 || !('mask' in rat)) {
      for (const [field, message] of unreadable) {
        this.formatErrors += 1;
        this.problem('format', field, line, message, { line });
      }
      return null;
    }
    if (this.columns === 5 && rat.mask === null) this.nullRat += 1;
    const imeiKey = normalizeImeiKey(imei);
    const isImeiUnclean = imeiKey !== null && !isCleanImeiKey(imeiKey);
    const isImsiUnclean = imsi !== '' && isUncleanImsi(imsi);
    if (isImeiUnclean) this.uncleanImei += 1;
    if (isImsiUnclean) this.uncleanImsi += 1;
    if (isImeiUnclean || isImsiUnclean) this.unclean += 1;
    if (imeiKey === null) this.nullImei += 1;
    else {
      this.imeis += 1;
      // A spreadsheet that read the column as numbers turns 01234567890123 into 13 digits.
      if (imei.length === 13 && DIGITS.test(imei)) this.shortImei += 1;
    }
    let homeNetwork: string | null = null;
    if (imsi === '') this.nullImsi += 1;
    else {
      this.imsis += 1;
      const mcc = imsi.slice(0, 3);
      if (!this.homeMccs.has(mcc)) this.outOfRegionImsi += 1;
      // IMSIs are 15 digits (3GPP TS 23.003); 14 digits is most often a stripped leading zero of a test or foreign MCC.
      if (imsi.length === 14) this.shortImsi += 1;
      homeNetwork = homeNetworkOf(imsi, this.threeDigitMnc);
    }
    if (msisdn === '') this.nullMsisdn += 1;
    else {
      this.msisdns += 1;
      // MSISDNs come in international form (country code first); a national number without its trunk 0 lost it.
      if (!msisdn.startsWith('0') && !this.settings.msisdnCountryCodes.some((cc) => msisdn.startsWith(cc))) this.shortMsisdn += 1;
    }
    if (imeiKey === null) return null;
    this.keptRows += 1;
    return { date, imeiKey, imsi: imsi === '' ? null : imsi, msisdn: msisdn === '' ? null : msisdn, homeNetwork, ratMask: rat.mask };
  }

  /** Records a problem that is not a row (the header, the archive); it counts as a format error. */
  fileProblem(field: string, line: number | undefined, message: DumpMessage): void {
    this.formatErrors += 1;
    this.keep('format', () => dumpProblem(field, line, message));
  }

  /**
   * The report: every check with its measure and limit. `previousDailyAverage` is the average
   * rows per day of the operator's previous imports, or null when there are none.
   */
  report(input: { fileName: string; operatorId: string; previousDailyAverage: number | null }): DumpReport {
    const s = this.settings;
    const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
    const max = (code: DumpCheckCode, measured: number, limit: number): DumpCheck => ({ code, isPassed: measured <= limit, measured, limit, unit: 'ratio' });
    const none = (code: DumpCheckCode, count: number): DumpCheck => ({ code, isPassed: count === 0, measured: count, limit: 0, unit: 'rows' });
    const checks: DumpCheck[] = [
      { code: 'fileName', isPassed: true, measured: null, limit: null, unit: 'none' },
      { code: 'operator', isPassed: true, measured: null, limit: null, unit: 'none' },
      none('format', this.formatErrors),
      none('dateRange', this.outOfRange),
      none('futureDate', this.inFuture),
      max('nullImei', share(this.nullImei, this.rows), s.maxNullImeiRatio),
      max('nullImsi', share(this.nullImsi, this.rows), s.maxNullImsiRatio),
      max('nullMsisdn', share(this.nullMsisdn, this.rows), s.maxNullMsisdnRatio),
      // As DIRBS, only when the file gives a RAT column (operator_data_importer.py:348-349).
      ...(this.columns === 5 ? [max('nullRat', share(this.nullRat, this.rows), s.maxNullRatRatio)] : []),
      // As DIRBS, over every row of the file (operator_data_importer.py:455-503, `self._data_length`).
      max('uncleanImei', share(this.uncleanImei, this.rows), s.maxUncleanImeiRatio),
      max('uncleanImsi', share(this.uncleanImsi, this.rows), s.maxUncleanImsiRatio),
      max('unclean', share(this.unclean, this.rows), s.maxUncleanRatio),
      max('outOfRegionImsi', share(this.outOfRegionImsi, this.rows), s.maxOutOfRegionImsiRatio),
      max('leadingZeroImei', share(this.shortImei, this.imeis), s.maxLeadingZeroRatio),
      max('leadingZeroImsi', share(this.shortImsi, this.imsis), s.maxLeadingZeroRatio),
      max('leadingZeroMsisdn', share(this.shortMsisdn, this.msisdns), s.maxLeadingZeroRatio),
    ];
    if (this.rows === 0 && this.formatErrors === 0) this.fileProblem('file', 2, dumpMessage('noRows'));
    if (this.rows === 0) checks[2] = none('format', this.formatErrors);
    // A file that cannot be read has no meaningful volume; its format check already refuses it.
    if (this.formatErrors === 0 && input.previousDailyAverage !== null && input.previousDailyAverage > 0 && s.minVolumeShare > 0) {
      const measured = share(this.rows / daysIn(this.period.start, this.period.end), input.previousDailyAverage);
      checks.push({ code: 'volumeDrop', isPassed: measured >= s.minVolumeShare, measured, limit: s.minVolumeShare, unit: 'ratio' });
    }
    return {
      fileName: input.fileName,
      operatorId: input.operatorId,
      periodStart: this.period.start,
      periodEnd: this.period.end,
      rows: this.rows,
      keptRows: this.keptRows,
      checks,
      problems: [...this.problems],
      isAccepted: checks.every((c) => c.isPassed),
    };
  }

  /** {@link isoDateOf}, remembered: a dump holds a few dozen distinct dates over millions of rows. */
  private dateOf(text: string): string | null {
    let date = this.dates.get(text);
    if (date === undefined) {
      date = isoDateOf(text.trim());
      if (this.dates.size >= 1000) this.dates.clear();
      this.dates.set(text, date);
    }
    return date;
  }

  private problem(code: DumpCheckCode, field: string, line: number, name: string, values: DumpMessage['values']): void {
    this.keep(code, () => dumpProblem(field, line, dumpMessage(name, values)));
  }

  /** Keeps a problem while its kind has room; `make` runs only then, as a file may hold millions of bad rows. */
  private keep(code: DumpCheckCode, make: () => DumpProblem): void {
    // Each kind of line problem gets its share of the list, so a flood of one kind hides no other.
    const seen = this.problemsByCode.get(code) ?? 0;
    this.problemsByCode.set(code, seen + 1);
    if (seen < 20 && this.problems.length < MAX_LINE_PROBLEMS) this.problems.push(make());
  }
}

/** Days from `start` to `end`, both included. */
export function daysIn(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The report of a file refused before its rows were read: a bad name or another operator's file. */
export function refusedByName(fileName: string, operatorId: string, failed: 'fileName' | 'operator', message: DumpMessage): DumpReport {
  return {
    fileName,
    operatorId,
    periodStart: null,
    periodEnd: null,
    rows: 0,
    keptRows: 0,
    checks: [
      { code: 'fileName', isPassed: failed !== 'fileName', measured: null, limit: null, unit: 'none' },
      ...(failed === 'operator' ? [{ code: 'operator' as const, isPassed: false, measured: null, limit: null, unit: 'none' as const }] : []),
    ],
    problems: [dumpProblem(failed, undefined, message)],
    isAccepted: false,
  };
}

/** A check's outcome in one line of English, for the CLI, the API's problem details and the logs. */
export function describeCheck(check: DumpCheck): string {
  const percent = (v: number) => `${(v * 100).toFixed(2)}%`;
  if (check.unit === 'none' || check.measured === null || check.limit === null) return `${check.code}: ${check.isPassed ? 'passed' : 'failed'}`;
  if (check.unit === 'rows') return `${check.code}: ${check.measured} row(s), limit ${check.limit}`;
  const relation = check.code === 'volumeDrop' ? 'at least' : 'at most';
  return `${check.code}: measured ${percent(check.measured)}, limit ${relation} ${percent(check.limit)}`;
}
