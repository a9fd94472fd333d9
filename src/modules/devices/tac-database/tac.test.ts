import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { classifyDeviceType, parseAllocationDate, radioCapabilities, readTacHeader, readTacLine, type TacRecord } from './tac.ts';

const FIXTURE = readFileSync(new URL('../../../../test/fixtures/devices/gsma-tac-small.txt', import.meta.url), 'utf8')
  .trimEnd()
  .split('\n');
const HEADER =
  'TAC|Marketing Name|Internal Model Name|Manufacturer|Bands|Allocation Date|Country Code|Fixed Code|Manufacturer Code|Radio Interface|Brand Name|Model Name|Operating System|NFC|Bluetooth|WLAN|Device Type';

function recordOf(line: string, header = HEADER): TacRecord {
  const { header: h, problems } = readTacHeader(header);
  assert.deepEqual(problems, []);
  const result = readTacLine(h, line, 2);
  assert.ok('record' in result, JSON.stringify(result));
  return result.record;
}

test('reads every line of the fixture into brand, model, device type, radio, allocation date and reporting body', () => {
  const { header } = readTacHeader(FIXTURE[0] ?? '');
  const records = FIXTURE.slice(1).map((line, i) => {
    const result = readTacLine(header, line, i + 2);
    assert.ok('record' in result, `line ${i + 2}: ${JSON.stringify(result)}`);
    return result.record;
  });
  assert.equal(records.length, 6);
  const galaxy = records[0];
  assert.deepEqual(galaxy, {
    tac: '35209900',
    manufacturer: 'Samsung Korea',
    brand: 'Samsung',
    model: 'SM-A155F',
    marketingName: 'Galaxy A15',
    deviceType: 'Smartphone',
    deviceClass: 'smartphone',
    bands: 'GSM 850,GSM 900,GSM 1800,GSM 1900,WCDMA FDD Band I,WCDMA FDD Band VIII,LTE FDD BAND 1,LTE FDD BAND 3,LTE FDD BAND 20,CA_1A-3A',
    radio: { has2g: true, has3g: true, has4g: true, has5g: false },
    allocationDate: '2023-11-15',
    reportingBody: '35',
    operatingSystem: 'Android',
  });
  assert.deepEqual(records[1]?.radio, { has2g: true, has3g: true, has4g: true, has5g: true });
  assert.equal(records[3]?.deviceClass, 'featurePhone');
  assert.deepEqual(records[3]?.radio, { has2g: true, has3g: false, has4g: false, has5g: false });
  assert.equal(records[4]?.deviceClass, 'tablet');
  assert.equal(records[4]?.reportingBody, '01');
  assert.equal(records[5]?.allocationDate, null);
  assert.equal(records[5]?.operatingSystem, null);
  assert.equal(records[5]?.deviceClass, 'modem');
});

test('reads the columns in any order and letter case, and falls back to the manufacturer for the brand', () => {
  const record = recordOf(
    'Nokia 105|01-feb-2019|12345678|HMD Global Oy|GSM 900|mobile phone/feature phone|TA-1203',
    'model name|ALLOCATION DATE|tac|Manufacturer|Bands|Device Type|Internal Model Name',
  );
  assert.equal(record.tac, '12345678');
  assert.equal(record.brand, 'HMD Global Oy');
  assert.equal(record.model, 'Nokia 105');
  assert.equal(record.allocationDate, '2019-02-01');
  assert.equal(record.deviceClass, 'featurePhone');
});

test('names every missing required column of the header on line 1', () => {
  const { problems } = readTacHeader('TAC|Manufacturer|Bands');
  assert.deepEqual(
    problems.map((p) => [p.line, p.field]),
    [
      [1, 'Model Name'],
      [1, 'Allocation Date'],
      [1, 'Device Type'],
    ],
  );
});

test('ignores a byte-order mark and Windows line ends', () => {
  const { header, problems } = readTacHeader(`\uFEFF${HEADER}\r`);
  assert.deepEqual(problems, []);
  const result = readTacLine(header, `${FIXTURE[1]}\r`, 2);
  assert.ok('record' in result);
  assert.equal(result.record.deviceType, 'Smartphone');
});

test('reports a line with the wrong number of fields', () => {
  const { header } = readTacHeader(HEADER);
  assert.deepEqual(readTacLine(header, '35209900|Galaxy', 7), {
    problems: [{ line: 7, field: 'line', message: 'This line has 2 fields separated by |; the header has 17.' }],
  });
});

