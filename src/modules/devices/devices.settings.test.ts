import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSettings, settingsOf } from '../../platform/settings.ts';
import { DEFAULT_DEVICES_SETTINGS, devicesSettings } from './devices.settings.ts';

test('an absent or empty devices block means the documented defaults', () => {
  assert.deepEqual(checkSettings(devicesSettings, undefined), []);
  assert.deepEqual(checkSettings(devicesSettings, {}), []);
  assert.deepEqual(settingsOf(devicesSettings, {}), DEFAULT_DEVICES_SETTINGS);
  assert.equal(DEFAULT_DEVICES_SETTINGS.checkRateLimitPerMinute, 60);
  assert.equal(DEFAULT_DEVICES_SETTINGS.bulkCheckMaxImeis, 1000);
  assert.equal(DEFAULT_DEVICES_SETTINGS.reportCodeMinutes, 15);
  assert.equal(DEFAULT_DEVICES_SETTINGS.reportMaxImeis, 4);
  assert.deepEqual(DEFAULT_DEVICES_SETTINGS.allocationLagDays, { '00': 32, '01': 40, '35': 20, '86': 19, '91': 20, '99': 69 });
  assert.deepEqual(checkSettings(devicesSettings, { reportCodeMinutes: 0, reportMaxImeis: 21 }), [
    '/modules/devices/reportCodeMinutes: must be a whole number of minutes from 1 to 1440',
    '/modules/devices/reportMaxImeis: must be a whole number from 1 to 20',
  ]);
});

test('profile values replace the defaults, and lags merge over the measured ones', () => {
  const settings = settingsOf(devicesSettings, { checkRateLimitPerMinute: 10, bulkCheckMaxImeis: 50, allocationLagDays: { '35': 30, '77': 5 } });
  assert.equal(settings.checkRateLimitPerMinute, 10);
  assert.equal(settings.bulkCheckMaxImeis, 50);
  assert.equal(settings.allocationLagDays['35'], 30);
  assert.equal(settings.allocationLagDays['77'], 5);
  assert.equal(settings.allocationLagDays['86'], 19);
});

test('names every wrong field with its path', () => {
  assert.deepEqual(
    checkSettings(devicesSettings, { checkRateLimitPerMinute: 1.5, bulkCheckMaxImeis: 1001, allocationLagDays: { '35': -1, abc: 3 }, extra: true }),
    [
      '/modules/devices/extra: unknown setting (known: checkRateLimitPerMinute, bulkCheckMaxImeis, allocationLagDays, reportCodeMinutes, reportMaxImeis, policeReportFile, conditions, safetyMinimumImeisSeen, notificationLookbackDays, operatorNetworks, classifyHourUtc, listInvalidImeis, analysisDate, safetyLimitScope, safetyLimitMeasure, exceptionsScope, includeBarredInExceptions, dumps)',
      '/modules/devices/checkRateLimitPerMinute: must be a whole number from 1 to 1000000',
      '/modules/devices/bulkCheckMaxImeis: must be a whole number from 1 to 1000',
      '/modules/devices/allocationLagDays/35: must be a whole number of days from 0 to 3650',
      '/modules/devices/allocationLagDays/abc: the key must be a two-digit reporting body identifier',
    ],
  );
  assert.deepEqual(checkSettings(devicesSettings, { allocationLagDays: [1] }), [
    '/modules/devices/allocationLagDays: must be an object of two-digit reporting body identifiers to days, such as {"35": 20}',
  ]);
  assert.deepEqual(checkSettings(devicesSettings, 'all'), ['/modules/devices: must be an object']);
});

test('the police report file takes its size limit and types from the profile, each wrong value named', () => {
  assert.equal(DEFAULT_DEVICES_SETTINGS.policeReportFile.maxBytes, 5 * 1024 * 1024);
  assert.deepEqual(DEFAULT_DEVICES_SETTINGS.policeReportFile.types, ['application/pdf', 'image/png', 'image/jpeg']);
  const own = settingsOf(devicesSettings, { policeReportFile: { maxBytes: 2048, types: ['application/pdf'] } });
  assert.deepEqual(own.policeReportFile, { maxBytes: 2048, types: ['application/pdf'] });
  assert.deepEqual(settingsOf(devicesSettings, { policeReportFile: { types: ['image/png'] } }).policeReportFile.maxBytes, 5 * 1024 * 1024);
  assert.deepEqual(checkSettings(devicesSettings, { policeReportFile: { maxBytes: 10, types: ['image/gif'], colour: 'red' } }), [
    '/modules/devices/policeReportFile/colour: unknown setting (known: maxBytes, types)',
    '/modules/devices/policeReportFile/maxBytes: must be a whole number of bytes from 1024 to 20971520',
    '/modules/devices/policeReportFile/types/0: must be one of application/pdf, image/png, image/jpeg',
  ]);
  assert.deepEqual(checkSettings(devicesSettings, { policeReportFile: { types: [] } }), [
    '/modules/devices/policeReportFile/types: must be a non-empty list of media types',
  ]);
  assert.deepEqual(checkSettings(devicesSettings, { policeReportFile: 'big' }), [
    '/modules/devices/policeReportFile: must be an object with maxBytes and types, such as {"maxBytes": 5242880, "types": ["application/pdf"]}',
  ]);
});
