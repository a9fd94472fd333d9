import { test } from 'node:test';
import assert from 'node:assert/strict';
import { costRoaming, simulateBillShock, type TravelUsage } from './roaming-cost.ts';
import type { RoamingRateRecord } from './roaming-file.ts';

function rate(overrides: Partial<RoamingRateRecord> = {}): RoamingRateRecord {
  return {
    planId: 'M1234567890ABCDEFGHIJ12345',
    operatorId: 'OP-T1',
    destination: 'UG',
    currency: 'KES',
    voiceOutPerMinute: '15',
    voiceInPerMinute: '5',
    smsEach: '5',
    dataPerMb: '2',
    includedVoiceMinutes: 0,
    includedSms: 0,
    includedDataMb: '0',
    bundlePrice: null,
    validityDays: 30,
    dailyFee: null,
    fairUseMb: null,
    fairUsePricePerMb: null,
    effectiveFrom: '2026-12-01',
    effectiveTo: null,
    ...overrides,
  };
}

const usage = (overrides: Partial<TravelUsage> = {}): TravelUsage => ({
  days: 7,
  dataMb: '500',
  voiceOutMinutes: 30,
  voiceInMinutes: 20,
  sms: 10,
  ...overrides,
});

function summary(outcome: ReturnType<typeof costRoaming>) {
  assert.ok(outcome.isEligible, 'eligible');
  return {
    total: outcome.total.toFixed(2),
    lines: outcome.lines.map((l) => `${l.kind} ${l.quantity.toString()} ${l.amount.toString()}`),
    bundles: outcome.bundles,
  };
}

test('pay as you go: minutes made and received, messages sent and MB, each at its price', () => {
  assert.deepEqual(summary(costRoaming(rate(), usage(), 2)), {
    total: '1600.00',
    lines: ['voice_out 30 450', 'voice_in 20 100', 'sms 10 50', 'data 500 1000'],
    bundles: 0,
  });
});

test('a priced bundle is bought for a period only when it makes the period cheaper', () => {
  const europe = rate({
    voiceOutPerMinute: '120',
    voiceInPerMinute: '60',
    smsEach: '30',
    dataPerMb: '25',
    includedVoiceMinutes: 60,
    includedSms: 20,
    includedDataMb: '1000',
    bundlePrice: '1500',
    validityDays: 7,
  });
  assert.deepEqual(summary(costRoaming(europe, usage({ dataMb: '1000', voiceOutMinutes: 30, voiceInMinutes: 30 }), 2)), {
    total: '1500.00',
    lines: ['bundle 1 1500'],
    bundles: 1,
  });
  assert.deepEqual(summary(costRoaming(europe, usage({ dataMb: '10', voiceOutMinutes: 0, voiceInMinutes: 0, sms: 0 }), 2)), {
    total: '250.00',
    lines: ['data 10 250'],
    bundles: 0,
  });
  // Ten days with 7-day bundles: two periods (7 and 3 days), each cheaper with a bundle.
  assert.deepEqual(summary(costRoaming(europe, usage({ days: 10, dataMb: '1000', voiceOutMinutes: 0, voiceInMinutes: 0, sms: 0 }), 2)), {
    total: '3000.00',
    lines: ['bundle 2 3000'],
    bundles: 2,
  });
});

test('a daily fee is charged every day and a daily allowance is used day by day', () => {
  const pass = rate({
    voiceOutPerMinute: '12',
    voiceInPerMinute: '4',
    smsEach: '5',
    dataPerMb: '3',
    includedVoiceMinutes: 20,
    includedDataMb: '200',
    validityDays: 1,
    dailyFee: '150',
  });
  // Each day: 300 MB (100 beyond the 200 included), 20 minutes (all included), 2 messages.
  assert.deepEqual(summary(costRoaming(pass, usage({ days: 5, dataMb: '1500', voiceOutMinutes: 50, voiceInMinutes: 50, sms: 10 }), 2)), {
    total: '2300.00',
    lines: ['daily_fee 5 750', 'sms 10 50', 'data 500 1500'],
    bundles: 0,
  });
});

test('included minutes serve calls made and received alike; beyond them both are paid in proportion', () => {
  const outcome = summary(costRoaming(rate({ includedVoiceMinutes: 30 }), usage({ dataMb: '0', voiceOutMinutes: 30, voiceInMinutes: 30, sms: 0 }), 2));
  assert.deepEqual(outcome.lines, ['voice_out 15 225', 'voice_in 15 75']);
});

