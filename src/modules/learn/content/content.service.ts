import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Transaction } from '../../../platform/db/index.ts';
import type { IdGenerator } from '../../../platform/ids.ts';
import type { SearchRepository } from '../../../platform/search/index.ts';
import { plainTextExcerpt, renderMarkdown } from './markdown.ts';
import { actorName, mayActOnContent, mayPublish, type ContentAction, type ContentActor } from './content.policy.ts';
import type { ContentRepository, TextFilter, TextWithItem } from './content.repository.ts';
import type { LearnItemRow, LearnTextRow, LearnTextVersionRow } from './content.tables.ts';

/** What content is: a rights guide, a course, or a lesson of a course. */
export const CONTENT_KINDS = ['guide', 'course', 'lesson'] as const;
/** One kind of content. */
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** The variants of a text: the standard one and an easy-read one where the editor writes it. */
export const TEXT_VARIANTS = ['standard', 'easy'] as const;
/** One variant of a text. */
export type TextVariant = (typeof TEXT_VARIANTS)[number];

/** The states of a text's working copy. */
export const TEXT_STATES = ['draft', 'in_review', 'published', 'archived'] as const;
/** One state of a text's working copy. */
export type TextState = (typeof TEXT_STATES)[number];

/** A problem of a form: the field and the catalogue key that says it. */
export interface ContentIssue {
  field: string;
  messageKey: string;
}

/** Why an action did nothing, besides problems of the form. */
export type ContentProblem = 'forbidden' | 'notFound' | 'conflict' | 'wrongState' | 'fourEyes';

/** What an action answers: its result, the form's problems, or why it could not be done. */
export type ContentOutcome<T> = { ok: true; value: T } | { ok: false; problem: 'invalid'; issues: ContentIssue[] } | { ok: false; problem: ContentProblem };

/** An item as services and views read it. */
export interface ContentItem {
  id: string;
  kind: ContentKind;
  slug: string;
  topic: string | null;
  parentId: string | null;
  position: number;
  sourceLanguage: string;
  createdAt: string;
  createdBy: string;
}

/** A text's working copy and, when one is public, its published copy. */
export interface ContentText {
  id: string;
  itemId: string;
  language: string;
  variant: TextVariant;
  title: string;
  summary: string;
  body: string;
  legalBasis: string;
  lastReviewed: string | null;
  state: TextState;
  version: number;
  reviewNote: string | null;
  savedAt: string;
  savedBy: string;
  updatedAt: string;
  updatedBy: string;
  published: PublishedCopy | null;
}

/** The copy readers see. */
export interface PublishedCopy {
  title: string;
  summary: string;
  /** Sanitised when published; clean it again when showing it. */
  html: string;
  legalBasis: string;
  lastReviewed: string | null;
  publishedAt: string;
  publishedBy: string;
}

/** One version of a text: who changed what, and the working copy after it. */
export interface ContentVersion {
  version: number;
  change: string;
  note: string | null;
  actor: string;
  at: string;
  state: TextState;
  title: string;
  summary: string;
  body: string;
  legalBasis: string;
  lastReviewed: string | null;
}

/** A published text as a reader gets it, in their language or, failing that, in another one. */
export interface PublishedText extends PublishedCopy {
  item: ContentItem;
  variant: TextVariant;
  /** The language the text is in. */
  language: string;
  /** The language the reader asked for. */
  requestedLanguage: string;
  /** True when the text is in another language than the one asked for. */
  isFallback: boolean;
  /** The variants published in the language shown (to link the easy-read version and back). */
  variants: TextVariant[];
}

/** One cell of the coverage table: an item in one language and variant. */
export interface CoverageCell {
  language: string;
  variant: TextVariant;
  state: TextState | 'missing';
  /** A copy is public (the working copy may be a newer draft). */
  isPublic: boolean;
  /** The public copy's last-reviewed date is older than the profile's review period, or missing. */
  isReviewDue: boolean;
}

