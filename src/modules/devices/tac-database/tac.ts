/**
 * The GSMA TAC database as DIRBS reads it: a pipe-separated text file whose first line names the
 * columns (`TAC|Marketing Name|Internal Model Name|Manufacturer|Bands|Allocation Date|...`), in any
 * order and any letter case. Pure: turns a header and a line into a record or into problems.
 */
import type { FieldProblem } from '../../../platform/http/errors.ts';

/** What Kinga derives from one line of the TAC database. */
export interface TacRecord {
  tac: string;
  manufacturer: string;
  /** The brand people know the device by: `Brand Name` when given, else the manufacturer. */
  brand: string;
  /** `Model Name`, the manufacturer's model designation. */
  model: string;
  marketingName: string | null;
  /** `Device Type` as GSMA wrote it. */
  deviceType: string;
  deviceClass: DeviceClass;
  bands: string;
  radio: RadioCapabilities;
  /** ISO 8601 date, or null when the file leaves it empty. */
  allocationDate: string | null;
  reportingBody: string;
  operatingSystem: string | null;
}

/** Which mobile generations a device's bands cover. */
export interface RadioCapabilities {
  has2g: boolean;
  has3g: boolean;
  has4g: boolean;
  has5g: boolean;
}

/** A small set of device kinds that pages can name in every language. */
export type DeviceClass = 'smartphone' | 'featurePhone' | 'tablet' | 'wearable' | 'modem' | 'module' | 'router' | 'computer' | 'vehicle' | 'other';

/** The columns DIRBS requires, in its normalised spelling (lower case, spaces as underscores). */
export const REQUIRED_COLUMNS = ['tac', 'manufacturer', 'model_name', 'bands', 'allocation_date', 'device_type'] as const;

/** The column positions of one file, read from its header. */
export interface TacHeader {
  names: readonly string[];
  index: Readonly<Record<string, number>>;
}

/** Reads the header line; returns the problems (line 1) when a required column is missing. */
export function readTacHeader(line: string): { header: TacHeader; problems: FieldProblem[] } {
  const names = splitLine(stripBom(line)).map((n) => n.trim());
  const index: Record<string, number> = {};
  names.forEach((name, i) => {
    const normalised = normaliseColumn(name);
    if (normalised !== '' && !(normalised in index)) index[normalised] = i;
  });
  const problems = REQUIRED_COLUMNS.filter((c) => !(c in index)).map((c) => ({
    line: 1,
    field: displayName(c),
    message: `The header has no "${displayName(c)}" column; the TAC database needs ${REQUIRED_COLUMNS.map(displayName).join(', ')}.`,
  }));
  return { header: { names, index }, problems };
}

/** Reads one data line (1-based `line` for messages) into a record, or the problems of that line. */
export function readTacLine(header: TacHeader, line: string, lineNumber: number): { record: TacRecord } | { problems: FieldProblem[] } {
  const fields = splitLine(line);
  if (fields.length !== header.names.length) {
    return {
      problems: [{ line: lineNumber, field: 'line', message: `This line has ${fields.length} fields separated by |; the header has ${header.names.length}.` }],
    };
  }
  // DIRBS strips double quotes inside fields: GSMA exports are not quoted CSV.
  const get = (column: string): string => {
    const i = header.index[column];
    return i === undefined ? '' : (fields[i] ?? '').replaceAll('"', '').trim();
  };
  const problems: FieldProblem[] = [];
  const tac = get('tac');
  if (!/^[0-9]{8}$/.test(tac))
    problems.push({ line: lineNumber, field: 'TAC', message: tac === '' ? 'The TAC is empty.' : `The TAC "${clip(tac)}" is not 8 digits.` });
  const dateText = get('allocation_date');
  const allocationDate = dateText === '' ? null : parseAllocationDate(dateText);
  if (allocationDate === undefined) {
    problems.push({ line: lineNumber, field: 'Allocation Date', message: `"${clip(dateText)}" is not a date such as 01-Jan-2021 or 2021-01-01.` });
  }
  for (const [column, limit] of [
    ['manufacturer', 200],
    ['model_name', 200],
    ['marketing_name', 300],
    ['brand_name', 200],
    ['device_type', 100],
    ['bands', 4000],
  ] as const) {
    if (get(column).length > limit) problems.push({ line: lineNumber, field: displayName(column), message: `Longer than ${limit} characters.` });
  }
  if (problems.length > 0 || allocationDate === undefined) return { problems };
  const manufacturer = get('manufacturer');
  const deviceType = get('device_type');
  const bands = get('bands');
  return {
    record: {
      tac,
      manufacturer,
      brand: get('brand_name') || manufacturer,
      model: get('model_name'),
      marketingName: get('marketing_name') || null,
      deviceType,
      deviceClass: classifyDeviceType(deviceType),
      bands,
      radio: radioCapabilities(`${bands} ${get('radio_interface')}`),
      allocationDate,
      reportingBody: tac.slice(0, 2),
      operatingSystem: get('operating_system') || null,
    },
  };
}

