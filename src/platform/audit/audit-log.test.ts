import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import type { Clock } from '../clock.ts';
import { createKeyring, generateKeyMaterial } from '../crypto/index.ts';
import { createPlatformMigrations, migrateToLatest, MigrationError, type Db, type Migrations } from '../db/index.ts';
import { uuidv7 } from '../ids.ts';
import { AuditPersonalDataError, assertNoPersonalData, auditChainKey, createAuditLog, parseAuditCheckpoints } from './index.ts';
import type { AuditLog } from './index.ts';

const databases = openTestDatabases();
const KEYED_SINCE = '2026-12-01-01-audit-key';
/** The platform's migrations as they were before the chain was keyed. */
const beforeKeying: Migrations = Object.fromEntries(Object.entries(createPlatformMigrations()).filter(([name]) => name < KEYED_SINCE));
const legacyDatabases = openTestDatabases(beforeKeying);
const clock: Clock = { now: () => new Date('2026-12-23T10:00:00.000Z') };
const keyring = createKeyring(generateKeyMaterial());
const newAuditLog = (): AuditLog => createAuditLog({ clock, ids: () => uuidv7(), keyring });

/** JSON with sorted keys, as anyone reading the source can write it. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
    .join(',')}}`;
}

/**
 * What someone with write access to the database and the source code, but not the keys, can do:
 * rewrite entries from `fromSeq` on and recompute every later hash as a plain SHA-256 chain,
 * then move the head to the new last entry.
 */
async function rehashFrom(db: Db, fromSeq: number): Promise<void> {
  const rows = await db.kysely.selectFrom('audit_log').selectAll().orderBy('seq').execute();
  let prev = rows.find((r) => r.seq === fromSeq - 1)?.hash ?? '0'.repeat(64);
  let last = { seq: 0, hash: prev };
  for (const row of rows.filter((r) => r.seq >= fromSeq)) {
    const fields = { ...row, details: JSON.parse(row.details) as unknown, prev_hash: prev };
    const { hash: _old, ...hashed } = fields;
    const hash = createHash('sha256').update(canonical(hashed)).digest('hex');
    await sql`update audit_log set prev_hash = ${prev}, hash = ${hash} where seq = ${row.seq}`.execute(db.kysely);
    prev = hash;
    last = { seq: row.seq, hash };
  }
  await sql`update audit_head set seq = ${last.seq}, hash = ${last.hash} where id = 1`.execute(db.kysely);
}

async function recordFive(db: Db, audit: AuditLog): Promise<void> {
  for (let i = 1; i <= 5; i += 1) {
    await db.kysely.transaction().execute((trx) =>
      audit.record(trx, {
        actor: { type: 'user', id: 'u-1' },
        action: 'complaint.escalated',
        entityType: 'complaint',
        entityId: `c-${i}`,
        details: { stage: i, isOverdue: i % 2 === 0, note: null },
      }),
    );
  }
}

/** Writes `count` entries the way Kinga wrote them before the chain was keyed: plain SHA-256, a head without mark. */
async function recordUnkeyed(db: Db, count: number): Promise<void> {
  let prev = '0'.repeat(64);
  for (let seq = 1; seq <= count; seq += 1) {
    const fields = {
      seq,
      id: uuidv7(),
      at: '2026-11-30T08:00:00.000Z',
      actor_type: 'system',
      actor_id: null,
      action: 'offer.imported',
      entity_type: 'offer',
      entity_id: `o-${seq}`,
      details: { rows: seq },
      prev_hash: prev,
    };
    const hash = createHash('sha256').update(canonical(fields)).digest('hex');
    await sql`insert into audit_log (seq, id, at, actor_type, actor_id, action, entity_type, entity_id, details, prev_hash, hash)
      values (${seq}, ${fields.id}, ${fields.at}, 'system', null, 'offer.imported', 'offer', ${fields.entity_id}, ${canonical(fields.details)}, ${prev}, ${hash})`.execute(
      db.kysely,
    );
    prev = hash;
  }
  await sql`insert into audit_head (id, seq, hash) values (1, ${count}, ${prev})`.execute(db.kysely);
}