/** An item's row of the coverage table. */
export interface CoverageRow {
  item: ContentItem;
  /** The title in the source language, or the slug. */
  title: string;
  cells: CoverageCell[];
}

/** What an editor sends to create an item. */
export interface NewItem {
  kind: string;
  slug: string;
  topic?: string | null;
  /** A lesson's course (an item id). */
  parentId?: string | null;
  sourceLanguage: string;
  position?: number;
}

/** What an editor sends to save a text's working copy. */
export interface TextInput {
  itemId: string;
  language: string;
  variant: string;
  title: string;
  summary: string;
  body: string;
  legalBasis: string;
  /** `YYYY-MM-DD`, or empty. */
  lastReviewed: string;
  /** The version the editor started from, so that two editors never overwrite each other. */
  expectedVersion?: number;
}

/** Which text a workflow step acts on, and the version the member of staff saw. */
export interface TextStep {
  textId: string;
  expectedVersion?: number;
}

/** Where a reader opens a published text (for the search index). */
export type ContentUrl = (target: { item: ContentItem; parent: ContentItem | undefined; language: string; variant: TextVariant }) => string;

/** What staff and readers do with content. */
export interface ContentService {
  createItem(actor: ContentActor, input: NewItem): Promise<ContentOutcome<ContentItem>>;
  saveText(actor: ContentActor, input: TextInput): Promise<ContentOutcome<ContentText>>;
  submit(actor: ContentActor, step: TextStep): Promise<ContentOutcome<ContentText>>;
  /** Sends a text in review back to draft with the reviewer's note. */
  returnToDraft(actor: ContentActor, step: TextStep & { note: string }): Promise<ContentOutcome<ContentText>>;
  /** Renders, publishes and indexes the working copy (four eyes for editors). */
  publish(actor: ContentActor, step: TextStep): Promise<ContentOutcome<ContentText>>;
  /** Withdraws the public copy and its search entry. */
  archive(actor: ContentActor, step: TextStep): Promise<ContentOutcome<ContentText>>;
  /** Copies a version's words into the working copy, as a draft. */
  restore(actor: ContentActor, step: TextStep & { version: number }): Promise<ContentOutcome<ContentText>>;
  findItem(id: string): Promise<ContentItem | undefined>;
  findItemBySlug(kind: ContentKind, slug: string): Promise<ContentItem | undefined>;
  listItems(filter?: { kind?: ContentKind; topic?: string; parentId?: string }): Promise<ContentItem[]>;
  findText(itemId: string, language: string, variant: TextVariant): Promise<ContentText | undefined>;
  findTextById(id: string): Promise<ContentText | undefined>;
  textsOf(itemId: string): Promise<ContentText[]>;
  /** Texts for the staff list, newest change first, with their item's kind and slug. */
  listTexts(filter: { kind?: string; state?: string; language?: string }): Promise<Array<ContentText & { kind: ContentKind; slug: string }>>;
  listVersions(textId: string): Promise<ContentVersion[]>;
  /** The published text in the reader's language, else the source language, else the profile's default. */
  readPublished(query: { kind: ContentKind; slug: string; language: string; variant?: TextVariant }): Promise<PublishedText | undefined>;
  /** The published items of a kind (and topic or course), each in the reader's language or a fallback, in order. */
  listPublished(query: { kind: ContentKind; language: string; topic?: string; parentId?: string }): Promise<PublishedText[]>;
  /** Every item × language × variant, with its state and whether its review is due. */
  coverage(): Promise<CoverageRow[]>;
  /** Texts waiting in review, and public texts due for review (the dashboard's figures). */
  figures(): Promise<{ inReview: number; reviewDue: number }>;
}

