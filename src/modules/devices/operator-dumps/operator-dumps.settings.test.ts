import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSettings, settingsOf } from '../../../platform/settings.ts';
import { devicesSettings } from '../devices.settings.ts';
import { parseDumpFileName } from './dump-checks.ts';
import { DEFAULT_DUMP_SETTINGS } from './operator-dumps.settings.ts';

test('the dump thresholds are read from the profile, with defaults, and the retention no longer', () => {
  const defaults = settingsOf(devicesSettings, undefined);
  assert.deepEqual(defaults.dumps, DEFAULT_DUMP_SETTINGS);
  const own = settingsOf(devicesSettings, { dumps: { maxNullImsiRatio: 0.2, homeMccs: ['639', '640'] } });
  assert.equal(own.dumps.maxNullImsiRatio, 0.2);
  assert.deepEqual(own.dumps.homeMccs, ['639', '640']);
  assert.equal(own.dumps.maxNullImeiRatio, DEFAULT_DUMP_SETTINGS.maxNullImeiRatio);
  // How long observations and reports are kept is the retention schedule's (modules.privacy.retention.schedule).
  for (const field of ['retentionMonths', 'reportRetentionMonths'])
    assert.match(checkSettings(devicesSettings, { [field]: 6 }).join('\n'), new RegExp(`^/modules/devices/${field}: unknown setting`));
});

test('a wrong dump setting stops start-up with the path of the field', () => {
  assert.deepEqual(checkSettings(devicesSettings, { dumps: { maxNullImsiRatio: 2, homeMccs: ['63'], colour: 'red', volumeHistory: 1.5 } }), [
    '/modules/devices/dumps/colour: unknown setting (known: maxNullImeiRatio, maxNullImsiRatio, maxNullMsisdnRatio, maxNullRatRatio, maxUncleanImeiRatio, maxUncleanImsiRatio, maxUncleanRatio, maxOutOfRegionImsiRatio, maxLeadingZeroRatio, minVolumeShare, homeMccs, msisdnCountryCodes, threeDigitMncMccs, volumeHistory, maxFileMegabytes, maxUncompressedMegabytes, maxRows, maxCompressionRatio)',
    '/modules/devices/dumps/maxNullImsiRatio: must be a number from 0 to 1',
    '/modules/devices/dumps/homeMccs/0: must match ^[2-7][0-9]{2}$',
    '/modules/devices/dumps/volumeHistory: must be a whole number from 1 to 100',
  ]);
  assert.deepEqual(checkSettings(devicesSettings, { dumps: { homeMccs: [], msisdnCountryCodes: '254' } }), [
    '/modules/devices/dumps/homeMccs: must be a non-empty list of codes matching ^[2-7][0-9]{2}$',
    '/modules/devices/dumps/msisdnCountryCodes: must be a list of codes matching ^[1-9][0-9]{0,2}$',
  ]);
  assert.deepEqual(checkSettings(devicesSettings, { dumps: [] }), ['/modules/devices/dumps: must be an object']);
  assert.deepEqual(checkSettings(devicesSettings, { dumps: { maxNullImsiRatio: 0.1 } }), []);
});

test('the limits that stop a dump import are read from the profile and checked', () => {
  assert.deepEqual(checkSettings(devicesSettings, { dumps: { maxUncompressedMegabytes: 0, maxRows: 2.5, maxCompressionRatio: 0.5 } }), [
    '/modules/devices/dumps/maxUncompressedMegabytes: must be a whole number from 1 to 1048576',
    '/modules/devices/dumps/maxRows: must be a whole number from 1 to 10000000000',
    '/modules/devices/dumps/maxCompressionRatio: must be a number from 1 to 100000',
  ]);
  const own = settingsOf(devicesSettings, { dumps: { maxUncompressedMegabytes: 512, maxRows: 1000, maxCompressionRatio: 20 } }).dumps;
  assert.deepEqual([own.maxUncompressedMegabytes, own.maxRows, own.maxCompressionRatio], [512, 1000, 20]);
  assert.deepEqual(
    [DEFAULT_DUMP_SETTINGS.maxUncompressedMegabytes, DEFAULT_DUMP_SETTINGS.maxRows, DEFAULT_DUMP_SETTINGS.maxCompressionRatio],
    [8192, 30_000_000, 100],
  );
});

test('a dump file name gives the operator and the period, or says why not', () => {
  assert.deepEqual(parseDumpFileName('OP-DEMO-1_20261101_20261130.csv'), {
    operatorId: 'OP-DEMO-1',
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
    extension: 'csv',
  });
  assert.deepEqual(parseDumpFileName('op_a_20261201_20261201.ZIP'), {
    operatorId: 'op_a',
    periodStart: '2026-12-01',
    periodEnd: '2026-12-01',
    extension: 'zip',
  });
  assert.ok('problem' in parseDumpFileName('OP-DEMO-1_20261131_20261201.csv'), 'November has 30 days');
  assert.ok('problem' in parseDumpFileName('OP-DEMO-1_20261130_20261101.csv'), 'the end before the start');
  assert.ok('problem' in parseDumpFileName('OP-DEMO-1-20261101-20261130.csv'));
  assert.ok('problem' in parseDumpFileName('OP-DEMO-1_20261101_20261130.txt'));
});