for (const { dialect, fresh } of legacyDatabases.all) {
  test(`a log written before the chain was keyed is marked by the migration and stays verifiable [${dialect}]`, async () => {
    const db = await fresh();
    await recordUnkeyed(db, 4);
    await assert.rejects(
      migrateToLatest(db, createPlatformMigrations()),
      (error: unknown) => error instanceof MigrationError && /needs the installation's keys/.test(error.message),
    );
    const headBefore = await sql<{ seq: number }>`select * from audit_head`.execute(db.kysely);
    assert.deepEqual(Object.keys(headBefore.rows[0] ?? {}).sort(), ['hash', 'id', 'seq'], 'a refused migration changes nothing');

    await migrateToLatest(db, createPlatformMigrations({ auditKey: auditChainKey(keyring) }));
    const audit = newAuditLog();
    assert.deepEqual(await audit.verify(db.kysely), { isIntact: true, entries: 4 });
    const head = await db.kysely.selectFrom('audit_head').select(['seq', 'keyed_from']).executeTakeFirstOrThrow();
    assert.deepEqual(head, { seq: 4, keyed_from: 5 });

    await db.kysely.transaction().execute((trx) => audit.record(trx, { actor: { type: 'system', id: null }, action: 'job.ran', entityType: 'job' }));
    assert.deepEqual(await audit.verify(db.kysely), { isIntact: true, entries: 5 });
    const stranger = createAuditLog({ clock, ids: () => uuidv7(), keyring: createKeyring(generateKeyMaterial()) });
    assert.equal((await stranger.verify(db.kysely)).isIntact, false, 'the old entries are now under the key too');

    // The old entries were hashed without a key, but a rewrite of them no longer links to the keyed part.
    await sql`update audit_log set details = ${'{"rows":999}'} where seq = 2`.execute(db.kysely);
    let prev = (await db.kysely.selectFrom('audit_log').select('hash').where('seq', '=', 1).executeTakeFirstOrThrow()).hash;
    for (const row of await db.kysely.selectFrom('audit_log').selectAll().where('seq', '>=', 2).where('seq', '<=', 4).orderBy('seq').execute()) {
      const { hash: _old, ...fields } = { ...row, details: JSON.parse(row.details) as unknown, prev_hash: prev };
      prev = createHash('sha256').update(canonical(fields)).digest('hex');
      await sql`update audit_log set prev_hash = ${fields.prev_hash}, hash = ${prev} where seq = ${row.seq}`.execute(db.kysely);
    }
    const result = await audit.verify(db.kysely);
    assert.equal(result.isIntact, false);
    assert.equal(result.brokenAt, 5);
  });
}

test('reads checkpoints from an exported line and from a log line, and names a broken one', () => {
  const checkpoint = { kind: 'kinga-audit-checkpoint', seq: 3, hash: 'ab', madeAt: '2026-12-23T10:00:00.000Z', mark: 'cd' };
  const text = [
    JSON.stringify(checkpoint),
    '{"level":30,"msg":"job done"}',
    JSON.stringify({ level: 30, checkpoint: { ...checkpoint, seq: 7 }, msg: 'audit checkpoint' }),
    'not json',
    '',
  ].join('\n');
  assert.deepEqual(parseAuditCheckpoints(text), { checkpoints: [checkpoint, { ...checkpoint, seq: 7 }], problems: [] });
  assert.deepEqual(parseAuditCheckpoints(JSON.stringify(checkpoint, null, 2)).checkpoints, [checkpoint]);
  const broken = parseAuditCheckpoints(`\n${JSON.stringify({ ...checkpoint, seq: 'three' })}`);
  assert.deepEqual(broken.checkpoints, []);
  assert.match(broken.problems[0] ?? '', /^line 2: /);
});

/**
 * Changes made to a chain of five entries behind the log's back, and what verify says of each: the
 * first entry it finds broken, how many entries it counts (where that is the point) and why.
 */
