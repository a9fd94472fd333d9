import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSettings, settingsOf } from '../../../platform/settings.ts';
import { addDays, isIsoDate, isWithinSafetyLimit } from './classification-rules.ts';
import { devicesSettings } from '../devices.settings.ts';

test('the settings name every wrong field of the conditions and the operator networks', () => {
  const problems = checkSettings(devicesSettings, {
    conditions: [
      { name: 'stolen', blocking: true, gracePeriodDays: 0, reason: 'STOLEN', maxNewShare: 0.01, dimensions: [{ type: 'stolen' }] },
      {
        name: 'Stolen',
        blocking: 'yes',
        gracePeriodDays: -1,
        reason: 'bad,reason',
        maxNewShare: 2,
        dimensions: [{ type: 'duplicate', threshold: 0 }, { type: 'teleport' }, { type: 'stolen', invert: 'no' }],
        colour: 'red',
      },
      { name: 'empty', blocking: false, gracePeriodDays: 0, reason: 'EMPTY', maxNewShare: 0.1, dimensions: [] },
    ],
    operatorNetworks: { 'OP-1': ['639-02'], 'OP-2': ['639-02', '63903'], 'OP-3': [] },
    safetyMinimumImeisSeen: -5,
    listInvalidImeis: 'yes',
    analysisDate: 'yesterday',
    safetyLimitScope: 'all',
    safetyLimitMeasure: 'share',
    exceptionsScope: 'some',
    includeBarredInExceptions: 1,
  });
  assert.deepEqual(
    problems.sort(),
    [
      '/modules/devices/conditions/1/blocking: must be true (blocking) or false (informational)',
      '/modules/devices/conditions/1/colour: unknown setting (known: name, blocking, gracePeriodDays, reason, maxNewShare, dimensions)',
      '/modules/devices/conditions/1/dimensions/0/threshold: must be a whole number of SIMs from 1 to 1000 (this many distinct SIMs or more match)',
      '/modules/devices/conditions/1/dimensions/1/type: must be one of malformed, repeatedDigit, tacNotFound, stolen, notRegistered, duplicate, inconsistentRat, testTac, barred',
      '/modules/devices/conditions/1/dimensions/2/invert: must be true or false',
      '/modules/devices/conditions/1/gracePeriodDays: must be a whole number of days from 0 to 3650',
      '/modules/devices/conditions/1/maxNewShare: must be a number above 0 and at most 1, such as 0.01 for 1 %',
      '/modules/devices/conditions/1/name: must be lower-case letters, digits and _ (at most 40), starting with a letter',
      '/modules/devices/conditions/1/reason: must be upper-case letters, digits and _ (at most 40), such as STOLEN',
      '/modules/devices/conditions/2/dimensions: must be a non-empty list, such as [{"type": "stolen"}]',
      '/modules/devices/operatorNetworks/OP-2/1: must be an MCC-MNC code such as "639-02"',
      '/modules/devices/operatorNetworks/OP-3: must be a non-empty list of MCC-MNC codes such as "639-02"',
      '/modules/devices/safetyMinimumImeisSeen: must be a whole number from 0 to 1000000000',
      '/modules/devices/listInvalidImeis: must be true (lists carry IMEIs that are not 14 digits) or false',
      '/modules/devices/analysisDate: must be "latestData" (the last day of operator data, as DIRBS) or "runDate"',
      '/modules/devices/safetyLimitScope: must be "condition" (refuse only the conditions over their limit, as DIRBS) or "run" (refuse the whole run)',
      '/modules/devices/safetyLimitMeasure: must be "newlyFlagged" or "matched" (every IMEI the condition matches, as DIRBS)',
      '/modules/devices/exceptionsScope: must be "all" (every current pairing, as DIRBS) or "blocked" (pairings of IMEIs blocked or in grace)',
      '/modules/devices/includeBarredInExceptions: must be true or false',
    ].sort(),
  );
  assert.deepEqual(checkSettings(devicesSettings, { conditions: 'none' }), [
    '/modules/devices/conditions: must be a list of conditions, each {name, blocking, gracePeriodDays, reason, maxNewShare, dimensions}',
  ]);
  assert.deepEqual(checkSettings(devicesSettings, { conditions: ['stolen'], operatorNetworks: ['639-02'] }), [
    '/modules/devices/conditions/0: must be an object',
    '/modules/devices/operatorNetworks: must map operator ids to lists of MCC-MNC codes, such as {"OP-1": ["639-02"]}',
  ]);
});

