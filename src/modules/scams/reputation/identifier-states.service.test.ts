import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createScamsTestApp, SCAMS_TEST_MODULES } from '../testing/scams-platform.ts';
import { scamsCoreOf } from '../scams.wiring.ts';
import { createScamIdentifierRepository } from './scam-identifier.repository.ts';
import type { Actor } from '../../../platform/audit/index.ts';
import { SEALED } from '../shared/sealed-contexts.ts';

const databases = openTestDatabases(allMigrations(SCAMS_TEST_MODULES));
const reviewer: Actor = { type: 'user', id: 'user-1' };
const system: Actor = { type: 'system', id: null };

for (const database of databases.all) {
  test(`an identifier moves only as the rule allows, each move kept as an event and in the audit log [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    const repository = createScamIdentifierRepository(platform.db.kysely);
    const at = platform.clock.now().toISOString();
    const fresh = {
      id: 'id-1',
      kind: 'number',
      valueHash: 'h-1',
      valueEnc: platform.keyring.encrypt('+254711000001', SEALED.identifierValue),
      isProtected: false,
      isInternationalised: false,
      operatorId: 'OP-DEMO-1',
      at,
    };
    const row = await repository.findOrCreate(fresh);
    assert.equal(row.state, 'reported');
    assert.equal((await repository.findOrCreate({ ...fresh, id: 'id-other' })).id, 'id-1', 'the same value is one identifier');

    const { states } = scamsCoreOf(platform);
    const heard: string[] = [];
    states.onMove(async (_tx, moved) => {
      heard.push(`${moved.from}>${moved.to}`);
    });
    assert.deepEqual(await states.move({ identifierId: 'id-1', to: 'confirmed', actor: reviewer, reason: 'reviewersConfirmed' }), {
      ok: false,
      problem: 'notAllowed',
    });
    assert.equal((await states.move({ identifierId: 'id-1', to: 'threshold_reached', actor: system, reason: 'threshold' })).ok, true);
    assert.deepEqual(
      await states.move({ identifierId: 'id-1', to: 'under_review', actor: reviewer, reason: 'reviewOpened', expectedFrom: 'reported' }),
      { ok: false, problem: 'conflict' },
      'a reviewer who saw an older state is refused',
    );
    assert.equal(
      (await states.move({ identifierId: 'id-1', to: 'under_review', actor: reviewer, reason: 'reviewOpened', note: 'five reports in a day' })).ok,
      true,
    );
    platform.clock.advance(60_000);
    const confirmed = await states.move({ identifierId: 'id-1', to: 'confirmed', actor: reviewer, reason: 'reviewersConfirmed' });
    assert.ok(confirmed.ok);
    assert.equal(confirmed.identifier.confirmed_at, platform.clock.now().toISOString());
    assert.deepEqual(heard, ['reported>threshold_reached', 'threshold_reached>under_review', 'under_review>confirmed']);

    const events = await repository.listEvents('id-1');
    assert.deepEqual(
      events.map((e) => [e.from_state, e.to_state, e.actor_type, e.reason]),
      [
        ['reported', 'threshold_reached', 'system', 'threshold'],
        ['threshold_reached', 'under_review', 'user', 'five reports in a day'],
        ['under_review', 'confirmed', 'user', 'reviewersConfirmed'],
      ],
    );
    const audit = await platform.db.kysely.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_id', '=', 'id-1').orderBy('seq').execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['scams.identifier.threshold_reached', 'scams.identifier.under_review', 'scams.identifier.confirmed'],
    );
    assert.equal(audit[2]?.actor_id, 'user-1');
  });

  test(`a listener that fails rolls its move back [${database.dialect}]`, async () => {
    const { platform } = await createScamsTestApp(database);
    const repository = createScamIdentifierRepository(platform.db.kysely);
    await repository.findOrCreate({
      id: 'id-2',
      kind: 'senderId',
      valueHash: 'h-2',
      valueEnc: platform.keyring.encrypt('PRIZE', SEALED.identifierValue),
      isProtected: false,
      isInternationalised: false,
      operatorId: null,
      at: platform.clock.now().toISOString(),
    });
    const { states } = scamsCoreOf(platform);
    states.onMove(async () => {
      throw new Error('notice could not be stored');
    });
    await assert.rejects(states.move({ identifierId: 'id-2', to: 'under_review', actor: reviewer, reason: 'reviewOpened' }), /notice could not be stored/);
    assert.equal((await repository.findById('id-2'))?.state, 'reported');
    assert.deepEqual(await repository.listEvents('id-2'), []);
  });
}