/** What the content service needs. */
export interface ContentDeps {
  repository: ContentRepository;
  search: SearchRepository;
  audit: AuditLog;
  clock: Clock;
  ids: IdGenerator;
  /** The profile's languages, the first fallback after an item's source language being `defaultLanguage`. */
  languages: readonly string[];
  defaultLanguage: string;
  /** The guide topics the profile offers. */
  topics: readonly string[];
  settings: { maxCharacters: number; reviewEveryMonths: number };
  publicUrl: string;
  /** Where a published text opens; by default `/learn/guides/<slug>`, `/learn/courses/<slug>`, `/learn/courses/<course>/<lesson>`. */
  urlOf?: ContentUrl;
}

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MAX = 80;
const TITLE_MAX = 200;
const SUMMARY_MAX = 600;
const LEGAL_BASIS_MAX = 1000;
const NOTE_MAX = 2000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The published copy of a text that has none: a new draft's, or an archived text's. */
const UNPUBLISHED = {
  published_title: null,
  published_summary: null,
  published_html: null,
  published_legal_basis: null,
  published_last_reviewed: null,
  published_at: null,
  published_by: null,
} as const satisfies Partial<LearnTextRow>;

// Row ids as Kinga makes them (UUIDs); anything else finds nothing, and never reaches SQL (PostgreSQL refuses a NUL).
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const isId = (value: string) => ID_PATTERN.test(value);
const isSlug = (value: string) => value.length <= SLUG_MAX && SLUG_PATTERN.test(value);
// PostgreSQL's text cannot hold U+0000; no one types it, so it is dropped rather than refused.
const withoutNul = (value: string) => value.replaceAll('\u0000', '');

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The date `months` before `now`, as `YYYY-MM-DD`: a last-reviewed date before it is due for review. */
export function reviewDueBefore(now: Date, months: number): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()));
  return date.toISOString().slice(0, 10);
}

/** The address a published text opens at, when the caller gives no other. */
export const defaultContentUrl: ContentUrl = ({ item, parent, language }) => {
  const path =
    item.kind === 'guide'
      ? `/learn/guides/${item.slug}`
      : item.kind === 'course'
        ? `/learn/courses/${item.slug}`
        : `/learn/courses/${parent?.slug ?? '-'}/${item.slug}`;
  return `${path}?lang=${encodeURIComponent(language)}`;
};

const isKind = (value: string): value is ContentKind => (CONTENT_KINDS as readonly string[]).includes(value);
const isVariant = (value: string): value is TextVariant => (TEXT_VARIANTS as readonly string[]).includes(value);
const isState = (value: string): value is TextState => (TEXT_STATES as readonly string[]).includes(value);

