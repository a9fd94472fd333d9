import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Invalid } from '../../../platform/http/errors.ts';
import { analyseImei, luhnCheckDigit } from './imei.ts';
import { decideStatus, type ListSignal, type ListSignals } from './device-status.ts';
import { DEFAULT_DEVICES_SETTINGS } from '../devices.settings.ts';
import { createImeiCheckService } from './imei-check.service.ts';
import type { CheckSignalRow, ImeiCheckRepository } from './imei-check.repository.ts';
import type { TacRow } from '../tac-database/tac.repository.ts';

const withCheck = (key: string) => `${key}${luhnCheckDigit(key)}`;
const ROW: TacRow = {
  tac: '35209900',
  manufacturer: 'Samsung Korea',
  brand: 'Samsung',
  model: 'SM-A155F',
  marketing_name: 'Galaxy A15',
  device_type: 'Smartphone',
  device_class: 'smartphone',
  bands: 'GSM 900',
  has_2g: 1,
  has_3g: 0,
  has_4g: 0,
  has_5g: 0,
  allocation_date: '2023-11-15',
  reporting_body: '35',
  operating_system: 'Android',
  import_id: 'i1',
};

/** The check's reads over fixed TAC rows, list rows and barred TACs, recording what each call asked. */
function fakeReads(rows: TacRow[], signals: CheckSignalRow[] = [], barred: Record<string, string> = {}) {
  const asked: { tacs: string[]; keys: string[] }[] = [];
  const reads: ImeiCheckRepository = {
    async read(tacs, keys) {
      asked.push({ tacs: [...tacs], keys: [...keys] });
      return {
        devices: rows.filter((r) => tacs.includes(r.tac)),
        barredSince: new Map(Object.entries(barred).filter(([tac]) => tacs.includes(tac))),
        signals: signals.filter((r) => keys.includes(r.imei_key)),
      };
    },
  };
  return { reads, asked };
}

/** Reads list rows as the profile's rules would: stolen rows, blocking states with their block day, the duplicate watch. */
const lists: ListSignals = {
  async of(rows) {
    const signals = new Map<string, ListSignal[]>();
    for (const r of rows) {
      const signal: ListSignal =
        r.kind === 'stolen'
          ? { status: 'reportedStolen', since: r.start_date }
          : r.block_date
            ? { status: 'blocked', since: r.block_date }
            : { status: 'duplicateWatch', since: r.start_date };
      signals.set(r.imei_key, [...(signals.get(r.imei_key) ?? []), signal]);
    }
    return signals;
  },
};

const stolenRow = (key: string, since: string): CheckSignalRow => ({
  kind: 'stolen',
  imei_key: key,
  condition_name: null,
  start_date: since,
  block_date: null,
});
const stateRow = (key: string, condition: string, start: string, block: string | null): CheckSignalRow => ({
  kind: 'state',
  imei_key: key,
  condition_name: condition,
  start_date: start,
  block_date: block,
});

test('a list entry plugs into the status: blocked with its date wins over everything else', async () => {
  const key = '35209900176148';
  const { reads } = fakeReads([ROW], [stolenRow(key, '2026-10-01'), stateRow(key, 'stolen', '2026-10-01', '2026-10-03')]);
  const service = createImeiCheckService({ reads, lists, settings: DEFAULT_DEVICES_SETTINGS });
  const check = await service.checkImei(withCheck(key));
  assert.deepEqual(check.decision, { status: 'blocked', since: '2026-10-03' });
  assert.equal(check.device?.brand, 'Samsung');
});

test('without any list, only valid, unknown TAC and invalid can occur', async () => {
  const service = createImeiCheckService({ reads: fakeReads([ROW]).reads, lists, settings: DEFAULT_DEVICES_SETTINGS });
  assert.equal((await service.checkImei(withCheck('35209900176148'))).decision.status, 'valid');
  assert.equal((await service.checkImei(withCheck('35999999176148'))).decision.status, 'unknownTac');
  assert.equal((await service.checkImei('000000000000000')).decision.status, 'invalid');
  assert.equal((await service.checkImei('')).decision.status, 'invalid');
});

