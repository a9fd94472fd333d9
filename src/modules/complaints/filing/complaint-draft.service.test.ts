import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { AppError, Invalid } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { retentionCutoff } from '../../../platform/privacy/retention-schedule.ts';
import { EMAIL_JOB_TYPE } from '../../../platform/notify/index.ts';
import { createOfferServiceFor, offersModule } from '../../offers/index.ts';
import { complaintsModule } from '../index.ts';
import { createComplaintDraftServiceFor, createComplaintServiceFor } from '../complaints.wiring.ts';
import { DRAFT_FILED } from './complaint-draft.service.ts';
import type { DraftAnswers } from './complaint-draft.ts';

const modules = [offersModule, complaintsModule];
const databases = openTestDatabases(allMigrations(modules));
const DAY = 86_400_000;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const SAVANNA: [string, string] = ['OP-D-1', 'Draft Savanna'];
const READY_ANSWERS: Partial<DraftAnswers> = {
  operatorIds: ['OP-D-1'],
  service: 'mobile',
  category: 'billing',
  description: 'I was charged twice.',
  desiredOutcome: 'A refund.',
  contacted: 'no',
  name: 'Zawadi Test',
  email: 'zawadi@example.org',
  needsSupport: 'no',
  consent: 'yes',
};

/** Runs a kind's default rule at the platform's instant, as the nightly run of the schedule would; answers the count. */
async function runKind(platform: Platform, name: string): Promise<number> {
  const kind = platform.recordKinds.find((k) => k.name === name);
  assert.ok(kind, `${name} is declared`);
  const now = platform.clock.now();
  const cutoff = retentionCutoff(kind.defaultRule.period, now, platform.config.jurisdiction.timeZone);
  return kind.retention.run({ rule: kind.defaultRule, cutoff, now: now.toISOString(), dryRun: false, heldIds: new Set() });
}

