import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { createTestPlatform } from '../../../../test/helpers/platform.ts';
import { allMigrations } from '../../../platform/create.ts';
import { createSearchRepository } from '../../../platform/search/index.ts';
import { learnModule } from '../index.ts';
import { DEMO_LIBRARY } from './library.demo.ts';
import { createLibraryServiceFor } from './library.wiring.ts';
import { runKindNow } from '../testing/learn-kinds.ts';

const databases = openTestDatabases(allMigrations([learnModule]));

for (const database of databases.all) {
  test(`the demo library is published and searchable in every language, with one submission in review and one invitation pending [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [learnModule] });
    await learnModule.seedDemo?.(platform);
    const db = platform.db.kysely;
    const states = await db.selectFrom('learn_library_documents').select(['state', 'language']).orderBy('submitted_at').orderBy('id').execute();
    assert.equal(states.filter((s) => s.state === 'published').length, DEMO_LIBRARY.length);
    assert.ok(DEMO_LIBRARY.length >= 8 && DEMO_LIBRARY.length <= 12);
    assert.deepEqual(
      states.filter((s) => s.state !== 'published').map((s) => s.state),
      ['in_review'],
    );
    for (const language of ['ar', 'zh', 'ru', 'fr', 'es'])
      assert.ok(
        states.some((s) => s.language === language),
        language,
      );
    const invitations = await db.selectFrom('learn_library_invitations').select(['used_at', 'document_id']).orderBy('created_at').orderBy('id').execute();
    assert.equal(invitations.length, 2);
    assert.equal(invitations.filter((i) => i.used_at === null).length, 1, 'one invitation pending');
    const decision = await db.selectFrom('learn_library_files').select(['media_type', 'size_bytes']).execute();
    assert.equal(decision.length, 1, "only the demo authority's own decision has an uploaded PDF");

    // The search vectors find the library's texts on both databases.
    const search = createSearchRepository(db);
    const titlesFor = async (text: string) => {
      const answer = await search.search({ text, kinds: ['learn.library'] });
      assert.equal(answer.outcome, 'results', text);
      return answer.outcome === 'results' ? answer.hits.map((h) => `${h.language}:${h.title}`) : [];
    };
    assert.ok((await titlesFor('resiliation')).some((t) => t.startsWith("fr:J'alerte l'Arcep")));
    for (const query of ['المستهلك', 'مستهلك']) assert.ok((await titlesFor(query)).includes('ar:القرار 70/186: حماية المستهلك'), query);
    assert.ok((await titlesFor('权益')).includes('zh:第70/186号决议：保护消费者'));
    assert.ok((await titlesFor('потребител*')).includes('ru:Резолюция 70/186. Защита интересов потребителей'));
    assert.ok((await titlesFor('cancelamento')).some((t) => t.startsWith('pt:Resolução nº 632/2014')));
  });

  test(`contributors' names and addresses go once their invitation expired or their document was decided, past the retention [${database.dialect}]`, async () => {
    const platform = await createTestPlatform(await database.fresh(), { modules: [learnModule] });
    await learnModule.seedDemo?.(platform);
    const library = createLibraryServiceFor(platform);
    const db = platform.db.kysely;
    const inReview = await db.selectFrom('learn_library_documents').select(['id', 'version']).where('state', '=', 'in_review').executeTakeFirstOrThrow();
    await library.move({ type: 'system', id: null }, inReview.id, 'publish', { version: String(inReview.version), reason: '' });
    const run = (options: { dryRun?: boolean; heldIds?: string[] } = {}) => runKindNow(platform, 'learn.libraryInvitations', options);
    assert.equal(await run(), 0, 'nothing before the retention');
    platform.clock.advance(179 * 86_400_000);
    assert.equal(await run(), 0);
    platform.clock.advance(30 * 86_400_000);
    const spent = (await db.selectFrom('learn_library_invitations').select('id').orderBy('id').execute()).map((r) => r.id);
    assert.equal(await run({ dryRun: true }), 2, 'a dry run counts the decided one and the expired one');
    assert.equal(await run({ heldIds: spent }), 0, 'held ones are not touched');
    assert.equal(await run(), 2, 'the decided one and the expired one');
    assert.deepEqual(await db.selectFrom('learn_library_invitations').select('id').execute(), []);
    const published = await db.selectFrom('learn_library_documents').select(['state', 'invitation_id']).where('id', '=', inReview.id).executeTakeFirstOrThrow();
    assert.deepEqual(published, { state: 'published', invitation_id: null });
  });
}