const TAMPERINGS: { what: string; tamper: (db: Db) => Promise<unknown>; brokenAt: number; entries?: number; reason?: RegExp }[] = [
  {
    what: 'an entry whose details were changed',
    tamper: (db) => sql`update audit_log set details = ${'{"stage":99}'} where seq = 3`.execute(db.kysely),
    brokenAt: 3,
    entries: 5,
    reason: /changed/,
  },
  {
    what: 'an entry whose stored hash was replaced',
    tamper: (db) => sql`update audit_log set hash = ${'f'.repeat(64)} where seq = 2`.execute(db.kysely),
    brokenAt: 2,
  },
  { what: 'a deleted middle entry', tamper: (db) => sql`delete from audit_log where seq = 3`.execute(db.kysely), brokenAt: 3, entries: 4, reason: /missing/ },
  {
    what: 'a deleted last entry through the head',
    tamper: (db) => sql`delete from audit_log where seq = 5`.execute(db.kysely),
    brokenAt: 5,
    entries: 4,
    reason: /removed from the end/,
  },
  {
    what: 'a head that does not match the last entry',
    tamper: (db) => sql`update audit_head set hash = ${'a'.repeat(64)} where id = 1`.execute(db.kysely),
    brokenAt: 5,
  },
  {
    what: 'one entry rewritten with every later hash recomputed',
    tamper: async (db) => {
      await sql`update audit_log set details = ${'{"stage":99}'} where seq = 3`.execute(db.kysely);
      await rehashFrom(db, 3);
    },
    brokenAt: 3,
    reason: /changed/,
  },
  {
    what: 'the last entries removed and the head moved back',
    tamper: async (db) => {
      const third = await db.kysely.selectFrom('audit_log').select('hash').where('seq', '=', 3).executeTakeFirstOrThrow();
      await sql`delete from audit_log where seq > 3`.execute(db.kysely);
      await sql`update audit_head set seq = 3, hash = ${third.hash} where id = 1`.execute(db.kysely);
    },
    brokenAt: 3,
    reason: /head/,
  },
  {
    what: 'a head stripped of its key mark over a chain rehashed without the key',
    tamper: async (db) => {
      await sql`update audit_log set action = ${'complaint.closed'} where seq = 1`.execute(db.kysely);
      await rehashFrom(db, 1);
      await sql`update audit_head set mac = null, keyed_from = null where id = 1`.execute(db.kysely).catch(() => undefined);
    },
    brokenAt: 1,
  },
];

