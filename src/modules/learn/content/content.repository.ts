import { queriesOf, transactionOf, withTransaction, type Executor, type Transaction } from '../../../platform/db/index.ts';
import type { LearnItemRow, LearnTextRow, LearnTextVersionRow } from './content.tables.ts';
import { sql } from 'kysely';
import './content.tables.ts';

/** A text with the item it belongs to, as staff lists show it. */
export interface TextWithItem extends LearnTextRow {
  item_kind: string;
  item_slug: string;
}

/** Which items a list reads. */
export interface ItemFilter {
  kind?: string;
  topic?: string;
  parentId?: string;
}

/** Which texts the staff list reads. */
export interface TextFilter {
  kind?: string;
  state?: string;
  language?: string;
}

/** The fields of a text a change writes. */
export type TextChange = Partial<Omit<LearnTextRow, 'id' | 'item_id' | 'language' | 'variant'>>;

/** All SQL of the content: items, their texts and the versions of each text. */
export interface ContentRepository {
  /** Runs `work` in one transaction with a repository bound to it. */
  inTransaction<T>(work: (repository: ContentRepository, tx: Transaction) => Promise<T>): Promise<T>;
  insertItem(row: LearnItemRow): Promise<void>;
  findItem(id: string): Promise<LearnItemRow | undefined>;
  findItemBySlug(kind: string, slug: string): Promise<LearnItemRow | undefined>;
  /** Items by kind, topic or parent, in their order (position, then slug). */
  listItems(filter: ItemFilter): Promise<LearnItemRow[]>;
  /** The next free position among an item's siblings. */
  nextPosition(kind: string, parentId: string | null): Promise<number>;
  insertText(row: LearnTextRow): Promise<void>;
  findText(itemId: string, language: string, variant: string): Promise<LearnTextRow | undefined>;
  findTextById(id: string): Promise<LearnTextRow | undefined>;
  /** Every text of the items, ordered by item, language and variant. */
  listTextsOf(itemIds: readonly string[]): Promise<LearnTextRow[]>;
  /**
   * An item's texts without their words: `body` is empty and `published_html` empty (or null when
   * nothing is public), so that choosing which text a reader sees does not read every language's body.
   */
  listTextHeadsOf(itemId: string): Promise<LearnTextRow[]>;
  /** The texts the filter keeps, newest change first. */
  listTexts(filter: TextFilter): Promise<TextWithItem[]>;
  /** Writes a change when the text is still at `expectedVersion`; false when someone changed it meanwhile. */
  updateText(id: string, expectedVersion: number, change: TextChange): Promise<boolean>;
  insertVersion(row: LearnTextVersionRow): Promise<void>;
  /** A text's versions, newest first. */
  listVersions(textId: string): Promise<LearnTextVersionRow[]>;
  findVersion(textId: string, version: number): Promise<LearnTextVersionRow | undefined>;
  countInState(state: string): Promise<number>;
  /** Published texts whose last-reviewed date is before `date` (or missing). */
  countReviewDue(date: string): Promise<number>;
}

/** Builds the repository over a Kysely instance or transaction. */
export function createContentRepository(executor: Executor): ContentRepository {
  const db = queriesOf(executor);
  return {
    inTransaction(work) {
      return withTransaction(db, (tx) => work(createContentRepository(tx), transactionOf(tx)));
    },
    async insertItem(row) {
      await db.insertInto('learn_items').values(row).execute();
    },
    findItem(id) {
      return db.selectFrom('learn_items').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findItemBySlug(kind, slug) {
      return db.selectFrom('learn_items').selectAll().where('kind', '=', kind).where('slug', '=', slug).executeTakeFirst();
    },
    listItems(filter) {
      let query = db.selectFrom('learn_items').selectAll();
      if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
      if (filter.topic !== undefined) query = query.where('topic', '=', filter.topic);
      if (filter.parentId !== undefined) query = query.where('parent_id', '=', filter.parentId);
      return query.orderBy('kind').orderBy('position').orderBy('slug').execute();
    },
    async nextPosition(kind, parentId) {
      let query = db
        .selectFrom('learn_items')
        .select((eb) => eb.fn.max<number | null>('position').as('last'))
        .where('kind', '=', kind);
      query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId);
      const row = await query.executeTakeFirst();
      return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
    },
    async insertText(row) {
      await db.insertInto('learn_texts').values(row).execute();
    },
    findText(itemId, language, variant) {
      return db
        .selectFrom('learn_texts')
        .selectAll()
        .where('item_id', '=', itemId)
        .where('language', '=', language)
        .where('variant', '=', variant)
        .executeTakeFirst();
    },
    findTextById(id) {
      return db.selectFrom('learn_texts').selectAll().where('id', '=', id).executeTakeFirst();
    },
    listTextHeadsOf(itemId) {
      return db
        .selectFrom('learn_texts')
        .select([
          'id',
          'item_id',
          'language',
          'variant',
          'title',
          'summary',
          'legal_basis',
          'last_reviewed',
          'state',
          'version',
          'review_note',
          'saved_at',
          'saved_by',
          'updated_at',
          'updated_by',
          'published_title',
          'published_summary',
          'published_legal_basis',
          'published_last_reviewed',
          'published_at',
          'published_by',
        ])
        .select(sql<string>`''`.as('body'))
        .select(sql<string | null>`case when published_html is null then null else '' end`.as('published_html'))
        .where('item_id', '=', itemId)
        .orderBy('language')
        .orderBy('variant')
        .execute();
    },
    async listTextsOf(itemIds) {
      if (itemIds.length === 0) return [];
      const rows: LearnTextRow[] = [];
      // Bounded chunks keep the statement under both databases' parameter limits.
      for (let i = 0; i < itemIds.length; i += 500) {
        rows.push(
          ...(await db
            .selectFrom('learn_texts')
            .selectAll()
            .where('item_id', 'in', itemIds.slice(i, i + 500))
            .orderBy('item_id')
            .orderBy('language')
            .orderBy('variant')
            .execute()),
        );
      }
      return rows;
    },
    listTexts(filter) {
      let query = db
        .selectFrom('learn_texts as t')
        .innerJoin('learn_items as i', 'i.id', 't.item_id')
        .selectAll('t')
        .select(['i.kind as item_kind', 'i.slug as item_slug']);
      if (filter.kind !== undefined) query = query.where('i.kind', '=', filter.kind);
      if (filter.state !== undefined) query = query.where('t.state', '=', filter.state);
      if (filter.language !== undefined) query = query.where('t.language', '=', filter.language);
      return query.orderBy('t.updated_at', 'desc').orderBy('t.id').execute();
    },
    async updateText(id, expectedVersion, change) {
      const result = await db.updateTable('learn_texts').set(change).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async insertVersion(row) {
      await db.insertInto('learn_text_versions').values(row).execute();
    },
    listVersions(textId) {
      return db.selectFrom('learn_text_versions').selectAll().where('text_id', '=', textId).orderBy('version', 'desc').execute();
    },
    findVersion(textId, version) {
      return db.selectFrom('learn_text_versions').selectAll().where('text_id', '=', textId).where('version', '=', version).executeTakeFirst();
    },
    async countInState(state) {
      const row = await db
        .selectFrom('learn_texts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', state)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async countReviewDue(date) {
      const row = await db
        .selectFrom('learn_texts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('published_at', 'is not', null)
        .where((eb) => eb.or([eb('published_last_reviewed', 'is', null), eb('published_last_reviewed', '<', date)]))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
