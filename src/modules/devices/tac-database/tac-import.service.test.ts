import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createAuditLog } from '../../../platform/audit/index.ts';
import { createKeyring, generateKeyMaterial } from '../../../platform/crypto/index.ts';
import { platformMigrations } from '../../../platform/db/index.ts';
import { Invalid } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { createTestClock } from '../../../../test/helpers/platform.ts';
import { devicesMigrations } from '../migrations/index.ts';
import { createTacRepository } from './tac.repository.ts';
import { importTacFile } from './tac-import.service.ts';

const databases = openTestDatabases({ ...platformMigrations, ...devicesMigrations });
const FIXTURE = fileURLToPath(new URL('../../../../test/fixtures/devices/gsma-tac-small.txt', import.meta.url));
const HEADER = 'TAC|Manufacturer|Model Name|Bands|Allocation Date|Device Type';
const SYSTEM = { type: 'system', id: null } as const;

function depsFor(db: Awaited<ReturnType<(typeof databases.all)[number]['fresh']>>) {
  const clock = createTestClock('2026-12-01T09:00:00Z');
  const ids = () => uuidv7(clock.now().getTime());
  return { repository: createTacRepository(db.kysely), audit: createAuditLog({ clock, ids, keyring: createKeyring(generateKeyMaterial()) }), clock, ids };
}

const fromText = (text: string) => Readable.from([Buffer.from(text)]);

for (const database of databases.all) {
  test(`imports the fixture, derives each field and records the import and its audit entry [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const result = await importTacFile(deps, { stream: createReadStream(FIXTURE), fileName: 'gsma-tac-small.txt', actor: SYSTEM });
    assert.equal(result.rows, 6);
    assert.match(result.sha256, /^[0-9a-f]{64}$/);
    assert.equal(await deps.repository.countTacs(), 6);
    const row = await deps.repository.findByTac('35467811');
    assert.equal(row?.brand, 'Xiaomi');
    assert.equal(row?.model, '2312DRAABG');
    assert.equal(row?.marketing_name, 'Redmi Note 13 5G');
    assert.equal(Boolean(row?.has_5g), true);
    assert.equal(row?.allocation_date, '2024-01-02');
    assert.equal((await deps.repository.findByTac('01234504'))?.reporting_body, '01');
    const latest = await deps.repository.latestImport();
    assert.equal(latest?.id, result.importId);
    assert.equal(latest?.row_count, 6);
    const audit = await db.kysely.selectFrom('audit_log').select(['action', 'entity_id']).execute();
    assert.deepEqual(audit, [{ action: 'devices.tac.imported', entity_id: result.importId }]);
  });

  test(`a file with bad lines changes nothing and names each bad line and field [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    await importTacFile(deps, { stream: createReadStream(FIXTURE), fileName: 'first.txt', actor: SYSTEM });
    const bad = [
      HEADER,
      '11111111|Acme|A1|GSM 900|01-Jan-2020|Smartphone',
      '2222222X|Acme|A2|GSM 900|01-Jan-2020|Smartphone',
      '11111111|Acme|A3|GSM 900||Smartphone',
      '33333333|Acme|A4|GSM 900|31-Apr-2020|Smartphone',
      '44444444|Acme',
    ].join('\n');
    await assert.rejects(importTacFile(deps, { stream: fromText(bad), fileName: 'bad.txt', actor: SYSTEM }), (error: unknown) => {
      assert.ok(error instanceof Invalid);
      assert.equal(error.code, 'TAC_FILE_INVALID');
      assert.deepEqual(
        error.problems.map((p) => [p.line, p.field]),
        [
          [3, 'TAC'],
          [4, 'TAC'],
          [5, 'Allocation Date'],
          [6, 'line'],
        ],
      );
      assert.match(error.problems[1]?.message ?? '', /already appears on line 2/);
      return true;
    });
    assert.equal(await deps.repository.countTacs(), 6, 'the earlier import is intact');
    assert.equal((await deps.repository.latestImport())?.file_name, 'first.txt');
    assert.equal(await deps.repository.findByTac('11111111'), undefined);
  });

  test(`a good file replaces the whole table [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    await importTacFile(deps, { stream: createReadStream(FIXTURE), fileName: 'first.txt', actor: SYSTEM });
    deps.clock.advance(1000);
    const result = await importTacFile(deps, {
      stream: fromText(`${HEADER}\r\n12345678|Acme|A1|LTE|01-Jan-2020|Smartphone\r\n`),
      fileName: 'second.txt',
      actor: SYSTEM,
    });
    assert.equal(result.rows, 1);
    assert.equal(await deps.repository.countTacs(), 1);
    assert.equal((await deps.repository.latestImport())?.file_name, 'second.txt');
  });

  test(`refuses an empty file, a header-only file and a header missing columns [${database.dialect}]`, async () => {
    const db = await database.fresh();
    const deps = depsFor(db);
    const cases: [string, number, string][] = [
      ['', 1, 'file'],
      [`${HEADER}\n`, 2, 'file'],
      ['TAC|Manufacturer\n12345678|Acme\n', 1, 'Model Name'],
    ];
    for (const [text, line, field] of cases) {
      await assert.rejects(importTacFile(deps, { stream: fromText(text), fileName: 'x.txt', actor: SYSTEM }), (error: unknown) => {
        assert.ok(error instanceof Invalid);
        assert.deepEqual([error.problems[0]?.line, error.problems[0]?.field], [line, field]);
        return true;
      });
    }
    assert.equal(await deps.repository.countTacs(), 0);
  });
}