for (const { dialect, fresh } of databases.all) {
  test(`records entries in order and verifies an untouched chain as intact [${dialect}]`, async () => {
    const db = await fresh();
    const audit = newAuditLog();
    assert.deepEqual(await audit.verify(db.kysely), { isIntact: true, entries: 0 });

    await recordFive(db, audit);

    const rows = await db.kysely.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    assert.deepEqual(
      rows.map((r) => r.seq),
      [1, 2, 3, 4, 5],
    );
    assert.equal(rows[0]?.at, '2026-12-23T10:00:00.000Z');
    assert.equal(rows[1]?.prev_hash, rows[0]?.hash);
    assert.deepEqual(JSON.parse(rows[1]?.details ?? ''), { isOverdue: true, note: null, stage: 2 });
    const head = await db.kysely.selectFrom('audit_head').select(['id', 'seq', 'hash', 'keyed_from']).executeTakeFirstOrThrow();
    assert.deepEqual(head, { id: 1, seq: 5, hash: rows[4]?.hash, keyed_from: 1 });
    assert.deepEqual(await audit.verify(db.kysely), { isIntact: true, entries: 5 });
  });

  test(`an entry rolled back with its transaction leaves the chain intact [${dialect}]`, async () => {
    const db = await fresh();
    const audit = newAuditLog();
    await recordFive(db, audit);
    await assert.rejects(
      db.kysely.transaction().execute(async (trx) => {
        await audit.record(trx, { actor: { type: 'system', id: null }, action: 'offer.imported', entityType: 'offer' });
        throw new Error('the import failed');
      }),
      /the import failed/,
    );
    await db.kysely.transaction().execute((trx) => audit.record(trx, { actor: { type: 'system', id: null }, action: 'offer.imported', entityType: 'offer' }));
    assert.deepEqual(await audit.verify(db.kysely), { isIntact: true, entries: 6 });
  });

  for (const tampering of TAMPERINGS) {
    test(`verify finds ${tampering.what} [${dialect}]`, async () => {
      const db = await fresh();
      const audit = newAuditLog();
      await recordFive(db, audit);
      await tampering.tamper(db);
      const result = await audit.verify(db.kysely);
      assert.equal(result.isIntact, false);
      assert.equal(result.brokenAt, tampering.brokenAt);
      if (tampering.entries !== undefined) assert.equal(result.entries, tampering.entries);
      if (tampering.reason) assert.match(result.reason ?? '', tampering.reason);
    });
  }

  test(`concurrent appends from many transactions keep one unbroken chain [${dialect}]`, async () => {
    const db = await fresh();
    const audit = newAuditLog();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.kysely
          .transaction()
          .execute((trx) => audit.record(trx, { actor: { type: 'system', id: null }, action: 'job.ran', entityType: 'job', entityId: `j-${i}` })),
      ),
    );
    assert.deepEqual(await audit.verify(db.kysely), { isIntact: true, entries: 20 });
  });

  test(`an entry recorded after the head was moved back keeps the evidence [${dialect}]`, async () => {
    const db = await fresh();
    const audit = newAuditLog();
    await recordFive(db, audit);
    const third = await db.kysely.selectFrom('audit_log').select('hash').where('seq', '=', 3).executeTakeFirstOrThrow();
    await sql`delete from audit_log where seq > 3`.execute(db.kysely);
    await sql`update audit_head set seq = 3, hash = ${third.hash} where id = 1`.execute(db.kysely);
    await db.kysely.transaction().execute((trx) => audit.record(trx, { actor: { type: 'system', id: null }, action: 'job.ran', entityType: 'job' }));
    const result = await audit.verify(db.kysely);
    assert.equal(result.isIntact, false);
    assert.equal(result.brokenAt, 4);
    assert.match(result.reason ?? '', /head/);
    const actions = await db.kysely.selectFrom('audit_log').select(['seq', 'action']).orderBy('seq').execute();
    assert.deepEqual(actions.slice(3), [
      { seq: 4, action: 'audit.head_forged' },
      { seq: 5, action: 'job.ran' },
    ]);
  });

  test(`a head deleted while entries remain is found, and the next entry keeps the evidence [${dialect}]`, async () => {
    const db = await fresh();
    const audit = newAuditLog();
    await recordFive(db, audit);
    await db.kysely.deleteFrom('audit_head').execute();
    const missing = await audit.verify(db.kysely);
    assert.equal(missing.isIntact, false);
    assert.match(missing.reason ?? '', /head of the chain is missing/);
    await db.kysely.transaction().execute((trx) => audit.record(trx, { actor: { type: 'system', id: null }, action: 'job.ran', entityType: 'job' }));
    const actions = await db.kysely.selectFrom('audit_log').select(['seq', 'action']).where('seq', '>', 5).orderBy('seq').execute();
    assert.deepEqual(actions, [
      { seq: 6, action: 'audit.head_forged' },
      { seq: 7, action: 'job.ran' },
    ]);
    const result = await audit.verify(db.kysely);
    assert.equal(result.isIntact, false);
    assert.equal(result.brokenAt, 6);
  });

  test(`another installation's key cannot verify, nor extend, this chain [${dialect}]`, async () => {
    const db = await fresh();
    await recordFive(db, newAuditLog());
    const stranger = createAuditLog({ clock, ids: () => uuidv7(), keyring: createKeyring(generateKeyMaterial()) });
    const result = await stranger.verify(db.kysely);
    assert.equal(result.isIntact, false);
    assert.equal(result.brokenAt, 1);
  });

  test(`a checkpoint finds a truncation hidden behind an older head put back [${dialect}]`, async () => {
    const db = await fresh();
    const audit = newAuditLog();
    for (let i = 0; i < 3; i += 1) {
      await db.kysely.transaction().execute((trx) => audit.record(trx, { actor: { type: 'system', id: null }, action: 'job.ran', entityType: 'job' }));
    }
    // Someone keeps a copy of the head at entry 3 and waits.
    const oldHead = await db.kysely.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    for (let i = 0; i < 2; i += 1) {
      await db.kysely.transaction().execute((trx) => audit.record(trx, { actor: { type: 'system', id: null }, action: 'job.ran', entityType: 'job' }));
    }
    const checkpoint = await audit.checkpoint(db.kysely);
    assert.equal(checkpoint.seq, 5);

    await sql`delete from audit_log where seq > 3`.execute(db.kysely);
    await db.kysely.deleteFrom('audit_head').execute();
    await db.kysely.insertInto('audit_head').values(oldHead).execute();
    assert.deepEqual(await audit.verify(db.kysely), { isIntact: true, entries: 3 }, 'without a checkpoint a replayed head cannot be told from the real one');
    const result = await audit.verify(db.kysely, { checkpoints: [checkpoint] });
    assert.equal(result.isIntact, false);
    assert.equal(result.brokenAt, 4);
    assert.match(result.reason ?? '', /checkpoint/);
  });

  test(`a checkpoint finds entries rewritten before it, and refuses a checkpoint that was edited [${dialect}]`, async () => {
    const db = await fresh();
    const audit = newAuditLog();
    await recordFive(db, audit);
    const checkpoint = await audit.checkpoint(db.kysely);
    assert.deepEqual(await audit.verify(db.kysely, { checkpoints: [checkpoint] }), { isIntact: true, entries: 5 });
    const edited = await audit.verify(db.kysely, { checkpoints: [{ ...checkpoint, seq: 4 }] });
    assert.equal(edited.isIntact, false);
    assert.match(edited.reason ?? '', /checkpoint .*not made with this installation's key|was changed/);
    await db.kysely.deleteFrom('audit_log').execute();
    await db.kysely.deleteFrom('audit_head').execute();
    assert.deepEqual(await audit.verify(db.kysely), { isIntact: true, entries: 0 }, 'an emptied log looks new without a checkpoint');
    const wiped = await audit.verify(db.kysely, { checkpoints: [checkpoint] });
    assert.equal(wiped.isIntact, false);
    assert.equal(wiped.brokenAt, 1);
  });

  test(`refuses personal data in details and writes nothing [${dialect}]`, async () => {
    const db = await fresh();
    const audit = newAuditLog();
    const attempts: Array<Record<string, string | number | boolean | null>> = [
      { email: 'x' },
      { customerPhone: '1' },
      { display_name: 'x' },
      { msisdn: '1' },
      { imei: '1' },
      { homeAddress: 'x' },
      { password: 'x' },
      { resetToken: 'x' },
      { note: 'write to amina@example.org' },
      { note: '+254 712 345 678' },
      { note: '0712 345 678' },
      { ref: '490154203237518' },
    ];
    for (const details of attempts) {
      await assert.rejects(
        db.kysely
          .transaction()
          .execute((trx) => audit.record(trx, { actor: { type: 'user', id: 'u-1' }, action: 'user.updated', entityType: 'user', details })),
        AuditPersonalDataError,
        JSON.stringify(details),
      );
    }
    const count = await db.kysely
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });
}

test('the personal data check never echoes the refused value', () => {
  assert.throws(
    () => assertNoPersonalData({ note: 'amina@example.org' }),
    (error: unknown) => error instanceof AuditPersonalDataError && !error.message.includes('amina'),
  );
});

test('ids, codes, dates, counts and uuids pass the personal data check', () => {
  assert.doesNotThrow(() =>
    assertNoPersonalData({
      tokenId: '0190a3b2-7c3d-7123-8456-123456789012',
      emailCount: 3,
      filename: 'offers-2026.csv',
      dueDate: '2026-12-23',
      at: '2026-12-23T10:00:00.000Z',
      reference: 'KE-2026-000123',
      rows: 12345678,
      stage: 'escalated',
      isOverdue: true,
      reason: null,
    }),
  );
});