for (const database of databases.all) {
  /** A platform on a fresh database with these operators, and its draft service. */
  async function setUp(operators: ReadonlyArray<[id: string, name: string]> = []) {
    const platform = await createTestPlatform(await database.fresh(), { modules });
    const offers = createOfferServiceFor(platform);
    for (const [id, name] of operators) await offers.addOperator({ type: 'system', id: null }, id, name);
    const drafts = createComplaintDraftServiceFor(platform, createComplaintServiceFor(platform).consumer);
    const countRows = async (table: 'complaint_filings' | 'complaint_cases' | 'complaint_drafts' | 'complaint_draft_attachments') =>
      (await platform.db.kysely.selectFrom(table).select('id').execute()).length;
    return { platform, drafts, countRows };
  }

  describe(`complaint drafts (${database.dialect})`, () => {
    it("keeps answers and files encrypted, lives for the profile's days after the last change, and the retention schedule deletes it", async () => {
      const { platform, drafts, countRows } = await setUp();
      const { token, draft } = await drafts.start();
      await drafts.saveAnswers(draft, { name: 'Zawadi Secret', description: 'A private story.' });
      const added = await drafts.addAttachment(draft, { filename: 'photo.png', contentType: 'image/png', data: PNG, isTooLarge: false });
      assert.equal(added.ok, true);
      const refused = await drafts.addAttachment(draft, {
        filename: 'run.png',
        contentType: 'image/png',
        data: Buffer.from('#!/bin/sh\necho hi\n'),
        isTooLarge: false,
      });
      assert.equal(refused.ok, false);

      const rows = JSON.stringify([
        await platform.db.kysely.selectFrom('complaint_drafts').selectAll().execute(),
        await platform.db.kysely.selectFrom('complaint_draft_attachments').selectAll().execute(),
      ]);
      assert.doesNotMatch(rows, /Zawadi|private story|photo\.png|PNG/);
      const reopened = await drafts.open(token);
      assert.equal(reopened?.answers.name, 'Zawadi Secret');
      assert.deepEqual(
        reopened?.attachments.map((a) => [a.name, a.mediaType, a.sizeBytes]),
        [['photo.png', 'image/png', PNG.length]],
      );
      assert.equal(await drafts.open('not-a-token'), undefined);

      platform.clock.advance(29 * DAY);
      assert.ok(await drafts.open(token), 'still there on day 29');
      platform.clock.advance(2 * DAY);
      assert.equal(await drafts.open(token), undefined, 'gone after 30 days');

      // The retention schedule's nightly run deletes the expired draft and its file.
      await drafts.start();
      await drafts.start();
      assert.equal(await runKind(platform, 'complaints.drafts'), 1);
      assert.equal(await countRows('complaint_drafts'), 2, 'only the two fresh drafts remain');
      assert.equal(await countRows('complaint_draft_attachments'), 0);
    });

    it('sends at most five resume codes a day for one draft, however often a new one is asked for', async () => {
      const { platform, drafts } = await setUp();
      const mail = { t: (key: string) => key, formatDate: (iso: string) => iso, resumeUrl: 'http://127.0.0.1/complaints/resume' };
      const { draft } = await drafts.start();
      const saved = await drafts.saveForLater(draft, 'zawadi@example.org', mail, '192.0.2.1');
      assert.equal(saved.ok, true);
      const reference = saved.ok ? saved.value.reference : '';
      const emails = async () => (await platform.db.kysely.selectFrom('jobs').select('id').where('type', '=', EMAIL_JOB_TYPE).execute()).length;
      for (let i = 0; i < 6; i += 1) await drafts.sendNewCode(reference, mail, '192.0.2.1');
      assert.equal(await emails(), 5, 'the first code and four new ones; the fifth and sixth requests send nothing');
      assert.equal(await runKind(platform, 'complaints.accessCodes'), 0);
      await drafts.sendNewCode(reference, mail, '192.0.2.1');
      assert.equal(await emails(), 5, "the nightly run keeps the day's ended codes, so the limit still holds");
      platform.clock.advance(DAY + 1000);
      await drafts.sendNewCode(reference, mail, '192.0.2.1');
      assert.equal(await emails(), 6, 'a new day, a new code');
    });

    it('files a draft with its files or not at all: when a file cannot be stored, no complaint is filed and the draft stays', async () => {
      const { platform, drafts, countRows } = await setUp([SAVANNA, ['OP-D-2', 'Draft Baobab']]);
      const { token, draft } = await drafts.start();
      const answered = await drafts.saveAnswers(draft, { ...READY_ANSWERS, operatorIds: ['OP-D-1', 'OP-D-2'] });
      assert.equal((await drafts.addAttachment(answered, { filename: 'photo.png', contentType: 'image/png', data: PNG, isTooLarge: false })).ok, true);
      // The second case's copy of the file breaks this constraint, standing for any failure of its storage.
      await sql`create unique index complaint_attachments_one_copy on complaint_attachments (sha256)`.execute(platform.db.kysely);
      await assert.rejects(drafts.submit(answered, 'en', '192.0.2.1'), (error) => !(error instanceof Invalid), 'refused by the storage, not for its answers');
      assert.equal(await countRows('complaint_filings'), 0);
      assert.equal(await countRows('complaint_cases'), 0);
      const kept = await drafts.open(token);
      assert.deepEqual(
        kept?.attachments.map((a) => a.name),
        ['photo.png'],
        'the draft and its file stay, ready to be sent again',
      );
    });

    it('files a draft and marks it filed in one transaction: when the marking fails, no complaint is filed', async () => {
      const { platform, drafts, countRows } = await setUp([SAVANNA]);
      const { token, draft } = await drafts.start();
      const answered = await drafts.saveAnswers(draft, READY_ANSWERS);
      platform.clock.advance(1000);
      await drafts.start();
      // Another draft changed at this very instant: marking this one filed now breaks the index,
      // standing for any failure (a crash, a lost connection) after the filing is written.
      await sql`create unique index complaint_drafts_one_change on complaint_drafts (updated_at)`.execute(platform.db.kysely);
      await assert.rejects(drafts.submit(answered, 'en', '192.0.2.1'), (error) => !(error instanceof Invalid));
      assert.equal(await countRows('complaint_filings'), 0, 'no filing');
      assert.equal(await countRows('complaint_cases'), 0, 'no case');
      assert.equal(
        (await platform.db.kysely.selectFrom('jobs').select('id').where('type', '=', EMAIL_JOB_TYPE).execute()).length,
        0,
        'no acknowledgement e-mail',
      );
      assert.equal((await drafts.open(token))?.answers.description, READY_ANSWERS.description, 'the draft is still there to send again');

      await sql`drop index complaint_drafts_one_change`.execute(platform.db.kysely);
      const filed = await drafts.submit(answered, 'en', '192.0.2.1');
      assert.equal((await drafts.filedOf(token))?.reference, filed.reference);
      assert.equal(await countRows('complaint_filings'), 1);
    });

    it('refuses a second submission of a draft already filed, so a double click files once', async () => {
      const { drafts, countRows } = await setUp([SAVANNA]);
      const { draft } = await drafts.start();
      // Both requests opened the draft before either filed it.
      const answered = await drafts.saveAnswers(draft, READY_ANSWERS);
      await drafts.submit(answered, 'en', '192.0.2.1');
      await assert.rejects(drafts.submit(answered, 'en', '192.0.2.1'), (error) => error instanceof AppError && error.code === DRAFT_FILED);
      assert.equal(await countRows('complaint_filings'), 1);
      assert.equal(await countRows('complaint_cases'), 1);
    });
  });
}