function itemOf(row: LearnItemRow): ContentItem {
  return {
    id: row.id,
    kind: isKind(row.kind) ? row.kind : 'guide',
    slug: row.slug,
    topic: row.topic,
    parentId: row.parent_id,
    position: Number(row.position),
    sourceLanguage: row.source_language,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function publishedOf(row: LearnTextRow): PublishedCopy | null {
  if (row.published_at === null || row.published_html === null) return null;
  return {
    title: row.published_title ?? '',
    summary: row.published_summary ?? '',
    html: row.published_html,
    legalBasis: row.published_legal_basis ?? '',
    lastReviewed: row.published_last_reviewed,
    publishedAt: row.published_at,
    publishedBy: row.published_by ?? '',
  };
}

function textOf(row: LearnTextRow): ContentText {
  return {
    id: row.id,
    itemId: row.item_id,
    language: row.language,
    variant: isVariant(row.variant) ? row.variant : 'standard',
    title: row.title,
    summary: row.summary,
    body: row.body,
    legalBasis: row.legal_basis,
    lastReviewed: row.last_reviewed,
    state: isState(row.state) ? row.state : 'draft',
    version: Number(row.version),
    reviewNote: row.review_note,
    savedAt: row.saved_at,
    savedBy: row.saved_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    published: publishedOf(row),
  };
}

function versionOf(row: LearnTextVersionRow): ContentVersion {
  return {
    version: Number(row.version),
    change: row.change,
    note: row.note,
    actor: row.actor,
    at: row.at,
    state: isState(row.state) ? row.state : 'draft',
    title: row.title,
    summary: row.summary,
    body: row.body,
    legalBasis: row.legal_basis,
    lastReviewed: row.last_reviewed,
  };
}

function groupByItem(texts: readonly LearnTextRow[]): Map<string, LearnTextRow[]> {
  const groups = new Map<string, LearnTextRow[]>();
  for (const text of texts) {
    const group = groups.get(text.item_id);
    if (group) group.push(text);
    else groups.set(text.item_id, [text]);
  }
  return groups;
}

/** Builds the content service. */
export function createContentService(deps: ContentDeps): ContentService {
  const { repository, clock } = deps;
  const urlOf = deps.urlOf ?? defaultContentUrl;
  const forbidden = { ok: false, problem: 'forbidden' } as const;
  const notFound = { ok: false, problem: 'notFound' } as const;
  const conflict = { ok: false, problem: 'conflict' } as const;
  const wrongState = { ok: false, problem: 'wrongState' } as const;
  const invalid = (issues: ContentIssue[]) => ({ ok: false, problem: 'invalid', issues }) as const;

  /** The order of languages a reader of `language` is shown an item in. */
  const fallbackOrder = (item: ContentItem, language: string): string[] => [...new Set([language, item.sourceLanguage, deps.defaultLanguage])];

  /** Writes one change of a text, its version row and its audit entry, in one transaction; answers the text after it. */
  const change = async (
    actor: ContentActor,
    text: LearnTextRow,
    what: { change: string; note?: string | null; fields: Partial<LearnTextRow>; work?: (tx: Transaction, after: LearnTextRow) => Promise<void> },
  ): Promise<ContentOutcome<ContentText>> => {
    const at = clock.now().toISOString();
    const who = actorName(actor);
    const after: LearnTextRow = { ...text, ...what.fields, version: text.version + 1, updated_at: at, updated_by: who };
    const isDone = await repository.inTransaction(async (trx, tx) => {
      if (!(await trx.updateText(text.id, Number(text.version), { ...what.fields, version: after.version, updated_at: at, updated_by: who }))) return false;
      await trx.insertVersion({
        id: deps.ids(),
        text_id: text.id,
        version: after.version,
        change: what.change,
        note: what.note ?? null,
        actor: who,
        at,
        state: after.state,
        title: after.title,
        summary: after.summary,
        body: after.body,
        legal_basis: after.legal_basis,
        last_reviewed: after.last_reviewed,
      });
      await what.work?.(tx, after);
      await deps.audit.record(tx, {
        actor: { type: actor.type, id: actor.id },
        action: `learn.content.${what.change}`,
        entityType: 'learn_text',
        entityId: text.id,
        details: { itemId: text.item_id, language: text.language, variant: text.variant, version: after.version, state: after.state },
      });
      return true;
    });
    return isDone ? { ok: true, value: textOf(after) } : conflict;
  };

  /** The text a step acts on, when the actor may act and the version is the one they saw. */
  const stepTarget = async (
    actor: ContentActor,
    action: ContentAction,
    step: TextStep,
  ): Promise<{ ok: true; text: LearnTextRow } | { ok: false; problem: ContentProblem }> => {
    if (!mayActOnContent(actor, action)) return forbidden;
    if (!isId(step.textId)) return notFound;
    const text = await repository.findTextById(step.textId);
    if (!text) return notFound;
    if (step.expectedVersion !== undefined && step.expectedVersion !== Number(text.version)) return conflict;
    return { ok: true, text };
  };

  const searchDocumentOf = async (text: LearnTextRow, item: LearnItemRow) => {
    const contentItem = itemOf(item);
    const parent = item.parent_id === null ? undefined : await repository.findItem(item.parent_id);
    const body = plainTextExcerpt(text.body, { maxLength: text.body.length + 10, locale: text.language });
    return {
      kind: `learn.${item.kind}`,
      id: item.id,
      language: text.language,
      title: text.title,
      body: [text.summary, body].filter((part) => part !== '').join(' '),
      url: urlOf({ item: contentItem, parent: parent ? itemOf(parent) : undefined, language: text.language, variant: 'standard' }),
    };
  };

  const publishedTextOf = (item: ContentItem, row: LearnTextRow, requestedLanguage: string, siblings: readonly LearnTextRow[]): PublishedText | undefined => {
    const copy = publishedOf(row);
    if (!copy) return undefined;
    const variants = TEXT_VARIANTS.filter((v) => siblings.some((s) => s.language === row.language && s.variant === v && publishedOf(s) !== null));
    return {
      ...copy,
      item,
      variant: isVariant(row.variant) ? row.variant : 'standard',
      language: row.language,
      requestedLanguage,
      isFallback: row.language !== requestedLanguage,
      variants,
    };
  };

  /** The published text of an item shown to a reader of `language`, among the item's texts. */
  const pick = (item: ContentItem, texts: readonly LearnTextRow[], language: string, variant: TextVariant): PublishedText | undefined => {
    for (const candidate of fallbackOrder(item, language)) {
      const row = texts.find((t) => t.language === candidate && t.variant === variant && t.published_at !== null);
      if (row) return publishedTextOf(item, row, language, texts);
    }
    return undefined;
  };

  return {
    async createItem(actor, input) {
      if (!mayActOnContent(actor, 'create')) return forbidden;
      const issues: ContentIssue[] = [];
      const slug = input.slug.trim();
      if (!isKind(input.kind)) issues.push({ field: 'kind', messageKey: 'learn.content.error.kindUnknown' });
      if (slug === '') issues.push({ field: 'slug', messageKey: 'learn.content.error.slugMissing' });
      else if (slug.length > SLUG_MAX || !SLUG_PATTERN.test(slug)) issues.push({ field: 'slug', messageKey: 'learn.content.error.slugInvalid' });
      if (!deps.languages.includes(input.sourceLanguage)) issues.push({ field: 'sourceLanguage', messageKey: 'learn.content.error.languageUnknown' });
      const topic = input.topic ?? null;
      if (input.kind === 'guide' && (topic === null || !deps.topics.includes(topic)))
        issues.push({ field: 'topic', messageKey: topic === null || topic === '' ? 'learn.content.error.topicMissing' : 'learn.content.error.topicUnknown' });
      let parent: LearnItemRow | undefined;
      if (input.kind === 'lesson') {
        parent = input.parentId && isId(input.parentId) ? await repository.findItem(input.parentId) : undefined;
        if (parent?.kind !== 'course') issues.push({ field: 'parentId', messageKey: 'learn.content.error.courseMissing' });
      }
      if (issues.length === 0 && (await repository.findItemBySlug(input.kind, slug)))
        issues.push({ field: 'slug', messageKey: 'learn.content.error.slugTaken' });
      if (issues.length > 0 || !isKind(input.kind)) return invalid(issues);
      const kind = input.kind;
      const row: LearnItemRow = {
        id: deps.ids(),
        kind,
        slug,
        topic: kind === 'guide' ? topic : null,
        parent_id: kind === 'lesson' ? (parent?.id ?? null) : null,
        position: input.position ?? (await repository.nextPosition(kind, kind === 'lesson' ? (parent?.id ?? null) : null)),
        source_language: input.sourceLanguage,
        created_at: clock.now().toISOString(),
        created_by: actorName(actor),
      };
      try {
        await repository.inTransaction(async (trx, tx) => {
          await trx.insertItem(row);
          await deps.audit.record(tx, {
            actor: { type: actor.type, id: actor.id },
            action: 'learn.content.item_created',
            entityType: 'learn_item',
            entityId: row.id,
            details: { kind, slug, topic: row.topic, parentId: row.parent_id },
          });
        });
      } catch (error) {
        // Two editors creating the same slug at once: the unique key decides.
        if (await repository.findItemBySlug(kind, slug)) return invalid([{ field: 'slug', messageKey: 'learn.content.error.slugTaken' }]);
        throw error;
      }
      return { ok: true, value: itemOf(row) };
    },

    async saveText(actor, input) {
      if (!mayActOnContent(actor, 'save')) return forbidden;
      const item = isId(input.itemId) ? await repository.findItem(input.itemId) : undefined;
      if (!item) return notFound;
      const issues: ContentIssue[] = [];
      const title = withoutNul(input.title).trim();
      const summary = withoutNul(input.summary).trim();
      const legalBasis = withoutNul(input.legalBasis).trim();
      const lastReviewed = input.lastReviewed.trim();
      if (!deps.languages.includes(input.language)) issues.push({ field: 'language', messageKey: 'learn.content.error.languageUnknown' });
      if (!isVariant(input.variant)) issues.push({ field: 'variant', messageKey: 'learn.content.error.variantUnknown' });
      if (title === '') issues.push({ field: 'title', messageKey: 'learn.content.error.titleMissing' });
      else if (title.length > TITLE_MAX) issues.push({ field: 'title', messageKey: 'learn.content.error.titleTooLong' });
      if (summary.length > SUMMARY_MAX) issues.push({ field: 'summary', messageKey: 'learn.content.error.summaryTooLong' });
      if (input.body.length > deps.settings.maxCharacters) issues.push({ field: 'body', messageKey: 'learn.content.error.bodyTooLong' });
      if (legalBasis.length > LEGAL_BASIS_MAX) issues.push({ field: 'legalBasis', messageKey: 'learn.content.error.legalBasisTooLong' });
      if (lastReviewed !== '' && !isCalendarDate(lastReviewed)) issues.push({ field: 'lastReviewed', messageKey: 'learn.content.error.lastReviewedInvalid' });
      else if (lastReviewed > clock.now().toISOString().slice(0, 10))
        issues.push({ field: 'lastReviewed', messageKey: 'learn.content.error.lastReviewedFuture' });
      if (issues.length > 0) return invalid(issues);
      const fields = {
        title,
        summary,
        body: withoutNul(input.body).replace(/\r\n?/g, '\n'),
        legal_basis: legalBasis,
        last_reviewed: lastReviewed === '' ? null : lastReviewed,
      };
      const at = clock.now().toISOString();
      const who = actorName(actor);
      const existing = await repository.findText(item.id, input.language, input.variant);
      if (existing) {
        if (input.expectedVersion !== undefined && input.expectedVersion !== Number(existing.version)) return conflict;
        return change(actor, existing, { change: 'saved', fields: { ...fields, state: 'draft', review_note: null, saved_at: at, saved_by: who } });
      }
      if (input.expectedVersion !== undefined && input.expectedVersion !== 0) return conflict;
      const row: LearnTextRow = {
        id: deps.ids(),
        item_id: item.id,
        language: input.language,
        variant: input.variant,
        ...fields,
        state: 'draft',
        version: 1,
        review_note: null,
        saved_at: at,
        saved_by: who,
        updated_at: at,
        updated_by: who,
        ...UNPUBLISHED,
      };
      try {
        await repository.inTransaction(async (trx, tx) => {
          await trx.insertText(row);
          await trx.insertVersion({ id: deps.ids(), text_id: row.id, version: 1, change: 'created', note: null, actor: who, at, state: 'draft', ...fields });
          await deps.audit.record(tx, {
            actor: { type: actor.type, id: actor.id },
            action: 'learn.content.created',
            entityType: 'learn_text',
            entityId: row.id,
            details: { itemId: item.id, language: row.language, variant: row.variant, version: 1, state: 'draft' },
          });
        });
      } catch (error) {
        // Another editor created this language meanwhile: theirs stands, this one is told.
        if (await repository.findText(item.id, input.language, input.variant)) return conflict;
        throw error;
      }
      return { ok: true, value: textOf(row) };
    },

    async submit(actor, step) {
      const target = await stepTarget(actor, 'submit', step);
      if (!target.ok) return target;
      if (target.text.state !== 'draft') return wrongState;
      return change(actor, target.text, { change: 'submitted', fields: { state: 'in_review' } });
    },

    async returnToDraft(actor, step) {
      const target = await stepTarget(actor, 'return', step);
      if (!target.ok) return target;
      const note = withoutNul(step.note).trim();
      if (note === '') return invalid([{ field: 'note', messageKey: 'learn.content.error.noteMissing' }]);
      if (note.length > NOTE_MAX) return invalid([{ field: 'note', messageKey: 'learn.content.error.noteTooLong' }]);
      if (target.text.state !== 'in_review') return wrongState;
      return change(actor, target.text, { change: 'returned', note, fields: { state: 'draft', review_note: note } });
    },

    async publish(actor, step) {
      const target = await stepTarget(actor, 'publish', step);
      if (!target.ok) return target;
      const { text } = target;
      if (text.state !== 'draft' && text.state !== 'in_review') return wrongState;
      if (!mayPublish(actor, text.saved_by)) return { ok: false, problem: 'fourEyes' };
      if (text.body.trim() === '') return invalid([{ field: 'body', messageKey: 'learn.content.error.bodyMissing' }]);
      const item = await repository.findItem(text.item_id);
      if (!item) return notFound;
      const html = renderMarkdown(text.body, { siteUrl: deps.publicUrl });
      const at = clock.now().toISOString();
      const document = text.variant === 'standard' ? await searchDocumentOf(text, item) : undefined;
      return change(actor, text, {
        change: 'published',
        fields: {
          state: 'published',
          review_note: null,
          published_title: text.title,
          published_summary: text.summary,
          published_html: html,
          published_legal_basis: text.legal_basis,
          published_last_reviewed: text.last_reviewed,
          published_at: at,
          published_by: actorName(actor),
        },
        // The search finds the standard text; the easy-read one is reached from it.
        work: async (tx) => {
          if (document) await deps.search.index(tx, document, at);
        },
      });
    },

    async archive(actor, step) {
      const target = await stepTarget(actor, 'archive', step);
      if (!target.ok) return target;
      const { text } = target;
      if (text.state === 'archived') return wrongState;
      const item = await repository.findItem(text.item_id);
      if (!item) return notFound;
      return change(actor, text, {
        change: 'archived',
        fields: {
          state: 'archived',
          ...UNPUBLISHED,
        },
        work: async (tx) => {
          if (text.variant === 'standard') await deps.search.remove(tx, { kind: `learn.${item.kind}`, id: item.id, language: text.language });
        },
      });
    },

    async restore(actor, step) {
      const target = await stepTarget(actor, 'restore', step);
      if (!target.ok) return target;
      if (!Number.isSafeInteger(step.version)) return notFound;
      const version = await repository.findVersion(target.text.id, step.version);
      if (!version) return notFound;
      const at = clock.now().toISOString();
      return change(actor, target.text, {
        change: 'restored',
        note: String(version.version),
        fields: {
          title: version.title,
          summary: version.summary,
          body: version.body,
          legal_basis: version.legal_basis,
          last_reviewed: version.last_reviewed,
          state: 'draft',
          review_note: null,
          saved_at: at,
          saved_by: actorName(actor),
        },
      });
    },

    async findItem(id) {
      if (!isId(id)) return undefined;
      const row = await repository.findItem(id);
      return row ? itemOf(row) : undefined;
    },

    async findItemBySlug(kind, slug) {
      if (!isSlug(slug)) return undefined;
      const row = await repository.findItemBySlug(kind, slug);
      return row ? itemOf(row) : undefined;
    },

    async listItems(filter = {}) {
      if (
        (filter.kind !== undefined && !isKind(filter.kind)) ||
        (filter.topic !== undefined && !deps.topics.includes(filter.topic)) ||
        (filter.parentId !== undefined && !isId(filter.parentId))
      )
        return [];
      return (await repository.listItems(filter)).map(itemOf);
    },

    async findText(itemId, language, variant) {
      if (!isId(itemId) || !deps.languages.includes(language) || !isVariant(variant)) return undefined;
      const row = await repository.findText(itemId, language, variant);
      return row ? textOf(row) : undefined;
    },

    async findTextById(id) {
      if (!isId(id)) return undefined;
      const row = await repository.findTextById(id);
      return row ? textOf(row) : undefined;
    },

    async textsOf(itemId) {
      if (!isId(itemId)) return [];
      return (await repository.listTextsOf([itemId])).map(textOf);
    },

    async listTexts(filter) {
      const query: TextFilter = {};
      if (filter.kind !== undefined && isKind(filter.kind)) query.kind = filter.kind;
      if (filter.state !== undefined && isState(filter.state)) query.state = filter.state;
      if (filter.language !== undefined && deps.languages.includes(filter.language)) query.language = filter.language;
      return (await repository.listTexts(query)).map((row: TextWithItem) => ({
        ...textOf(row),
        kind: isKind(row.item_kind) ? row.item_kind : 'guide',
        slug: row.item_slug,
      }));
    },

    async listVersions(textId) {
      if (!isId(textId)) return [];
      return (await repository.listVersions(textId)).map(versionOf);
    },

    async readPublished({ kind, slug, language, variant = 'standard' }) {
      if (!isSlug(slug) || !isKind(kind) || !isVariant(variant)) return undefined;
      const row = await repository.findItemBySlug(kind, slug);
      if (!row) return undefined;
      const item = itemOf(row);
      // Choose among the texts' heads, then read the words of the one shown only.
      const heads = await repository.listTextHeadsOf(item.id);
      const chosen = pick(item, heads, language, variant);
      const full = chosen ? await repository.findText(item.id, chosen.language, chosen.variant) : undefined;
      return full ? publishedTextOf(item, full, language, heads) : undefined;
    },

    async listPublished({ kind, language, topic, parentId }) {
      if (!isKind(kind) || (topic !== undefined && !deps.topics.includes(topic)) || (parentId !== undefined && !isId(parentId))) return [];
      const items = (await repository.listItems({ kind, topic, parentId })).map(itemOf);
      const texts = await repository.listTextsOf(items.map((i) => i.id));
      const byItem = groupByItem(texts);
      const list: PublishedText[] = [];
      for (const item of items) {
        const shown = pick(item, byItem.get(item.id) ?? [], language, 'standard');
        if (shown) list.push(shown);
      }
      return list;
    },

    async coverage() {
      const items = (await repository.listItems({})).map(itemOf);
      const texts = await repository.listTextsOf(items.map((i) => i.id));
      const byItem = groupByItem(texts);
      const dueBefore = reviewDueBefore(clock.now(), deps.settings.reviewEveryMonths);
      return items.map((item) => {
        const own = byItem.get(item.id) ?? [];
        const source = own.find((t) => t.language === item.sourceLanguage && t.variant === 'standard') ?? own[0];
        const cells: CoverageCell[] = [];
        for (const language of deps.languages)
          for (const variant of TEXT_VARIANTS) {
            const text = own.find((t) => t.language === language && t.variant === variant);
            const isPublic = text?.published_at !== null && text?.published_at !== undefined;
            cells.push({
              language,
              variant,
              state: text ? textOf(text).state : 'missing',
              isPublic,
              isReviewDue: isPublic && (text.published_last_reviewed === null || text.published_last_reviewed < dueBefore),
            });
          }
        return { item, title: source?.title ?? item.slug, cells };
      });
    },

    async figures() {
      const dueBefore = reviewDueBefore(clock.now(), deps.settings.reviewEveryMonths);
      const [inReview, reviewDue] = await Promise.all([repository.countInState('in_review'), repository.countReviewDue(dueBefore)]);
      return { inReview, reviewDue };
    },
  };
}