test('reports a bad TAC and a bad allocation date on the same line, each with its field', () => {
  const { header } = readTacHeader('TAC|Manufacturer|Model Name|Bands|Allocation Date|Device Type');
  const result = readTacLine(header, '3520990A|Samsung|SM-1|GSM 900|31-Feb-2020|Smartphone', 12);
  assert.ok('problems' in result);
  assert.deepEqual(
    result.problems.map((p) => [p.line, p.field]),
    [
      [12, 'TAC'],
      [12, 'Allocation Date'],
    ],
  );
  const empty = readTacLine(header, '|Samsung|SM-1|GSM 900||Smartphone', 3);
  assert.ok('problems' in empty);
  assert.equal(empty.problems[0]?.message, 'The TAC is empty.');
});

test('strips double quotes as DIRBS does', () => {
  const record = recordOf('"35209900"|"Galaxy ""A15"""|x|Samsung|GSM 900|01-Jan-2024||||||SM-1|||||Smartphone');
  assert.equal(record.tac, '35209900');
  assert.equal(record.marketingName, 'Galaxy A15');
});

test('parses GSMA and ISO allocation dates and refuses impossible days', () => {
  assert.equal(parseAllocationDate('01-Jan-2001'), '2001-01-01');
  assert.equal(parseAllocationDate('9-Sep-2019'), '2019-09-09');
  assert.equal(parseAllocationDate('29-Feb-2024'), '2024-02-29');
  assert.equal(parseAllocationDate('2024-03-31'), '2024-03-31');
  assert.equal(parseAllocationDate('29-Feb-2023'), undefined);
  assert.equal(parseAllocationDate('32-Jan-2023'), undefined);
  assert.equal(parseAllocationDate('01-Foo-2023'), undefined);
  assert.equal(parseAllocationDate('01/01/2023'), undefined);
});

test('derives radio generations from the band names, as DIRBS does for 2G to 4G, plus 5G NR', () => {
  const none = { has2g: false, has3g: false, has4g: false, has5g: false };
  assert.deepEqual(radioCapabilities('GSM 1800, GSM 1900, GSM 900, GSM850 (GSM800)'), { ...none, has2g: true });
  assert.deepEqual(radioCapabilities('WCDMA FDD Band I, WCDMA FDD Band II'), { ...none, has3g: true });
  assert.deepEqual(radioCapabilities('LTE'), { ...none, has4g: true });
  assert.deepEqual(radioCapabilities('GSM 1800, LTE 2100, CA_6'), { ...none, has2g: true, has4g: true });
  assert.deepEqual(radioCapabilities('NR SA BAND n78'), { ...none, has5g: true });
  assert.deepEqual(radioCapabilities('5G'), { ...none, has5g: true });
  assert.deepEqual(radioCapabilities('TD-SCDMA'), { ...none, has3g: true });
  assert.deepEqual(radioCapabilities('TDS-CDMA'), { ...none, has3g: true });
  assert.deepEqual(radioCapabilities('CDMA2000'), { ...none, has3g: true });
  assert.deepEqual(radioCapabilities('CDMA 800'), { ...none, has2g: true });
  assert.deepEqual(radioCapabilities(''), none);
  // Words that merely contain the letters NR are not 5G.
  assert.deepEqual(radioCapabilities('UNRELATED'), none);
});

test('maps GSMA device types to the classes pages name', () => {
  assert.equal(classifyDeviceType('Smartphone'), 'smartphone');
  assert.equal(classifyDeviceType('Mobile Phone/Feature phone'), 'featurePhone');
  assert.equal(classifyDeviceType('Tablet'), 'tablet');
  assert.equal(classifyDeviceType('Wearable'), 'wearable');
  assert.equal(classifyDeviceType('Dongle'), 'modem');
  assert.equal(classifyDeviceType('Module'), 'module');
  assert.equal(classifyDeviceType('IoT Device'), 'module');
  assert.equal(classifyDeviceType('WLAN Router'), 'router');
  assert.equal(classifyDeviceType('Connected Computer'), 'computer');
  assert.equal(classifyDeviceType('Vehicle'), 'vehicle');
  assert.equal(classifyDeviceType(''), 'other');
});