const MONTHS: Readonly<Record<string, string>> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/** Reads `01-Jan-2021` (the GSMA export) or `2021-01-01`; undefined when it is neither or not a real day. */
export function parseAllocationDate(text: string): string | undefined {
  let iso: string | undefined;
  const gsma = /^([0-9]{1,2})-([A-Za-z]{3})-([0-9]{4})$/.exec(text);
  if (gsma) {
    const month = MONTHS[(gsma[2] ?? '').toLowerCase()];
    if (month) iso = `${gsma[3]}-${month}-${(gsma[1] ?? '').padStart(2, '0')}`;
  } else if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) {
    iso = text;
  }
  if (!iso) return undefined;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : undefined;
}

// Band names as GSMA writes them ("GSM 900", "WCDMA FDD Band I", "LTE FDD BAND 3", "NR NSA BAND n78").
// The 2G-4G tokens follow the translation DIRBS applies; DIRBS predates 5G, so NR is Kinga's addition.
const RADIO_PATTERNS = {
  has2g: /GSM|GPRS|EDGE|(?<![-\w])CDMA(?![\w-])(?!\s*2000)|1xRTT/i,
  has3g: /HSPA|HSUPA|HSDPA|EVDO|EV-DO|WCDMA|UMTS|TDS-CDMA|TD-SCDMA|CDMA2000|CDMA 2000/i,
  has4g: /LTE|\bCA_|WiMAX|\bUMB\b/i,
  has5g: /\bNR\b|\b5G\b|\bn[0-9]{1,3}\b|EN-DC/,
} as const;

/** Which generations a `Bands` text covers. */
export function radioCapabilities(bands: string): RadioCapabilities {
  return {
    has2g: RADIO_PATTERNS.has2g.test(bands),
    has3g: RADIO_PATTERNS.has3g.test(bands),
    has4g: RADIO_PATTERNS.has4g.test(bands),
    has5g: RADIO_PATTERNS.has5g.test(bands),
  };
}

/** Maps GSMA's device types ("Smartphone", "Mobile Phone/Feature phone", "Dongle", ...) to a {@link DeviceClass}. */
export function classifyDeviceType(deviceType: string): DeviceClass {
  const t = deviceType.toLowerCase();
  if (t.includes('smartphone')) return 'smartphone';
  if (t.includes('feature phone') || t.includes('mobile phone') || t === 'handheld') return 'featurePhone';
  if (t.includes('tablet') || t.includes('e-book')) return 'tablet';
  if (t.includes('wearable') || t.includes('watch')) return 'wearable';
  if (t.includes('modem') || t.includes('dongle')) return 'modem';
  if (t.includes('module') || t.includes('iot')) return 'module';
  if (t.includes('router') || t.includes('wlan')) return 'router';
  if (t.includes('computer') || t.includes('laptop')) return 'computer';
  if (t.includes('vehicle')) return 'vehicle';
  return 'other';
}

function splitLine(line: string): string[] {
  return line.replace(/\r$/, '').split('|');
}

function stripBom(line: string): string {
  return line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
}

function normaliseColumn(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '_');
}

function displayName(column: string): string {
  return column
    .split('_')
    .map((w) => (w === 'tac' ? 'TAC' : `${w.charAt(0).toUpperCase()}${w.slice(1)}`))
    .join(' ');
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
