import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src/platform/db/index.ts';
import { closePlatform } from '../src/platform/create.ts';
import { createAuthServiceFor } from '../src/platform/auth/index.ts';
import { enqueueEmail } from '../src/platform/notify/index.ts';
import { createTestPlatform } from './helpers/platform.ts';
import { createTempDir } from './helpers/temp-dir.ts';

test('the database file holds no plaintext e-mail address, name or phone number', async () => {
  const dir = createTempDir('privacy');
  const file = join(dir, 'kinga.db');
  const db = await openDatabase({ dialect: 'sqlite', file });
  const platform = await createTestPlatform(db);
  const auth = createAuthServiceFor(platform, { passwordHash: { memoryCost: 1024, timeCost: 1 } });

  const email = 'wanjiku.otieno@example.org';
  const name = 'Wanjiku Otieno';
  const phone = '+254712345678';
  const created = await auth.createAdministrator({ email, displayName: name, password: 'a long enough passphrase' });
  assert.ok(created.ok, 'the administrator is created');
  await enqueueEmail(platform.jobs, platform.db.kysely, { to: email, subject: `Call ${phone}`, text: `Dear ${name}, we will call ${phone}.` });

  // Everything SQLite keeps on disk: the main file and the write-ahead log.
  await closePlatform(platform);
  const bytes = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f));
  assert.ok(bytes[0] && bytes[0].length > 0);
  for (const content of bytes) {
    for (const secret of [email, name, phone, 'wanjiku', '712345678']) {
      assert.equal(content.includes(Buffer.from(secret)), false, `found "${secret}" in the database file`);
      assert.equal(content.includes(Buffer.from(secret, 'utf16le')), false, `found "${secret}" (UTF-16) in the database file`);
    }
  }
});
