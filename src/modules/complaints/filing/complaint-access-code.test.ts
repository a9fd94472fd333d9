import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { offersModule } from '../../offers/index.ts';
import { complaintsModule } from '../index.ts';
import { issueAccessCode, judgeAccessCode } from './complaint-access-code.ts';
import { createFilingRepository } from './filing.repository.ts';

const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));
const MINUTE = 60_000;

for (const database of databases.all) {
  describe(`complaint access codes (${database.dialect})`, () => {
    it('accepts the newest code, counts refused tries, and locks after the most allowed', async () => {
      const platform = await createTestPlatform(await database.fresh(), { modules });
      const repo = createFilingRepository(platform.db.kysely);
      const now = platform.clock.now();
      const expiresAt = new Date(now.getTime() + 15 * MINUTE).toISOString();
      const code = await issueAccessCode(repo, platform, { purpose: 'follow', subject: 'subject-1', isReal: true, createdAt: now.toISOString(), expiresAt });
      const judge = (typed: string, subject = 'subject-1') =>
        judgeAccessCode(repo, platform.keyring, { purpose: 'follow', subject, typed, now, maxAttempts: 2 });

      assert.deepEqual((await judge('12-ab')).issue, { field: 'code', messageKey: 'complaints.web.error.codeFormat' });
      const right = await judge(code);
      assert.equal(right.issue === undefined && right.isRight, true);
      const other = await judge(code, 'subject-2');
      assert.equal(other.issue === undefined && other.isRight, false, 'a code opens only its own subject');

      const wrong = await judge(code === '000000' ? '111111' : '000000');
      assert.equal(wrong.issue === undefined && wrong.isRight, false);
      if (wrong.issue === undefined) await wrong.countAttempt();
      const second = await judge(code === '000000' ? '111111' : '000000');
      if (second.issue === undefined) await second.countAttempt();
      assert.deepEqual(
        (await judge(code)).issue,
        { field: 'code', messageKey: 'complaints.web.error.codeLocked' },
        'after two refused tries even the right code is refused',
      );
    });

    it('refuses the code a decoy returns: nobody knows it', async () => {
      const platform = await createTestPlatform(await database.fresh(), { modules });
      const repo = createFilingRepository(platform.db.kysely);
      const now = platform.clock.now();
      const code = await issueAccessCode(repo, platform, {
        purpose: 'resume',
        subject: 'unknown',
        isReal: false,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + MINUTE).toISOString(),
      });
      const judged = await judgeAccessCode(repo, platform.keyring, { purpose: 'resume', subject: 'unknown', typed: code, now, maxAttempts: 5 });
      assert.equal(judged.issue === undefined && judged.isRight, false);
    });
  });
}
