import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../test/helpers/db.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/index.ts';
import { uuidv7 } from '../ids.ts';
import { AuditPersonalDataError, assertNoPersonalData, createAuditLog } from './index.ts';
import type { AuditLog } from './index.ts';

const databases = openTestDatabases();
const clock: Clock = { now: () => new Date('2026-12-23T10:00:00.000Z') };

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

for (const { dialect, fresh } of databases.all) {
  test(`records entries in order and verifies an untouched chain as intact [${dialect}]`, async () => {
    const db = await fresh();
    const audit = createAuditLog({ clock, ids: () => uuidv7() });
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
    const head = await db.kysely.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(head, { id: 1, seq: 5, hash: rows[4]?.hash });
    assert.deepEqual(await audit.verify(db.kysely), { isIntact: true, entries: 5 });
  });

  test(`an entry rolled back with its transaction leaves the chain intact [${dialect}]`, async () => {
    const db = await fresh();
    const audit = createAuditLog({ clock, ids: () => uuidv7() });
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

  test(`verify finds an entry whose details were changed [${dialect}]`, async () => {
    const db = await fresh();
    const audit = createAuditLog({ clock, ids: () => uuidv7() });
    await recordFive(db, audit);
    await sql`update audit_log set details = ${'{"stage":99}'} where seq = 3`.execute(db.kysely);
    const result = await audit.verify(db.kysely);
    assert.equal(result.isIntact, false);
    assert.equal(result.brokenAt, 3);
    assert.equal(result.entries, 5);
    assert.match(result.reason ?? '', /changed/);
  });

  test(`verify finds an entry whose stored hash was replaced [${dialect}]`, async () => {
    const db = await fresh();
    const audit = createAuditLog({ clock, ids: () => uuidv7() });
    await recordFive(db, audit);
    await sql`update audit_log set hash = ${'f'.repeat(64)} where seq = 2`.execute(db.kysely);
    const result = await audit.verify(db.kysely);
    assert.equal(result.isIntact, false);
    assert.equal(result.brokenAt, 2);
  });

  test(`concurrent appends from many transactions keep one unbroken chain [${dialect}]`, async () => {
    const db = await fresh();
    const audit = createAuditLog({ clock, ids: () => uuidv7() });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.kysely.transaction().execute((trx) => audit.record(trx, { actor: { type: 'system', id: null }, action: 'job.ran', entityType: 'job', entityId: `j-${i}` })),
      ),
    );
    assert.deepEqual(await audit.verify(db.kysely), { isIntact: true, entries: 20 });
  });

  test(`verify finds a deleted middle entry [${dialect}]`, async () => {
    const db = await fresh();
    const audit = createAuditLog({ clock, ids: () => uuidv7() });
    await recordFive(db, audit);
    await sql`delete from audit_log where seq = 3`.execute(db.kysely);
    const result = await audit.verify(db.kysely);
    assert.equal(result.isIntact, false);
    assert.equal(result.brokenAt, 3);
    assert.equal(result.entries, 4);
    assert.match(result.reason ?? '', /missing/);
  });

  test(`verify finds a deleted last entry through the head [${dialect}]`, async () => {
    const db = await fresh();
    const audit = createAuditLog({ clock, ids: () => uuidv7() });
    await recordFive(db, audit);
    await sql`delete from audit_log where seq = 5`.execute(db.kysely);
    const result = await audit.verify(db.kysely);
    assert.equal(result.isIntact, false);
    assert.equal(result.brokenAt, 5);
    assert.equal(result.entries, 4);
    assert.match(result.reason ?? '', /removed from the end/);
  });

  test(`verify finds a head that does not match the last entry [${dialect}]`, async () => {
    const db = await fresh();
    const audit = createAuditLog({ clock, ids: () => uuidv7() });
    await recordFive(db, audit);
    await sql`update audit_head set hash = ${'a'.repeat(64)} where id = 1`.execute(db.kysely);
    const result = await audit.verify(db.kysely);
    assert.equal(result.isIntact, false);
    assert.equal(result.brokenAt, 5);
  });

  test(`refuses personal data in details and writes nothing [${dialect}]`, async () => {
    const db = await fresh();
    const audit = createAuditLog({ clock, ids: () => uuidv7() });
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
        db.kysely.transaction().execute((trx) => audit.record(trx, { actor: { type: 'user', id: 'u-1' }, action: 'user.updated', entityType: 'user', details })),
        AuditPersonalDataError,
        JSON.stringify(details),
      );
    }
    const count = await db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
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