test('an unknown TAC carries the profile lag of its reporting body, or null when none is set', async () => {
  const settings = { ...DEFAULT_DEVICES_SETTINGS, allocationLagDays: { '35': 45 } };
  const service = createImeiCheckService({ reads: fakeReads([]).reads, lists, settings });
  assert.deepEqual((await service.checkImei(withCheck('35999999176148'))).tacVerdict, { code: 'notFound', severity: 'warning', allocationLagDays: 45 });
  assert.deepEqual((await service.checkImei(withCheck('77999999176148'))).tacVerdict, { code: 'notFound', severity: 'warning', allocationLagDays: null });
  assert.deepEqual((await service.checkImei('abc')).tacVerdict, { code: 'notChecked', severity: 'ok' });
});

test('a single check reads once, for its TAC and key; a barred TAC blocks the device from the day it was barred', async () => {
  const { reads, asked } = fakeReads([ROW], [], { '35209900': '2026-11-02' });
  const service = createImeiCheckService({ reads, lists, settings: DEFAULT_DEVICES_SETTINGS });
  const check = await service.checkImei(withCheck('35209900176148'));
  assert.deepEqual(asked, [{ tacs: ['35209900'], keys: ['35209900176148'] }]);
  assert.deepEqual(check.tacVerdict, { code: 'barred', severity: 'error', since: '2026-11-02' });
  assert.deepEqual(check.decision, { status: 'blocked', since: '2026-11-02' });
  assert.equal(check.device?.model, 'SM-A155F');
  await service.checkImei('not an IMEI');
  assert.equal(asked.length, 1, 'an unreadable IMEI reads nothing');
});

test('a bulk check reads once for all its IMEIs, and keeps the order asked', async () => {
  const { reads, asked } = fakeReads([ROW], [stateRow('35209900000001', 'duplicate', '2026-09-01', null)]);
  const service = createImeiCheckService({ reads, lists, settings: DEFAULT_DEVICES_SETTINGS });
  const results = await service.checkImeis(['35209900000001', 'x', withCheck('35999999176148'), '35209900000001']);
  assert.deepEqual(
    results.map((r) => r.decision.status),
    ['duplicateWatch', 'invalid', 'unknownTac', 'duplicateWatch'],
  );
  assert.deepEqual(asked, [{ tacs: ['35209900', '35999999', '35209900'], keys: ['35209900000001', '35999999176148', '35209900000001'] }]);
  assert.deepEqual(await service.checkImeis(['x', 'y']).then((r) => r.map((c) => c.decision.status)), ['invalid', 'invalid']);
  assert.equal(asked.length, 1, 'IMEIs that cannot be read read nothing');
});

test('a bulk check refuses more IMEIs than the profile allows', async () => {
  const service = createImeiCheckService({ reads: fakeReads([]).reads, lists, settings: { ...DEFAULT_DEVICES_SETTINGS, bulkCheckMaxImeis: 2 } });
  await assert.rejects(service.checkImeis(['1', '2', '3']), (error: unknown) => error instanceof Invalid && error.code === 'TOO_MANY_IMEIS');
});

test('decideStatus orders list statuses before the number and the TAC', () => {
  const good = analyseImei(withCheck('35209900176148'));
  const bad = analyseImei('000000000000000');
  const stolen: ListSignal = { status: 'reportedStolen', since: '2026-01-02' };
  const watch: ListSignal = { status: 'duplicateWatch', since: '2026-01-01' };
  assert.deepEqual(decideStatus(good, true, []), { status: 'valid', since: null });
  assert.deepEqual(decideStatus(good, false, []), { status: 'unknownTac', since: null });
  assert.deepEqual(decideStatus(good, false, [watch]), { status: 'duplicateWatch', since: '2026-01-01' });
  assert.deepEqual(decideStatus(bad, true, [watch]), { status: 'invalid', since: null });
  assert.deepEqual(decideStatus(bad, true, [watch, stolen]), { status: 'reportedStolen', since: '2026-01-02' });
  assert.deepEqual(
    decideStatus(good, true, [
      { status: 'blocked', since: '2026-03-01' },
      { status: 'blocked', since: '2026-02-01' },
    ]),
    { status: 'blocked', since: '2026-02-01' },
  );
});