test('a condition name or a network used twice, and the parameters of a duplicate dimension, are named once the schema passes', () => {
  const condition = { blocking: true, gracePeriodDays: 0, reason: 'STOLEN', maxNewShare: 0.01 };
  const problems = checkSettings(devicesSettings, {
    conditions: [
      { ...condition, name: 'stolen', dimensions: [{ type: 'stolen' }] },
      {
        ...condition,
        name: 'stolen',
        dimensions: [
          { type: 'duplicate', threshold: 3 },
          { type: 'stolen', periodDays: 30 },
        ],
      },
    ],
    operatorNetworks: { 'OP-1': ['639-02'], 'OP-2': ['639-03', '639-02'] },
  });
  assert.deepEqual(problems, [
    '/modules/devices/conditions/1/name: "stolen" is used by another condition',
    '/modules/devices/conditions/1/dimensions/0/periodDays: must be a whole number of days from 1 to 3650',
    '/modules/devices/conditions/1/dimensions/1/periodDays: unknown field for stolen (known: type, invert)',
    '/modules/devices/operatorNetworks/OP-2/1: 639-02 already belongs to OP-1',
  ]);
});

test('conditions read from the profile keep their dimensions, inversions and parameters', () => {
  const [condition] = settingsOf(devicesSettings, {
    conditions: [
      {
        name: 'dup',
        blocking: false,
        gracePeriodDays: 3,
        reason: 'DUP',
        maxNewShare: 0.5,
        dimensions: [
          { type: 'duplicate', threshold: 3, periodDays: 7 },
          { type: 'notRegistered', invert: true },
        ],
      },
    ],
  }).conditions;
  assert.deepEqual(condition, {
    name: 'dup',
    isBlocking: false,
    gracePeriodDays: 3,
    reason: 'DUP',
    maxNewShare: 0.5,
    dimensions: [
      { type: 'duplicate', isInverted: false, threshold: 3, periodDays: 7 },
      { type: 'notRegistered', isInverted: true },
    ],
  });
});

test('block dates add whole UTC days across month and year ends', () => {
  assert.equal(addDays('2026-12-30', 3), '2027-01-02');
  assert.equal(addDays('2028-03-01', -1), '2028-02-29');
  assert.equal(isIsoDate('2026-02-30'), false);
  assert.equal(isIsoDate('2026-02-28'), true);
});

test('the safety limit applies to the share of IMEIs seen, once enough are seen', () => {
  assert.equal(isWithinSafetyLimit(10, 1000, 0.01, 100), true);
  assert.equal(isWithinSafetyLimit(11, 1000, 0.01, 100), false);
  assert.equal(isWithinSafetyLimit(50, 60, 0.01, 100), true);
});

test('the safety limit refuses a count strictly above its share of the IMEIs seen, and never when none was seen, as DIRBS does', () => {
  // DIRBS-Core (a80563c) src/dirbs/cli/classify.py:166-169: refused when `total_imei_count > 0 and
  // num_matched_imeis > max_ratio * total_imei_count`; its own case, tests/classification.py:2403-2476.
  assert.equal(isWithinSafetyLimit(5, 9, 0.1, 0), false);
  assert.equal(isWithinSafetyLimit(5, 9, 0.56, 0), true);
  assert.equal(isWithinSafetyLimit(1, 10, 0.1, 0), true);
  assert.equal(isWithinSafetyLimit(2, 10, 0.1, 0), false);
  assert.equal(isWithinSafetyLimit(3, 0, 0.1, 0), true, 'listed IMEIs with no operator data seen: no share to judge');
});
