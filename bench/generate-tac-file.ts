// Writes a large GSMA-format TAC database for benchmarks and load tests; never committed.
//   node --import tsx bench/generate-tac-file.ts <out.txt> [rows=1000000]
import { pathToFileURL } from 'node:url';
import { writeLineFile } from './line-file.ts';

const HEADER =
  'TAC|Marketing Name|Internal Model Name|Manufacturer|Bands|Allocation Date|Country Code|Fixed Code|Manufacturer Code|Radio Interface|Brand Name|Model Name|Operating System|NFC|Bluetooth|WLAN|Device Type';
const BRANDS = ['Samsung', 'TECNO', 'itel', 'Infinix', 'Xiaomi', 'Nokia', 'Apple', 'Huawei', 'Oppo', 'Vivo'];
const TYPES = ['Smartphone', 'Smartphone', 'Smartphone', 'Mobile Phone/Feature phone', 'Tablet', 'Dongle', 'Module', 'Wearable'];
const BANDS = [
  'GSM 900,GSM 1800',
  'GSM 900,GSM 1800,WCDMA FDD Band I,WCDMA FDD Band VIII',
  'GSM 850,GSM 900,GSM 1800,GSM 1900,WCDMA FDD Band I,LTE FDD BAND 1,LTE FDD BAND 3,LTE FDD BAND 20',
  'GSM 900,GSM 1800,WCDMA FDD Band I,LTE FDD BAND 3,LTE TDD BAND 40,NR SA BAND n78,NR NSA BAND n28',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One line of the generated file; TACs are distinct, 8 digits, spread over several reporting bodies. */
export function tacLine(i: number): string {
  const rbi = ['35', '86', '01', '99', '91'][i % 5] ?? '35';
  const tac = `${rbi}${String(i).padStart(6, '0')}`;
  const brand = BRANDS[i % BRANDS.length] ?? 'Acme';
  const model = `M${(i * 7919) % 100000}`;
  const date = `${String((i % 28) + 1).padStart(2, '0')}-${MONTHS[i % 12] ?? 'Jan'}-${2005 + (i % 21)}`;
  return `${tac}|${brand} ${model}|${model}-I|${brand} Ltd|${BANDS[i % BANDS.length] ?? ''}|${date}|404|N|${i % 1000}|NONE|${brand}|${model}|Android|N|Y|Y|${TYPES[i % TYPES.length] ?? 'Smartphone'}`;
}

/** Streams a file of `rows` TAC lines after the header; 5 reporting bodies x 10^6 serials bound it to 5 million rows. */
export async function writeTacFile(path: string, rows: number): Promise<void> {
  if (rows > 5_000_000) throw new RangeError('The generator makes at most 5,000,000 distinct TACs.');
  await writeLineFile(path, HEADER, rows, tacLine, 1000);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [path, rows] = process.argv.slice(2);
  if (!path) {
    process.stderr.write('usage: node --import tsx bench/generate-tac-file.ts <out.txt> [rows=1000000]\n');
    process.exit(1);
  }
  await writeTacFile(path, Number(rows ?? 1_000_000));
}
