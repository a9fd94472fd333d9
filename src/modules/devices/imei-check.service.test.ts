import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Invalid } from '../../platform/http/errors.ts';
import { analyseImei, luhnCheckDigit } from './imei.ts';
import { decideStatus, type ImeiListSource, type ListSignal } from './device-status.ts';
import { DEFAULT_DEVICES_SETTINGS } from './devices.settings.ts';
import { createImeiCheckService } from './imei-check.service.ts';
import type { TacRepository, TacRow } from './tac.repository.ts';

const withCheck = (key: string) => `${key}${luhnCheckDigit(key)}`;
const ROW: TacRow = {
  tac: '35209900', manufacturer: 'Samsung Korea', brand: 'Samsung', model: 'SM-A155F', marketing_name: 'Galaxy A15', device_type: 'Smartphone',
  device_class: 'smartphone', bands: 'GSM 900', has_2g: 1, has_3g: 0, has_4g: 0, has_5g: 0, allocation_date: '2023-11-15', reporting_body: '35',
  operating_system: 'Android', import_id: 'i1',
};

/** The TAC repository's two reads over a fixed set of rows, counting queries. */
function fakeTacs(rows: TacRow[]) {
  const calls = { one: 0, many: 0 };
  const tacs: Pick<TacRepository, 'findByTac' | 'findByTacs'> = {
    findByTac: async (tac) => {
      calls.one += 1;
      return rows.find((r) => r.tac === tac);
    },
    findByTacs: async (wanted) => {
      calls.many += 1;
      return rows.filter((r) => wanted.includes(r.tac));
    },
  };
  return { tacs, calls };
}

/** A list marking fixed keys, like the block list will. */
function fakeList(name: string, entries: Record<string, ListSignal[]>): ImeiListSource & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    name,
    asked,
    async signalsFor(keys) {
      asked.push([...keys]);
      return new Map(Object.entries(entries).filter(([k]) => keys.includes(k)));
    },
  };
}

test('a list entry plugs into the status: blocked with its date wins over everything else', async () => {
  const key = '35209900176148';
  const lists = [fakeList('stolen', { [key]: [{ status: 'reportedStolen', since: '2026-10-01' }] }), fakeList('block', { [key]: [{ status: 'blocked', since: '2026-10-03' }] })];
  const service = createImeiCheckService({ tacs: fakeTacs([ROW]).tacs, listSources: lists, settings: DEFAULT_DEVICES_SETTINGS });
  const check = await service.checkImei(withCheck(key));
  assert.deepEqual(check.decision, { status: 'blocked', since: '2026-10-03' });
  assert.equal(check.device?.brand, 'Samsung');
});

test('without any list, only valid, unknown TAC and invalid can occur', async () => {
  const service = createImeiCheckService({ tacs: fakeTacs([ROW]).tacs, listSources: [], settings: DEFAULT_DEVICES_SETTINGS });
  assert.equal((await service.checkImei(withCheck('35209900176148'))).decision.status, 'valid');
  assert.equal((await service.checkImei(withCheck('35999999176148'))).decision.status, 'unknownTac');
  assert.equal((await service.checkImei('000000000000000')).decision.status, 'invalid');
  assert.equal((await service.checkImei('')).decision.status, 'invalid');
});

test('an unknown TAC carries the profile lag of its reporting body, or null when none is set', async () => {
  const settings = { ...DEFAULT_DEVICES_SETTINGS, allocationLagDays: { '35': 45 } };
  const service = createImeiCheckService({ tacs: fakeTacs([]).tacs, listSources: [], settings });
  assert.deepEqual((await service.checkImei(withCheck('35999999176148'))).tacVerdict, { code: 'notFound', severity: 'warning', allocationLagDays: 45 });
  assert.deepEqual((await service.checkImei(withCheck('77999999176148'))).tacVerdict, { code: 'notFound', severity: 'warning', allocationLagDays: null });
  assert.deepEqual((await service.checkImei('abc')).tacVerdict, { code: 'notChecked', severity: 'ok' });
});

test('a bulk check asks the TAC table once and each list once, and keeps the order asked', async () => {
  const { tacs, calls } = fakeTacs([ROW]);
  const list = fakeList('watch', { '35209900000001': [{ status: 'duplicateWatch', since: null }] });
  const service = createImeiCheckService({ tacs, listSources: [list], settings: DEFAULT_DEVICES_SETTINGS });
  const results = await service.checkImeis(['35209900000001', 'x', withCheck('35999999176148'), '35209900000001']);
  assert.deepEqual(results.map((r) => r.decision.status), ['duplicateWatch', 'invalid', 'unknownTac', 'duplicateWatch']);
  assert.deepEqual(calls, { one: 0, many: 1 });
  assert.deepEqual(list.asked, [['35209900000001', '35999999176148']]);
});

test('a bulk check refuses more IMEIs than the profile allows', async () => {
  const service = createImeiCheckService({ tacs: fakeTacs([]).tacs, listSources: [], settings: { ...DEFAULT_DEVICES_SETTINGS, bulkCheckMaxImeis: 2 } });
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
