import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabases } from '../../../../test/helpers/db.ts';
import { allMigrations } from '../../../platform/create.ts';
import { CONTENT_TEST_MODULES } from '../testing/content-platform.ts';
import { createContentRepository } from './content.repository.ts';
import type { LearnItemRow, LearnTextRow } from './content.tables.ts';

const databases = openTestDatabases(allMigrations(CONTENT_TEST_MODULES));

const item = (id: string, kind: string, slug: string, position: number, parentId: string | null = null): LearnItemRow => ({
  id,
  kind,
  slug,
  topic: kind === 'guide' ? 'billing' : null,
  parent_id: parentId,
  position,
  source_language: 'en',
  created_at: '2026-12-01T09:00:00.000Z',
  created_by: 'system',
});

const text = (id: string, itemId: string, language: string, state: string, at: string, reviewed: string | null = null): LearnTextRow => ({
  id,
  item_id: itemId,
  language,
  variant: 'standard',
  title: `Title ${id}`,
  summary: '',
  body: 'Body',
  legal_basis: '',
  last_reviewed: reviewed,
  state,
  version: 1,
  review_note: null,
  saved_at: at,
  saved_by: 'u1',
  updated_at: at,
  updated_by: 'u1',
  published_title: state === 'published' ? `Title ${id}` : null,
  published_summary: state === 'published' ? '' : null,
  published_html: state === 'published' ? '<p>Body</p>' : null,
  published_legal_basis: state === 'published' ? '' : null,
  published_last_reviewed: state === 'published' ? reviewed : null,
  published_at: state === 'published' ? at : null,
  published_by: state === 'published' ? 'u2' : null,
});

for (const database of databases.all) {
  test(`items keep one slug per kind, list in order, and count positions per course [${database.dialect}]`, async () => {
    const repository = createContentRepository((await database.fresh()).kysely);
    await repository.insertItem(item('c1', 'course', 'money', 0));
    await repository.insertItem(item('g2', 'guide', 'roaming', 1));
    await repository.insertItem(item('g1', 'guide', 'bill', 0));
    await repository.insertItem(item('l1', 'lesson', 'pins', 0, 'c1'));
    await repository.insertItem(item('g3', 'course', 'bill', 1));
    await assert.rejects(repository.insertItem(item('g4', 'guide', 'bill', 2)), 'a slug is unique per kind');
    assert.deepEqual(
      (await repository.listItems({ kind: 'guide' })).map((r) => r.id),
      ['g1', 'g2'],
    );
    assert.deepEqual(
      (await repository.listItems({})).map((r) => r.id),
      ['c1', 'g3', 'g1', 'g2', 'l1'],
    );
    assert.deepEqual(
      (await repository.listItems({ parentId: 'c1' })).map((r) => r.id),
      ['l1'],
    );
    assert.equal(await repository.nextPosition('lesson', 'c1'), 1);
    assert.equal(await repository.nextPosition('lesson', 'c2'), 0);
    assert.equal(await repository.nextPosition('guide', null), 2);
    assert.equal((await repository.findItemBySlug('course', 'bill'))?.id, 'g3');
  });

  test(`texts change only from the version read, list by filter newest first, and count what waits [${database.dialect}]`, async () => {
    const repository = createContentRepository((await database.fresh()).kysely);
    await repository.insertItem(item('g1', 'guide', 'bill', 0));
    await repository.insertItem(item('c1', 'course', 'money', 0));
    await repository.insertText(text('t1', 'g1', 'en', 'published', '2026-12-01T10:00:00.000Z', '2025-01-01'));
    await repository.insertText(text('t2', 'g1', 'fr', 'in_review', '2026-12-02T10:00:00.000Z'));
    await repository.insertText(text('t3', 'c1', 'en', 'published', '2026-12-03T10:00:00.000Z', '2026-11-01'));
    await assert.rejects(repository.insertText(text('t4', 'g1', 'en', 'draft', '2026-12-03T10:00:00.000Z')), 'one text per item, language and variant');
    assert.equal(await repository.updateText('t2', 2, { state: 'draft', version: 3 }), false);
    assert.equal(await repository.updateText('t2', 1, { state: 'published', version: 2 }), true);
    assert.equal((await repository.findTextById('t2'))?.state, 'published');
    assert.deepEqual(
      (await repository.listTexts({})).map((r) => [r.id, r.item_kind, r.item_slug]),
      [
        ['t3', 'course', 'money'],
        ['t2', 'guide', 'bill'],
        ['t1', 'guide', 'bill'],
      ],
    );
    assert.deepEqual(
      (await repository.listTexts({ kind: 'guide', language: 'en' })).map((r) => r.id),
      ['t1'],
    );
    assert.deepEqual(
      (await repository.listTexts({ state: 'published' })).map((r) => r.id),
      ['t3', 't2', 't1'],
    );
    assert.deepEqual(
      (await repository.listTextsOf(['g1', 'c1'])).map((r) => r.id),
      ['t3', 't1', 't2'],
    );
    await repository.insertText(text('t5', 'c1', 'fr', 'in_review', '2026-12-04T10:00:00.000Z'));
    assert.equal(await repository.countInState('in_review'), 1);
    assert.equal(await repository.countReviewDue('2025-12-01'), 1, 'only the English guide, reviewed 2025-01-01, is due');
    for (const [version, change] of [
      [1, 'created'],
      [2, 'saved'],
    ] as const)
      await repository.insertVersion({
        id: `v${version}`,
        text_id: 't1',
        version,
        change,
        note: null,
        actor: 'u1',
        at: '2026-12-01T10:00:00.000Z',
        state: 'draft',
        title: `v${version}`,
        summary: '',
        body: 'b',
        legal_basis: '',
        last_reviewed: null,
      });
    assert.deepEqual(
      (await repository.listVersions('t1')).map((v) => v.version),
      [2, 1],
    );
    assert.equal((await repository.findVersion('t1', 1))?.title, 'v1');
    const isRolledBack = await repository
      .inTransaction(async (trx) => {
        await trx.updateText('t1', 1, { title: 'Changed', version: 2 });
        throw new Error('stop');
      })
      .catch(() => true);
    assert.equal(isRolledBack, true);
    assert.equal((await repository.findTextById('t1'))?.title, 'Title t1', 'a failed transaction leaves the text as it was');
  });
}