test('unlimited data is free up to the fair-use limit of the stay, then paid at the fair-use price', () => {
  const fair = rate({ includedDataMb: null, fairUseMb: '2000', fairUsePricePerMb: '1.5', dataPerMb: '9' });
  assert.deepEqual(summary(costRoaming(fair, usage({ days: 10, dataMb: '3000', voiceOutMinutes: 0, voiceInMinutes: 0, sms: 0 }), 2)), {
    total: '1500.00',
    lines: ['data_fair_use 1000 1500'],
    bundles: 0,
  });
});

test('a rate without a price for a service the traveller needs cannot serve the stay', () => {
  assert.deepEqual(costRoaming(rate({ voiceOutPerMinute: null }), usage(), 2), { isEligible: false, reason: 'no_voice_out' });
  assert.deepEqual(costRoaming(rate({ dataPerMb: null }), usage(), 2), { isEligible: false, reason: 'no_data' });
  // Covered by the allowance, no price is needed.
  assert.equal(costRoaming(rate({ smsEach: null, includedSms: 10 }), usage(), 2).isEligible, true);
});

test('the total is rounded once, from the exact sum', () => {
  const tiny = rate({ voiceOutPerMinute: '0.005', voiceInPerMinute: '0.005', smsEach: '0.005', dataPerMb: '0' });
  const outcome = costRoaming(tiny, usage({ days: 1, dataMb: '0', voiceOutMinutes: 1, voiceInMinutes: 1, sms: 1 }), 2);
  assert.ok(outcome.isEligible);
  assert.equal(outcome.total.toFixed(2), '0.02');
});

test('bill shock: the alert fires at the share of the limit and data is cut off at the limit, with the day and the usage by then', () => {
  const dataOnly = rate({ dataPerMb: '2' });
  const stay = usage({ days: 10, dataMb: '3000', voiceOutMinutes: 0, voiceInMinutes: 0, sms: 0 });
  const shock = simulateBillShock(dataOnly, stay, '5000', '0.8', 2);
  assert.ok(shock);
  // 300 MB a day at 2 each is 600 a day: 4000 after 6.67 days (day 7), 5000 after 8.33 days (day 9).
  assert.deepEqual(shock.alert && [shock.alert.day, shock.alert.dataMb.toString(), shock.alert.spent.toFixed(2)], [7, '2000', '4000.00']);
  assert.deepEqual(shock.cutOff && [shock.cutOff.day, shock.cutOff.dataMb.toString(), shock.cutOff.spent.toFixed(2)], [9, '2500', '5000.00']);
  assert.equal(shock.alertAt.toFixed(2), '4000.00');
  const small = simulateBillShock(dataOnly, usage({ days: 10, dataMb: '100', voiceOutMinutes: 0, voiceInMinutes: 0, sms: 0 }), '5000', '0.8', 2);
  assert.deepEqual([small?.alert, small?.cutOff], [null, null]);
});

test('bill shock: a daily fee reaches the limit when its day starts', () => {
  const fee = rate({ dailyFee: '1000', dataPerMb: '0' });
  const shock = simulateBillShock(fee, usage({ days: 10, dataMb: '1000', voiceOutMinutes: 0, voiceInMinutes: 0, sms: 0 }), '5000', '0.8', 2);
  assert.deepEqual(shock?.alert && [shock.alert.day, shock.alert.dataMb.toString()], [4, '300']);
  assert.deepEqual(shock?.cutOff && [shock.cutOff.day, shock.cutOff.dataMb.toString()], [5, '400']);
});

test('bill shock: the limit counts 30 days at a time', () => {
  const fee = rate({ dailyFee: '100', dataPerMb: '0' });
  // 40 days at 100 is 4000 in all, but no 30-day window reaches the 4000 alert.
  const shock = simulateBillShock(fee, usage({ days: 40, dataMb: '0', voiceOutMinutes: 0, voiceInMinutes: 0, sms: 0 }), '5000', '0.8', 2);
  assert.deepEqual([shock?.alert, shock?.cutOff], [null, null]);
  const dearer = simulateBillShock(
    rate({ dailyFee: '200', dataPerMb: '0' }),
    usage({ days: 40, dataMb: '0', voiceOutMinutes: 0, voiceInMinutes: 0, sms: 0 }),
    '5000',
    '0.8',
    2,
  );
  assert.deepEqual([dearer?.alert?.day, dearer?.cutOff?.day], [20, 25]);
});
